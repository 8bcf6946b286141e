from odoo import api, models

# DSP-1: Chinese calendars start the week on Monday (Odoo's language data says Sunday)
MONDAY_FIRST = ("zh_CN",)


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code") in MONDAY_FIRST and "week_start" not in vals:
                vals["week_start"] = "1"
        return super().create(vals_list)

    @api.model
    def _aftersales_weeks_start_on_monday(self):
        """For the languages already installed when the module is."""
        self.with_context(active_test=False).search([("code", "in", MONDAY_FIRST)]).week_start = "1"
