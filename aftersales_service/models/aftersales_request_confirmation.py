import secrets
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq

from ..tools.activities import create_activities
from ..tools.cron_batches import commit_cron_progress, take_batch
from ..tools.reader_locale import format_local_datetime, reader_envs

# reminders mailed per cron run: each is a rendered mail, so a run must end well
# within the cron worker's time limit on a busy server (bench/load measures it);
# the scheduler runs the next batch at once
REMINDER_BATCH = 50
CONFIRMATION_STATES = [
    ("sent", "Reminder Sent"),
    ("confirmed", "Confirmed"),
    ("change_asked", "Change Asked"),
]


class AftersalesRequestConfirmation(models.Model):
    """SVC-12 (预约确认): the day before a visit the customer is reminded of the time
    window and the technician and confirms, or asks for another time, from a
    token-protected link; the dispatcher sees the answer (and gets an activity for a
    change). A moved appointment needs a new confirmation: its old link stops working."""

    _inherit = "aftersales.request"

    confirmation_state = fields.Selection(
        CONFIRMATION_STATES, string="Customer Confirmation", tracking=True, copy=False, readonly=True
    )
    confirmation_token = fields.Char(copy=False, readonly=True, groups="base.group_system")
    change_asked_time = fields.Datetime(string="Time Asked by the Customer", copy=False, readonly=True)
    change_asked_note = fields.Text(string="Customer's Note", copy=False, readonly=True)
    confirmation_url = fields.Char(compute="_compute_confirmation_url")

    @api.depends("confirmation_token")
    def _compute_confirmation_url(self):
        for service_request in self:
            token = service_request.sudo().confirmation_token
            service_request.confirmation_url = (
                token
                and f"{service_request.get_base_url()}/aftersales/appointment/{service_request.id}/{token}"
            )

    def write(self, vals):
        if "scheduled_start" in vals:
            # a new appointment is confirmed anew; the old link no longer answers
            asked = self.filtered("confirmation_state")
            if asked:
                asked.sudo().write(
                    {
                        "confirmation_state": False,
                        "confirmation_token": False,
                        "change_asked_time": False,
                        "change_asked_note": False,
                    }
                )
        return super().write(vals)

    # --- cron -------------------------------------------------------------------------
    @api.model
    def _cron_send_appointment_reminders(self, batch_size=REMINDER_BATCH):
        """The customers of tomorrow's dispatched visits (tomorrow in the team's time
        zone) get the reminder once, a batch a run."""
        due = self.browse()
        for team in self.env["aftersales.team"].search([]):
            start, end = self._tomorrow_bounds(team.resource_calendar_id.tz or "UTC")
            due |= self.search(
                [
                    ("team_id", "=", team.id),
                    ("state", "=", "dispatched"),
                    ("confirmation_state", "=", False),
                    ("scheduled_start", ">=", start),
                    ("scheduled_start", "<", end),
                ],
                order="scheduled_start, id",
                limit=batch_size + 1,
            )
        # a second cron worker leaves the requests the first one is reminding alone
        due = due.try_lock_for_update(allow_referencing=True)
        (batch,), left_over = take_batch(batch_size, due.sorted("scheduled_start"))
        batch = batch.filtered(lambda request: request.partner_id.email or request.email)
        for request in batch:
            request.sudo().confirmation_token = secrets.token_urlsafe(24)
        batch.write({"confirmation_state": "sent"})
        if batch:
            template = self.env.ref("aftersales_service.mail_template_appointment_reminder")
            batch.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        commit_cron_progress(self.env, len(batch), left_over)
        return batch

    @api.model
    def _tomorrow_bounds(self, tz):
        zone = pytz.timezone(tz)
        today = fields.Date.context_today(self.with_context(tz=tz))
        start = zone.localize(datetime.combine(today + timedelta(days=1), time.min))
        return start.astimezone(pytz.utc).replace(tzinfo=None), (start + timedelta(days=1)).astimezone(
            pytz.utc
        ).replace(tzinfo=None)

    # --- the customer's answer ----------------------------------------------------------
    def _check_confirmation_token(self, token):
        """True when ``token`` is the request's current link (timing-safe)."""
        self.ensure_one()
        current = self.sudo().confirmation_token
        return bool(current and token and consteq(current, token) and self.state == "dispatched")

    def _confirm_appointment(self):
        self.ensure_one()
        self.write({"confirmation_state": "confirmed"})
        self.message_post(
            body=self.env._("The customer confirmed the appointment."), subtype_xmlid="mail.mt_note"
        )

    def _ask_appointment_change(self, proposed, note):
        """The customer asks for another time (``proposed``, naive UTC): the dispatcher
        gets an activity; the appointment itself is moved by the dispatcher."""
        self.ensure_one()
        if proposed <= fields.Datetime.now():
            raise UserError(self.env._("Propose a time in the future."))
        self.write(
            {
                "confirmation_state": "change_asked",
                "change_asked_time": proposed,
                "change_asked_note": note or False,
            }
        )
        dispatcher = self._get_escalation_user()
        env = reader_envs(self.env, dispatcher)[dispatcher.id]
        tz = dispatcher.tz or self.team_id.resource_calendar_id.tz
        create_activities(
            self.env,
            self._name,
            "mail.mail_activity_data_todo",
            [
                {
                    "res_id": self.id,
                    "res_name": self.display_name,
                    "user_id": dispatcher.id,
                    "summary": env._(
                        "Customer asks for another time: %(when)s",
                        when=format_local_datetime(env, proposed, tz),
                    ),
                    "note": None,
                }
            ],
        )
