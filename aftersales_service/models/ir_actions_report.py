from odoo import api, models

# Odoo gives every PDF ``report.print_delay`` for JavaScript to draw the page before
# printing. The product's reports are plain QWeb documents with no script: wkhtmltopdf
# still waits for the page, its stylesheets and fonts to load, so they print the same
# with no delay (checked pixel for pixel). The delay is what limited the expiry notices
# a cron run can send (CTR-3).
#
# They also print the company's letterhead inside the page (report_letterhead): Debian's
# wkhtmltopdf (unpatched Qt) drops the layout's separate header, which left the top of
# every document blank. With a patched build that header would print a second letterhead
# in the top margin, so it is not handed to wkhtmltopdf: one letterhead with either build.


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _no_print_delay_modules(self):
        """Modules whose QWeb reports print without the JavaScript delay; each module
        built on this one adds its own name."""
        return ("aftersales_service",)

    @api.model
    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        report = self._get_report(report_ref) if report_ref else self
        printer = self
        prefixes = tuple(f"{module}." for module in self._no_print_delay_modules())
        if (report.report_name or "").startswith(prefixes):
            printer = self.with_context(aftersales_no_print_delay=True)
            kwargs["header"] = None
        return super(IrActionsReport, printer)._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)

    @api.model
    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(*args, **kwargs)
        if self.env.context.get("aftersales_no_print_delay") and "--javascript-delay" in command_args:
            command_args[command_args.index("--javascript-delay") + 1] = "0"
        return command_args
