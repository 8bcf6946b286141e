"""PRT-4/PRT-5 in a real browser at phone size (390x844): a visitor opens an
equipment label's URL, reports a problem with a photo and follows the status; the
QR labels of the equipment list print on A4, one QR code per label."""

import io

import lxml.html

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.pdf import PdfReader

A4_POINTS = (595, 842)


@tagged("post_install", "-at_install")
class TestScanTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(
            cls.env,
            "t_scan_tech",
            name="Tour Technician",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
        )
        team = cls.env["aftersales.team"].create(
            {"name": "Scan Tour Team", "member_ids": [Command.set([cls.technician.id])]}
        )
        customer = cls.env["res.partner"].create(
            {"name": "Scan Tour Customer", "phone": "+86 21 5550 0999", "aftersales_team_id": team.id}
        )
        product = cls.env["product.product"].create({"name": "Tour Copier", "aftersales_warranty_months": 12})
        cls.equipment = cls.env["aftersales.equipment"].create(
            [
                {"partner_id": customer.id, "product_id": product.id, "serial_number": f"SN-TOUR-{number}"}
                for number in range(1, 27)
            ]
        )

    def test_report_from_the_label_and_follow_the_status(self):
        label = self.equipment[0]
        self.start_tour(f"/aftersales/scan/{label.sudo().label_token}", "aftersales_scan_tour", timeout=120)
        created = self.env["aftersales.request"].search(
            [("channel", "=", "qr"), ("equipment_id", "=", label.id)]
        )
        self.assertEqual(created.symptom, "Paper jams in tray 2")
        self.assertEqual(created.equipment_id, label)
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", created._name), ("res_id", "=", created.id)]
        )
        self.assertEqual(photo.name, "jam.png")
        created.technician_id = self.technician
        self.start_tour(
            f"/aftersales/status/{created.sudo().status_token}", "aftersales_scan_status_tour", timeout=60
        )

    def test_labels_print_on_a4_one_qr_code_each(self):
        Report = self.env["ir.actions.report"]
        html, _format = Report._render_qweb_html(
            "aftersales_service.report_equipment_labels", self.equipment.ids
        )
        tree = lxml.html.fromstring(html)
        codes = tree.xpath("//img[contains(@class, 'o_aftersales_label_qr')]")
        self.assertEqual(len(codes), len(self.equipment))
        self.assertTrue(all(code.get("src").startswith("data:image/png;base64,") for code in codes))
        self.assertEqual(
            len(tree.xpath("//div[contains(@class, 'o_aftersales_label_sheet')]")), 2, "24 a sheet"
        )
        self.assertIn("SN-TOUR-26", html.decode())
        pdf, _format = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "aftersales_service.report_equipment_labels", self.equipment.ids
        )
        reader = PdfReader(io.BytesIO(pdf))
        self.assertEqual(len(reader.pages), 2)
        box = reader.pages[0].mediabox
        self.assertEqual((round(float(box.width)), round(float(box.height))), A4_POINTS)
