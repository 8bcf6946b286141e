"""The service voucher renders as a real PDF (SVC-3). wkhtmltopdf calls back into
Odoo's HTTP server, so this runs in an HttpCase (see TESTING.md)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestVoucherPdf(HttpCase):
    def test_voucher_pdf_renders(self):
        request = self.env.ref("aftersales_service.request_demo_done")
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("aftersales_service.report_service_voucher", request.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        self.assertGreater(len(pdf), 5000)

    def test_voucher_download_route_is_protected(self):
        """A portal-less visitor cannot download a voucher."""
        request = self.env.ref("aftersales_service.request_demo_done")
        response = self.url_open(f"/report/pdf/aftersales_service.report_service_voucher/{request.id}")
        self.assertNotIn(b"%PDF", response.content[:10])
