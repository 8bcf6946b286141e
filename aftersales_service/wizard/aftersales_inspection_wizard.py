from odoo import fields, models


class AftersalesInspectionWizard(models.TransientModel):
    _name = "aftersales.inspection.wizard"
    _description = "Fail a Repair Inspection"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.repair_id._inspection_fail(self.reason)
        return {"type": "ir.actions.act_window_close"}
