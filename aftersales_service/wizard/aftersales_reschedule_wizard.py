from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.reader_locale import format_local_datetime


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
        # the time as the person who agreed it with the customer reads it: their time
        # zone, else the team calendar's (the message is stored, not rendered per reader)
        tz = self.env.context.get("tz") or self.env.user.tz or request.team_id.resource_calendar_id.tz
        request.message_post(
            body=self.env._(
                "Appointment moved to %(when)s. Reason: %(reason)s",
                when=format_local_datetime(self.env, self.new_start, tz),
                reason=self.reason,
            )
        )
        return {"type": "ir.actions.act_window_close"}
