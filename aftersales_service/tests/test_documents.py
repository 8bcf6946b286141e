import io
import re
from datetime import date, datetime

from lxml import html as lxml_html

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .common import approve_estimate, load_chinese
from .test_completion import SIGNATURE
from .test_fees import FeesCase

VOUCHER = "aftersales_service.action_report_service_voucher"
BLANK_VOUCHER = "aftersales_service.action_report_service_voucher_blank"
PICKUP_RECEIPT = "aftersales_service.action_report_pickup_receipt"
REPAIR_CARD = "aftersales_service.action_report_repair_card"
SECONDS = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")


class DocumentsCase(FeesCase):
    """Paper documents the way a customer, a technician and the workshop read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.customer.tz = "Asia/Shanghai"
        cls.team.parts_manager_id = cls.clerk

    def render(self, report, records):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)
        return html.decode()

    def tree(self, report, records):
        return lxml_html.fromstring(self.render(report, records))

    def paid_visit(self, paid=100.0):
        """A paid visit (A): 2 h labour at 100, the 80 visit fee, one 50 part; ``paid``
        collected on site."""
        request = self.on_site_request()
        self.record_work(request, hours=2.0, part_qty=1.0)
        request.action_close()
        if paid:
            self.collect(request, paid)
        return request

    def taken_back(self):
        request = self.on_site_request()
        action = request.action_take_back()
        return request, self.env["repair.order"].browse(action["res_id"])


class TestServiceVoucher(DocumentsCase):
    def test_paid_voucher_prints_each_fee_and_what_is_still_due(self):
        """SVC-3 / SVC-7: the paid voucher lists labour, visit fee and parts with their
        amounts, the total, what was collected on site and what is still due."""
        request = self.paid_visit(paid=100.0)
        kinds = {line["kind"]: line["amount"] for line in request._get_fee_lines()}
        self.assertEqual(kinds, {"labour": 200.0, "visit": 80.0, "part": 50.0})
        doc = self.tree(VOUCHER, request)
        fees = doc.get_element_by_id("voucher_fees")
        for kind, amount in (("labour", "200.00"), ("visit", "80.00"), ("part", "50.00")):
            row = fees.find_class(f"o_aftersales_fee_{kind}")
            self.assertEqual(len(row), 1, kind)
            self.assertIn(amount, row[0].text_content())
        self.assertIn("330.00", doc.get_element_by_id("voucher_fee_total").text_content())
        self.assertIn("100.00", fees.text_content(), "collected on site")
        self.assertIn("230.00", doc.get_element_by_id("voucher_fee_remaining").text_content())

    def test_free_voucher_prints_no_fees(self):
        request = self.dispatched_request()  # the equipment is under warranty: category C
        self.assertEqual(request._get_fee_lines(), [])
        self.assertNotIn("o_aftersales_fee_", self.render(VOUCHER, request))

    def test_voucher_has_both_signature_boxes_and_the_paper_survey(self):
        """SVC-3 / SUR-2: a box for the technician and one for the customer, inside the
        margins (a table, no overhanging bootstrap row), and the four survey criteria
        with a tick box per degree for customers who answer on paper."""
        request = self.paid_visit()
        doc = self.tree(VOUCHER, request)
        signature = doc.get_element_by_id("voucher_signature")
        self.assertEqual(signature.tag, "table")
        cells = signature.findall(".//td")
        self.assertEqual(len(cells), 2)
        self.assertIn("Technician", cells[0].text_content())
        self.assertIn(self.tech_a.name, cells[0].text_content())
        self.assertIn("Customer Signature", cells[1].text_content())
        self.assertEqual(len(cells[1].findall(".//img")), 1, "the customer's signature")
        self.assertFalse(doc.xpath("//div[contains(@class, 'row')]//div[contains(@class, 'border')]"))
        survey = doc.get_element_by_id("voucher_survey")
        rows = survey.findall("./tbody/tr")
        self.assertEqual(
            [row[0].text_content() for row in rows],
            ["Attitude", "Skill", "Arrival Time", "Promised Items Handled"],
        )
        self.assertTrue(all(row.text_content().count("☐") == 4 for row in rows))

    def test_voucher_prints_no_empty_label_and_no_seconds(self):
        """X-1: times to the minute in the customer's time zone; a label without a value
        (no contact person) is left out."""
        request = self.create_request(call_time=datetime(2026, 11, 16, 9, 0, 27), contact_name=False)
        html = self.render(VOUCHER, request)
        header = lxml_html.fromstring(html).get_element_by_id("voucher_header").text_content()
        self.assertNotIn("Contact", header)
        self.assertIn("05:00 PM", header, "09:00 UTC is 5 pm in Shanghai")
        self.assertFalse(SECONDS.findall(html))

    def test_chinese_customer_gets_simplified_chinese_glyphs(self):
        request = self.paid_visit()
        self.assertNotIn("o_aftersales_zh", self.render(VOUCHER, request))
        self.customer.lang = "zh_CN"
        html = self.render(VOUCHER, request)
        self.assertIn("o_aftersales_zh", html)
        self.assertIn("服务凭证", html)

    def test_voucher_carries_the_company_letterhead(self):
        self.env.company.phone = "+86 21 6350 8800"
        doc = self.tree(VOUCHER, self.paid_visit())
        letterhead = doc.get_element_by_id("letterhead").text_content()
        self.assertIn(self.env.company.name, letterhead)
        self.assertIn("+86 21 6350 8800", letterhead)

    def test_blank_voucher_for_filling_in_by_hand(self):
        """SVC-3: printed from the team, the same card with empty lines."""
        doc = self.tree(BLANK_VOUCHER, self.team)
        self.assertIn("Service Voucher", doc.text_content())
        self.assertFalse(doc.find_class("o_aftersales_fee_labour"), "no amounts on a blank voucher")
        fees = doc.get_element_by_id("voucher_fees").text_content()
        for label in ("Labour", "Visit Fee", "Parts", "Collected On Site", "Still Due"):
            self.assertIn(label, fees)
        self.assertGreaterEqual(len(doc.get_element_by_id("voucher_time").findall(".//tbody/tr")), 4)
        self.assertEqual(len(doc.get_element_by_id("voucher_survey").findall("./tbody/tr")), 4)
        self.assertEqual(len(doc.get_element_by_id("voucher_signature").findall(".//td")), 2)


class TestRepairDocuments(DocumentsCase):
    def test_pickup_receipt_lists_accessories_condition_and_storage(self):
        """RPR-1: what came in with the product and how it looked, where it is kept, its
        serial (the equipment's, there is no lot), the expected return date and the
        customer's signature."""
        _request, repair = self.taken_back()
        repair.write(
            {
                "pickup_accessories": "Power cable, 2 paper trays",
                "pickup_scratches": True,
                "pickup_condition_note": "Scratch on the left cover",
                "storage_location": "Shelf B-3",
                "schedule_date": datetime(2026, 12, 4, 10, 0),
                "pickup_signed_by": "Ms. Zhou",
                "pickup_signature": SIGNATURE,
            }
        )
        self.assertFalse(repair.lot_id)
        self.assertEqual(repair.aftersales_serial_number, "SN-OLD")
        doc = self.tree(PICKUP_RECEIPT, repair)
        details = doc.get_element_by_id("receipt_details").text_content()
        for expected in ("SN-OLD", "Shelf B-3", "Expected Return", "2026"):
            self.assertIn(expected, details)
        condition = doc.get_element_by_id("receipt_condition").text_content()
        self.assertIn("Power cable, 2 paper trays", condition)
        self.assertIn("☒ Scratches", condition)
        self.assertIn("☐ Dents", condition)
        self.assertIn("Scratch on the left cover", condition)
        signature = doc.get_element_by_id("receipt_signature")
        self.assertIn("Ms. Zhou", signature.text_content())
        self.assertEqual(len(signature.findall(".//img")), 1)
        self.assertFalse(SECONDS.findall(doc.text_content()))

    def test_repair_card_prints_fault_time_per_technician_and_sign_off(self):
        """RPR-3 / RPR-4: the fault, the work done, each technician's total time, the
        parts, and boxes for the technician and the inspecting supervisor."""
        _request, repair = self.taken_back()
        repair.action_validate()
        approve_estimate(repair)
        repair.action_repair_start()
        repair.aftersales_time_entry_ids = [
            Command.create({"hours": 1.0, "user_id": self.tech_a.id, "description": "Replaced the fuser"}),
            Command.create({"hours": 0.5, "user_id": self.tech_a.id, "description": "Bench test"}),
            Command.create({"hours": 0.25, "user_id": self.tech_b.id, "description": "Cleaning"}),
        ]
        repair.action_request_inspection()
        repair.with_user(self.supervisor).action_inspection_pass()
        self.assertEqual(
            dict(repair._get_time_by_technician()),
            {self.tech_a: 1.5, self.tech_b: 0.25},
        )
        doc = self.tree(REPAIR_CARD, repair)
        work = doc.get_element_by_id("card_work").text_content()
        self.assertIn("Paper jam", work, "the request's symptom")
        self.assertIn("Replaced the fuser", work)
        totals = [row.text_content() for row in doc.find_class("o_aftersales_time_total")]
        self.assertEqual(len(totals), 2)
        self.assertIn("01:30", next(t for t in totals if self.tech_a.name in t))
        self.assertIn("00:15", next(t for t in totals if self.tech_b.name in t))
        signature = doc.get_element_by_id("card_signature").text_content()
        self.assertIn("Technician", signature)
        self.assertIn("Inspected By", signature)
        self.assertIn(self.supervisor.name, signature)
        self.assertFalse(SECONDS.findall(doc.text_content()))


@tagged("post_install", "-at_install")
class TestDocumentsPdf(DocumentsCase, HttpCase):
    """Real PDFs (wkhtmltopdf needs the HTTP server, hence HttpCase): every document on
    A4, each on its own sheet."""

    def assert_a4_pdf(self, report, records, pages):
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_format, "pdf")
        reader = PdfFileReader(io.BytesIO(pdf))
        self.assertEqual(len(reader.pages), pages, report)
        box = reader.pages[0].mediabox
        self.assertAlmostEqual(float(box.width), 595, delta=2, msg=report)
        self.assertAlmostEqual(float(box.height), 842, delta=2, msg=report)

    def test_every_report_is_on_a4(self):
        for action in self.env["ir.actions.report"].search([("report_name", "=like", "aftersales_%")]):
            self.assertEqual(action.get_paperformat().format, "A4", action.report_name)

    def test_documents_print_on_one_a4_sheet_each(self):
        self.customer.lang = "zh_CN"
        request = self.paid_visit()
        self.assert_a4_pdf(VOUCHER, request, 1)
        self.assert_a4_pdf(BLANK_VOUCHER, self.team, 1)
        _request, repair = self.taken_back()
        self.assert_a4_pdf(PICKUP_RECEIPT, repair, 1)
        self.assert_a4_pdf(REPAIR_CARD, repair, 1)
        contract = self.env["aftersales.contract"].create(
            {
                "partner_id": self.customer.id,
                "equipment_ids": [Command.set(self.equipment.ids)],
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
            }
        )
        self.assert_a4_pdf("aftersales_service.action_report_contract_expiry", contract, 1)
        daily = self.env["aftersales.daily.report"].create(
            {"report_type": "technician", "technician_id": self.tech_a.id, "date": date(2026, 11, 16)}
        )
        self.assert_a4_pdf("aftersales_service.action_report_daily_report", daily, 1)
