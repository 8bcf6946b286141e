from odoo import api, models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _no_print_delay_modules(self):
        # this module's reports are plain QWeb documents too
        return (*super()._no_print_delay_modules(), "aftersales_survey")
