from odoo import api, fields, models


class AftersalesAssignWizard(models.TransientModel):
    """DSP-2: the team's technicians for one request, best first, with the reason."""

    _name = "aftersales.assign.wizard"
    _description = "Suggested Technicians"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade")
    line_ids = fields.One2many("aftersales.assign.wizard.line", "wizard_id", string="Suggestions")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            request = wizard.request_id
            wizard.line_ids = [
                fields.Command.create(
                    {
                        "rank": rank,
                        "technician_id": candidate.technician.id,
                        "start": candidate.start,
                        "end": candidate.end,
                        "meets_sla": candidate.meets_sla,
                        "reason": request._candidate_reason(candidate),
                    }
                )
                for rank, candidate in enumerate(request._rank_technicians(), start=1)
            ]
        return wizards


class AftersalesAssignWizardLine(models.TransientModel):
    _name = "aftersales.assign.wizard.line"
    _description = "Suggested Technician"
    _order = "rank"

    wizard_id = fields.Many2one("aftersales.assign.wizard", required=True, ondelete="cascade")
    rank = fields.Integer()
    technician_id = fields.Many2one("res.users", string="Technician", readonly=True)
    start = fields.Datetime(string="Free From", readonly=True)
    end = fields.Datetime(string="Until", readonly=True)
    meets_sla = fields.Boolean(string="Within SLA", readonly=True)
    reason = fields.Char(readonly=True)

    def action_assign(self):
        """The technician and the slot, on the request (the supervisor dispatches)."""
        self.ensure_one()
        self.wizard_id.request_id.write(
            {"technician_id": self.technician_id.id, "scheduled_start": self.start}
        )
        return {"type": "ir.actions.act_window_close"}
