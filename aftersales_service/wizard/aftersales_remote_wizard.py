from odoo import fields, models


class AftersalesRemoteWizard(models.TransientModel):
    """SVC-10: the solution given by phone or remote help and the time it took."""

    _name = "aftersales.remote.wizard"
    _description = "Resolve a Request Remotely"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade")
    solution = fields.Text(
        required=True, help="What was diagnosed and how the customer's problem was solved."
    )
    hours = fields.Float(string="Time Spent (Hours)", required=True, default=0.5)
    user_id = fields.Many2one(
        "res.users", string="Solved By", required=True, default=lambda self: self.env.user
    )

    def action_confirm(self):
        self.ensure_one()
        self.request_id._resolve_remotely(self.solution, self.hours, self.user_id)
        return {"type": "ir.actions.act_window_close"}
