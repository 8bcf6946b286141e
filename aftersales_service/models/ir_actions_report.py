from odoo import api, models

# Odoo gives every PDF ``report.print_delay`` (1 000 ms by default) for JavaScript to
# draw the page before printing. The product's reports are plain QWeb documents with no
# script: wkhtmltopdf still waits for the page, its stylesheets and fonts to load, so
# they print the same with no delay (checked pixel for pixel) in 0.3 s instead of 1.3 s.
# That second is what limited the expiry notices a cron run can send (CTR-3, issue 8).
PRODUCT_MODULES = ("aftersales_service.", "aftersales_survey.", "aftersales_complaint.")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        report = self._get_report(report_ref) if report_ref else self
        printer = self
        if (report.report_name or "").startswith(PRODUCT_MODULES):
            printer = self.with_context(aftersales_no_print_delay=True)
        return super(IrActionsReport, printer)._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)

    @api.model
    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(*args, **kwargs)
        if self.env.context.get("aftersales_no_print_delay") and "--javascript-delay" in command_args:
            command_args[command_args.index("--javascript-delay") + 1] = "0"
        return command_args
