import io
import re
from datetime import date

from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.pdf import PdfFileReader

from .common import ComplaintCase

RETURN_SLIP = "aftersales_complaint.action_report_return_slip"
RETURN_SLIP_PICKING = "aftersales_complaint.action_report_return_slip_picking"
HR_NOTICE = "aftersales_complaint.action_report_hr_notice"
HR_ACTIVITY = "aftersales_complaint.mail_activity_type_hr_notice"
SECONDS = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")


def cells(element):
    return [cell.text_content().strip() for cell in element.findall(".//td")]


class PaperworkCase(ComplaintCase):
    """CMP-11: the product return slip (产品退货单) of an approved return and the HR notice
    (人事公布单) of the administrative sanctions of a monthly review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["aftersales_complaint"], ["zh_CN"], overwrite=True)
        cls.storekeeper = new_test_user(
            cls.env, "t_storekeeper", groups="base.group_user,stock.group_stock_user"
        )
        cls.accountant = new_test_user(
            cls.env, "t_accountant", groups="base.group_user,account.group_account_invoice"
        )
        cls.hr = new_test_user(
            cls.env, "t_hr", groups="base.group_user", name="Sun Li (HR)", lang="zh_CN", tz="Asia/Shanghai"
        )
        cls.portal_user = new_test_user(cls.env, "t_portal_paperwork", groups="base.group_portal")
        cls.env.company.aftersales_hr_manager_id = cls.hr

    def render(self, report, records, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.env.user)
        html, _format = Report._render_qweb_html(report, records.ids)
        return lxml_html.fromstring(html.decode())

    @classmethod
    def returned(cls, approved=3, received=2, **values):
        """A return of ``approved`` toner packs approved by the manager, ``received`` of
        them taken in (the rest of the transfer cancelled)."""
        complaint = cls.investigated(resolution_type="return", resolution_qty=approved, **values)
        complaint.with_user(cls.manager).action_approve()
        if received:
            moves = complaint.picking_id.move_ids
            moves.write({"quantity": received, "picked": True})
            complaint.picking_id.with_context(cancel_backorder=True)._action_done()
        return complaint

    @classmethod
    def october_review(cls):
        """October: an administrative sanction for technician A, a bonus deduction for B."""
        cls.sanction = cls.close_on(
            "2025-10-12 08:00:00",
            responsible_department="service",
            responsible_user_id=cls.tech_a.id,
            penalty_type="administrative",
            sanction_description="Written warning",
            penalty_amount=200,
        )
        cls.deduction = cls.close_on(
            "2025-10-20 08:00:00",
            responsible_department="service",
            responsible_user_id=cls.tech_b.id,
            penalty_type="bonus_deduction",
            penalty_amount=50,
        )
        return cls.env["aftersales.complaint.review"]._open_for_month(date(2025, 10, 1))

    def approve(self, review):
        with freeze_time("2025-11-05 02:00:00"):
            review.with_user(self.general_manager).action_approve()
        return review


class TestReturnSlip(PaperworkCase):
    def test_slip_shows_the_approved_and_the_received_quantity(self):
        lot = self.env["stock.lot"].create({"name": "LOT-0420", "product_id": self.toner.id})
        complaint = self.returned(lot_id=lot.id)
        self.assertEqual(self.env.ref(RETURN_SLIP).binding_model_id.model, "aftersales.complaint")
        doc = self.render(RETURN_SLIP, complaint)
        self.assertIn(self.env.company.name, doc.get_element_by_id("letterhead").text_content())
        details = doc.get_element_by_id("return_slip_details").text_content()
        for text in (self.customer.name, complaint.name, self.order.name, "Toner Pack", "LOT-0420", "Return"):
            self.assertIn(text, details)
        self.assertIn("Wrong toner batch", details, "the reason: the cause found")
        self.assertIn("3.00", doc.get_element_by_id("return_slip_approved").text_content())
        self.assertIn("2.00", doc.get_element_by_id("return_slip_received").text_content())
        self.assertIn("1.00", doc.get_element_by_id("return_slip_difference").text_content())
        transfer = doc.get_element_by_id("return_slip_transfer").text_content()
        self.assertIn(complaint.picking_id.name, transfer)
        self.assertIn("Received On", transfer)
        self.assertIn(self.manager.name, transfer, "who approved")
        self.assertEqual(
            cells(doc.get_element_by_id("return_slip_signature")),
            ["Customer", "Warehouse (Received By)", "Finance (Checked By)"],
        )
        self.assertFalse(SECONDS.findall(doc.text_content()))

    def test_slip_goes_to_the_warehouse_before_the_goods_come_back(self):
        complaint = self.returned(received=0)
        doc = self.render(RETURN_SLIP, complaint)
        self.assertIn("Not received yet", doc.get_element_by_id("return_slip_received").text_content())
        self.assertIn("Expected On", doc.get_element_by_id("return_slip_transfer").text_content())

    def test_slip_in_the_customers_language(self):
        self.customer.lang = "zh_CN"
        complaint = self.returned()
        doc = self.render(RETURN_SLIP, complaint)
        self.assertEqual(doc.find(".//h2").text_content().strip(), "产品退货单")
        quantities = doc.get_element_by_id("return_slip_quantities").text_content()
        self.assertIn("核定数量", quantities)
        self.assertIn("实际退回数量", quantities)
        self.assertEqual(
            cells(doc.get_element_by_id("return_slip_signature")), ["客户签章", "仓储部签收", "财务部核对"]
        )
        self.assertNotIn("Return Slip", doc.text_content())

    def test_warehouse_prints_the_slip_from_the_return_transfer(self):
        complaint = self.returned()
        picking = complaint.picking_id
        with self.assertRaises(AccessError, msg="the storekeeper has no after-sales rights"):
            self.render(RETURN_SLIP, complaint, user=self.storekeeper)
        doc = self.render(RETURN_SLIP_PICKING, picking, user=self.storekeeper)
        self.assertIn(complaint.name, doc.get_element_by_id("return_slip_details").text_content())
        self.assertIn("3.00", doc.get_element_by_id("return_slip_approved").text_content())
        self.assertIn("2.00", doc.get_element_by_id("return_slip_received").text_content())
        form = self.env["stock.picking"].get_view(self.env.ref("stock.view_picking_form").id)["arch"]
        self.assertIn(f'name="{self.env.ref(RETURN_SLIP_PICKING).id}"', form, "the transfer's print button")
        with self.assertRefused(UserError, "is not the return of a complaint"):
            self.render(RETURN_SLIP_PICKING, self.order.picking_ids, user=self.storekeeper)

    def test_slip_refused_without_an_approved_return(self):
        proposed = self.investigated(resolution_type="return", resolution_qty=2)
        with self.assertRefused(UserError, "has no approved return"):
            self.render(RETURN_SLIP, proposed)
        rejected = self.investigated(resolution_type="rejected")
        rejected.action_approve()
        with self.assertRefused(UserError, "has no approved return"):
            self.render(RETURN_SLIP, rejected)
        replaced = self.investigated(resolution_type="replacement", resolution_qty=1)
        replaced.with_user(self.manager).action_approve()
        with self.assertRefused(UserError, "has no approved return"):
            self.render(RETURN_SLIP, replaced)

    def test_credit_note_shows_finance_the_approved_and_the_received_quantity(self):
        complaint = self.returned()
        credit_note = self.invoice._reverse_moves()
        self.assertEqual(credit_note.state, "draft")
        alert = credit_note.with_user(self.accountant).alerts[f"aftersales_return_{complaint.id}"]
        self.assertEqual(alert["level"], "warning", "fewer came back than approved")
        for text in (complaint.name, "3.00", "2.00", complaint.picking_id.name):
            self.assertIn(text, alert["message"])
        credit_note.action_post()
        self.assertNotIn(f"aftersales_return_{complaint.id}", credit_note.alerts or {}, "booked: checked")
        other_invoice = self.invoice.copy()
        other_invoice.action_post()
        self.assertFalse(
            [
                key
                for key in other_invoice._reverse_moves().alerts or {}
                if key.startswith("aftersales_return")
            ]
        )


class TestHrNotice(PaperworkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review = cls.october_review()

    def hr_activities(self, review):
        return review.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(HR_ACTIVITY))

    def test_hr_recipient_is_a_company_setting(self):
        arch = self.env["res.company"].get_view(self.env.ref("base.view_company_form").id)["arch"]
        self.assertIn('name="aftersales_hr_manager_id"', arch)

    def test_issue_gives_hr_an_activity_with_the_notice_in_their_language(self):
        self.approve(self.review)
        self.review.with_user(self.manager).with_context(lang="en_US").action_issue()
        activity = self.hr_activities(self.review)
        self.assertEqual(activity.user_id, self.hr)
        self.assertEqual(activity.summary, "公布 2025-10 客户投诉月度审视的人事公布单")
        self.assertIn(self.tech_a.name, activity.note)
        attachment = activity.attachment_ids
        self.assertEqual(attachment.name, "人事公布单 2025-10.pdf")
        self.assertEqual((attachment.res_model, attachment.res_id), (self.review._name, self.review.id))
        self.assertIn("人事公布单".encode(), attachment.raw, "the notice itself, written for HR")
        notification = self.env["mail.message"].search(
            [
                ("model", "=", self.review._name),
                ("res_id", "=", self.review.id),
                ("partner_ids", "in", self.hr.partner_id.ids),
            ]
        )
        self.assertEqual(notification.attachment_ids, attachment, "the mail to HR carries the PDF")
        self.assertEqual(notification.subject, activity.summary)

    def test_notice_lists_each_sanctioned_person(self):
        self.hr.lang = "en_US"
        self.approve(self.review)
        doc = self.render(HR_NOTICE, self.review)
        self.assertIn(self.hr.name, doc.get_element_by_id("hr_notice_addressee").text_content())
        rows = doc.get_element_by_id("hr_notice_sanctions").findall(".//tbody/tr")
        self.assertEqual(len(rows), 1, "the bonus deduction is no administrative sanction")
        row = cells(rows[0])
        self.assertEqual(row[:2], [self.tech_a.name, "Customer Service"])
        self.assertIn(self.sanction.name, row[2])
        self.assertIn(self.customer.name, row[2])
        self.assertEqual(row[3:5], ["Wrong toner batch", "Written warning"])
        self.assertIn("200.00", row[5])
        approval = cells(doc.get_element_by_id("hr_notice_signature"))
        self.assertIn(self.general_manager.name, approval[0])
        self.assertIn("11/05/2025", approval[0])
        self.assertEqual(approval[1], "Human Resources (Published On)")
        self.assertNotIn(self.tech_b.name, doc.text_content())
        self.assertFalse(SECONDS.findall(doc.text_content()))

    def test_notice_in_chinese_for_a_chinese_hr_recipient(self):
        self.approve(self.review)
        doc = self.render(HR_NOTICE, self.review)
        self.assertEqual(doc.find(".//h2").text_content().strip(), "人事公布单")
        head = [
            cell.text_content().strip()
            for cell in doc.get_element_by_id("hr_notice_sanctions").findall(".//th")
        ]
        self.assertEqual(head, ["姓名", "部门", "客户投诉", "过失事实", "处罚方式", "金额"])
        row = cells(doc.get_element_by_id("hr_notice_sanctions").find(".//tbody/tr"))
        self.assertEqual(row[1], "客户服务部")
        self.assertIn("2025/11/05", cells(doc.get_element_by_id("hr_notice_signature"))[0])
        self.assertNotIn("HR Notice", doc.text_content())

    def test_review_without_administrative_sanction_has_no_hr_notice(self):
        self.env.company.aftersales_hr_manager_id = False
        self.close_on(
            "2025-11-10 08:00:00",
            responsible_user_id=self.tech_b.id,
            penalty_type="penalty",
            penalty_amount=30,
        )
        november = self.env["aftersales.complaint.review"]._open_for_month(date(2025, 11, 1))
        november.with_user(self.general_manager).action_approve()
        november.action_issue()
        self.assertEqual(november.state, "issued", "no HR recipient needed")
        self.assertFalse(self.hr_activities(november))
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", november._name), ("res_id", "=", november.id)]
            )
        )
        with self.assertRefused(UserError, "has no administrative sanction"):
            self.render(HR_NOTICE, november)

    def test_notice_refused_before_the_general_managers_approval(self):
        with self.assertRefused(UserError, "printed once the general manager approved"):
            self.render(HR_NOTICE, self.review)

    def test_issue_refused_without_hr_recipient(self):
        self.env.company.aftersales_hr_manager_id = False
        self.approve(self.review)
        with self.assertRefused(UserError, "choose the HR notice recipient"):
            self.review.action_issue()
        self.assertEqual(self.review.state, "approved")
        self.assertFalse(self.hr_activities(self.review))

    def test_sanction_needs_its_responsible_person(self):
        self.sanction.responsible_user_id = False
        with self.assertRefused(UserError, "administrative sanction on nobody"):
            self.review.with_user(self.general_manager).action_approve()
        self.assertEqual(self.review.state, "draft")

    def test_technician_and_portal_user_cannot_print_the_notice(self):
        self.approve(self.review)
        self.review.action_issue()
        for user in (self.tech_a, self.portal_user):
            with self.assertRaises(AccessError, msg=user.login):
                self.render(HR_NOTICE, self.review, user=user)
        with self.assertRaises(AccessError):
            self.hr_activities(self.review).attachment_ids.with_user(self.tech_a).raw  # noqa: B018


@tagged("post_install", "-at_install")
class TestPaperworkPdf(PaperworkCase, HttpCase):
    """Real PDFs (wkhtmltopdf calls back into the HTTP server, hence HttpCase)."""

    def assert_one_a4_page(self, report, records):
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_format, "pdf")
        reader = PdfFileReader(io.BytesIO(pdf))
        self.assertEqual(len(reader.pages), 1, report)
        box = reader.pages[0].mediabox
        self.assertAlmostEqual(float(box.width), 595, delta=2, msg=report)
        self.assertAlmostEqual(float(box.height), 842, delta=2, msg=report)

    def test_return_slip_and_hr_notice_print_on_one_a4_page(self):
        self.customer.lang = "zh_CN"
        self.assert_one_a4_page(RETURN_SLIP, self.returned())
        review = self.approve(self.october_review())
        self.assert_one_a4_page(HR_NOTICE, review)

    def test_hr_reads_the_notice_by_its_link_without_after_sales_rights(self):
        review = self.approve(self.october_review())
        review.action_issue()
        activity = review.activity_ids.filtered(lambda a: a.user_id == self.hr)
        attachment = activity.attachment_ids
        link = lxml_html.fromstring(activity.note).xpath("//a/@href")[0]
        self.authenticate("t_hr", "t_hr")
        response = self.url_open(link[link.index("/web/content/") :])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, attachment.raw)
        for login in ("t_hr", "t_tech_a"):
            self.authenticate(login, login)
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
            self.assertEqual(response.status_code, 404, f"{login}: no token, no notice")
