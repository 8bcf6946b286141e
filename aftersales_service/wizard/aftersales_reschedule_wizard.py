from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.reader_locale import format_local_datetime


class AftersalesRescheduleWizard(models.TransientModel):
    _name = "aftersales.reschedule.wizard"
    _description = "Reschedule a Service Appointment"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade")
    current_start = fields.Datetime(related="request_id.scheduled_start", string="Current Appointment")
    new_start = fields.Datetime(string="New Appointment", required=True)
    # DSP-1: a bar dragged onto another technician's row moves the job to them
    technician_id = fields.Many2one("res.users", string="Technician")
    conflicting_request_ids = fields.Many2many(
        "aftersales.request", compute="_compute_conflicting_request_ids", string="Overlapping Appointments"
    )
    book_anyway = fields.Boolean(
        string="Book Despite the Overlap", help="The technician has another appointment at that time."
    )

    @api.depends("request_id", "technician_id", "new_start")
    def _compute_conflicting_request_ids(self):
        for wizard in self:
            request, technician = wizard.request_id, wizard.technician_id or wizard.request_id.technician_id
            if not (technician and wizard.new_start):
                wizard.conflicting_request_ids = False
                continue
            end = wizard.new_start + timedelta(hours=max(request.planned_hours, 0.0))
            wizard.conflicting_request_ids = self.env["aftersales.request"].search(
                [
                    ("id", "!=", request.id),
                    ("technician_id", "=", technician.id),
                    ("state", "in", ("new", "dispatched")),
                    ("scheduled_start", "<", end),
                    ("scheduled_end", ">", wizard.new_start),
                ]
            )

    def _check_technician_available(self, technician):
        """DSP-1: the technician belongs to the team and works then (their working
        hours, not on leave)."""
        request = self.request_id
        if technician not in request.team_id.technician_ids:
            raise UserError(
                self.env._(
                    "%(technician)s is not a technician of %(team)s.",
                    technician=technician.name,
                    team=request.team_id.name,
                )
            )
        end = self.new_start + timedelta(hours=max(request.planned_hours, 0.0))
        work, _leaves = request._working_time(
            technician,
            {technician.id: request.team_id.resource_calendar_id},
            self.new_start - timedelta(days=1),
            end + timedelta(days=1),
        )
        if not any(start <= self.new_start and end <= stop for start, stop in work.get(technician.id, [])):
            raise UserError(
                self.env._(
                    "%(technician)s does not work at that time (outside working hours or on leave).",
                    technician=technician.name,
                )
            )

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
        technician = self.technician_id or request.technician_id
        if technician:
            self._check_technician_available(technician)
        if self.conflicting_request_ids and not self.book_anyway:
            raise UserError(
                self.env._(
                    "%(technician)s already has %(requests)s at that time: tick 'Book Despite the Overlap' to confirm.",
                    technician=technician.name,
                    requests=", ".join(self.conflicting_request_ids.mapped("name")),
                )
            )
        self.env["aftersales.reschedule"].create(
            {
                "request_id": request.id,
                "old_start": request.scheduled_start,
                "new_start": self.new_start,
                "reason": self.reason,
            }
        )
        request.write({"scheduled_start": self.new_start, "technician_id": technician.id or False})
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
        self._tell_customer(request)
        return {"type": "ir.actions.act_window_close"}

    def _tell_customer(self, request):
        """DSP-1: the customer is told the new time, in their language and time zone."""
        if not request.partner_id or request.state != "dispatched":
            return
        request._post_to_customer(
            lambda env, tz: env._(
                "Your appointment %(request)s is moved to %(when)s.",
                request=request.name,
                when=format_local_datetime(env, self.new_start, tz),
            )
        )
