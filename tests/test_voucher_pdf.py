"""The service voucher renders as a real PDF (SVC-3). wkhtmltopdf calls back into
Odoo's HTTP server, so this runs in an HttpCase (see TESTING.md)."""

from unittest.mock import patch

from odoo import Command
from odoo.addons.aftersales_service.tests.common import AftersalesCase
from odoo.addons.base.models import ir_actions_report
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestVoucherPdf(AftersalesCase, HttpCase):
    """A visit closed on site, with its time and a part, on a database with or without
    demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.dispatched_request()
        cls.request.action_arrive()
        cls.request.write(
            {
                "work_done": "Replaced the toner sensor contacts",
                "time_entry_ids": [Command.create({"hours": 1.5, "user_id": cls.tech_a.id})],
                "part_ids": [Command.create({"product_id": cls.part.id, "quantity": 1})],
                "no_signature_reason": "Signed the paper voucher",
            }
        )
        cls.request.action_close()

    def test_voucher_pdf_renders(self):
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("aftersales_service.report_service_voucher", self.request.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        self.assertGreater(len(pdf), 5000)

    def test_product_reports_print_without_the_javascript_delay(self):
        """Odoo waits ``report.print_delay`` in every PDF for scripts that
        our QWeb documents do not have; ours print at once, Odoo's own keep the delay.
        The real wkhtmltopdf runs: only its command line is recorded."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        with patch.object(
            ir_actions_report, "_run_wkhtmltopdf", wraps=ir_actions_report._run_wkhtmltopdf
        ) as wkhtmltopdf:
            pdf, _format = Report._render_qweb_pdf(
                "aftersales_service.report_service_voucher", self.request.ids
            )
            Report._run_wkhtmltopdf(
                ["<html><body>Odoo</body></html>"], report_ref="base.report_irmodulereference"
            )
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        ours, odoos = (call.args[0] for call in wkhtmltopdf.call_args_list)
        self.assertEqual(ours[ours.index("--javascript-delay") + 1], "0")
        self.assertEqual(odoos[odoos.index("--javascript-delay") + 1], "1000")

    def test_voucher_download_route_is_protected(self):
        """A portal-less visitor cannot download a voucher."""
        response = self.url_open(f"/report/pdf/aftersales_service.report_service_voucher/{self.request.id}")
        self.assertNotIn(b"%PDF", response.content[:10])
