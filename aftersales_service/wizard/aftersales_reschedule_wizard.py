from odoo import fields, models
from odoo.exceptions import UserError


class AftersalesRescheduleWizard(models.TransientModel):
    _name = "aftersales.reschedule.wizard"
    _description = "Reschedule a Service Appointment"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade")
    current_start = fields.Datetime(related="request_id.scheduled_start", string="Current Appointment")
    new_start = fields.Datetime(string="New Appointment", required=True)
    reason = fields.Text(required=True, help="What was agreed with the customer, and why.")

    def action_confirm(self):
        self.ensure_one()
        request = self.request_id
        if request.state not in ("new", "dispatched"):
            raise UserError(
                self.env._(
                    "%(request)s can no longer be rescheduled: the technician is on site or "
                    "the request is closed.",
                    request=request.name,
                )
            )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for rescheduling."))
        if self.new_start < request.call_time:
            raise UserError(self.env._("The new appointment cannot be before the call."))
        self.env["aftersales.reschedule"].create(
            {
                "request_id": request.id,
                "old_start": request.scheduled_start,
                "new_start": self.new_start,
                "reason": self.reason,
            }
        )
        request.write({"scheduled_start": self.new_start})
        request.message_post(
            body=self.env._(
                "Appointment moved to %(when)s. Reason: %(reason)s",
                when=fields.Datetime.to_string(self.new_start),
                reason=self.reason,
            )
        )
        return {"type": "ir.actions.act_window_close"}
