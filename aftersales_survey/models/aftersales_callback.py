from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

SATISFACTION_LEVELS = [
    ("very_satisfied", "Very Satisfied"),
    ("satisfied", "Satisfied"),
    ("average", "Average"),
    ("poor", "Poor"),
]


class AftersalesCallback(models.Model):
    """SUR-4 (回访, PSFU): a customer-service call after a closed request. Read the
    request's history, reach the right person, thank them, check the product works,
    remind the next maintenance, record satisfaction; a manager confirms. Unreached
    customers are retried the next day and, after the team's attempts, thanked by mail."""

    _name = "aftersales.callback"
    _description = "Customer Callback"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "aftersales.request", string="Service Request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="request_id.partner_id", string="Customer", store=True, index=True)
    contact_name = fields.Char(related="request_id.contact_name")
    phone = fields.Char(related="request_id.phone")
    equipment_id = fields.Many2one(related="request_id.equipment_id")
    team_id = fields.Many2one(related="request_id.team_id", store=True, index=True)
    technician_id = fields.Many2one(related="request_id.technician_id", store=True)
    request_close_time = fields.Datetime(related="request_id.close_time", string="Request Closed On")
    survey_score = fields.Float(related="request_id.satisfaction_score", string="Survey Score")
    kind = fields.Selection(
        [("first", "Callback"), ("retry", "Retry"), ("follow_up", "Follow-up")],
        default="first",
        required=True,
        readonly=True,
    )
    attempt = fields.Integer(default=1, readonly=True)
    previous_id = fields.Many2one(
        "aftersales.callback", string="Previous Callback", readonly=True, index="btree_not_null"
    )
    due_date = fields.Date(required=True, tracking=True, index=True)
    user_id = fields.Many2one("res.users", string="Assigned To", tracking=True, index=True)
    state = fields.Selection(
        [("todo", "To Call"), ("done", "Recorded"), ("confirmed", "Confirmed"), ("cancel", "Cancelled")],
        default="todo",
        required=True,
        tracking=True,
        index=True,
    )
    channel = fields.Selection(
        [("phone", "Phone"), ("sms", "SMS / Messaging"), ("email", "Email"), ("visit", "Visit")],
        default="phone",
        required=True,
    )
    result = fields.Selection([("reached", "Reached"), ("not_reached", "Not Reached")], tracking=True)
    contact_person = fields.Char(string="Person Reached")
    product_working = fields.Selection([("yes", "Working"), ("no", "Not Working")], string="Product")
    next_maintenance_date = fields.Date(string="Next Maintenance Reminded")
    satisfaction = fields.Selection(SATISFACTION_LEVELS, tracking=True)
    complaint_found = fields.Boolean(tracking=True)
    complaint_note = fields.Text(string="Complaint")
    note = fields.Text(string="Notes")
    follow_up_date = fields.Date(string="Call Again On", help="Schedules a second callback on this day.")
    next_callback_ids = fields.One2many(
        "aftersales.callback",
        "previous_id",
        string="Callbacks Planned by This Call",
        readonly=True,
        copy=False,
    )
    next_callback_id = fields.Many2one(
        "aftersales.callback",
        compute="_compute_next_callback_id",
        help="The retry or follow-up planned by this call.",
    )
    caller_id = fields.Many2one("res.users", string="Called By", readonly=True, copy=False)
    call_time = fields.Datetime(string="Called On", readonly=True, copy=False, index=True)
    thank_you_sent = fields.Boolean(string="Thank-You Email Sent", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_on = fields.Datetime(readonly=True, copy=False)
    history_request_ids = fields.Many2many(
        "aftersales.request", string="Service History", compute="_compute_history_request_ids"
    )

    @api.depends("request_id", "kind", "attempt")
    def _compute_display_name(self):
        for callback in self:
            name = callback.request_id.name or ""
            if callback.kind == "follow_up":
                name = self.env._("%(request)s follow-up", request=name)
            elif callback.attempt > 1:
                name = self.env._("%(request)s attempt %(attempt)s", request=name, attempt=callback.attempt)
            callback.display_name = name

    @api.depends("next_callback_ids")
    def _compute_next_callback_id(self):
        for callback in self:
            callback.next_callback_id = callback.next_callback_ids[:1]

    @api.depends("request_id")
    def _compute_history_request_ids(self):
        """The customer's earlier requests for the same equipment (or all of them when
        no equipment is known), newest first: read before calling (SUR-4)."""
        Request = self.env["aftersales.request"]
        for callback in self:
            request = callback.request_id
            if not request:
                callback.history_request_ids = Request
                continue
            key = (
                ("equipment_id", "=", request.equipment_id.id)
                if request.equipment_id
                else ("partner_id", "=", request.partner_id.id)
            )
            callback.history_request_ids = Request.search(
                [key, ("id", "!=", request.id)], order="call_time desc", limit=20
            )

    @api.constrains("follow_up_date", "due_date")
    def _check_follow_up_date(self):
        for callback in self:
            if callback.follow_up_date and callback.follow_up_date <= callback.due_date:
                raise ValidationError(self.env._("The second callback must be due after this one."))

    def action_record_outcome(self):
        """Keep what the call gave, then schedule what follows from it."""
        for callback in self:
            if callback.state != "todo":
                raise UserError(self.env._("This callback has already been recorded."))
            if not callback.result:
                raise UserError(
                    self.env._("Record whether the customer was reached before saving the outcome.")
                )
            if callback.result == "reached" and not callback.satisfaction:
                raise UserError(self.env._("Ask the customer how satisfied they are and record it."))
            if callback.complaint_found and not (callback.complaint_note or "").strip():
                raise UserError(self.env._("Write down the customer's complaint."))
        self.write({"state": "done", "caller_id": self.env.user.id, "call_time": fields.Datetime.now()})
        reached = self.filtered(lambda c: c.result == "reached")
        unreached = self - reached
        retry = unreached.filtered(lambda c: c.attempt < c.team_id.callback_attempts)
        retry._schedule_retry()
        (unreached - retry)._send_thank_you()
        reached.filtered("follow_up_date")._schedule_follow_up()
        reached.filtered("complaint_found")._report_complaint()
        return True

    def action_confirm(self):
        if not self.env.user.has_group("aftersales_service.group_aftersales_supervisor"):
            raise UserError(self.env._("Only a service supervisor or manager confirms callbacks."))
        for callback in self:
            if callback.state != "done":
                raise UserError(self.env._("Only recorded callbacks can be confirmed."))
            if callback.caller_id == self.env.user:
                raise UserError(
                    self.env._("You made this callback yourself; another manager has to confirm it.")
                )
        self.write(
            {"state": "confirmed", "confirmed_by_id": self.env.user.id, "confirmed_on": fields.Datetime.now()}
        )
        return True

    @api.readonly
    def action_view_request(self):
        self.ensure_one()
        return self.request_id._get_records_action(context={})

    def action_cancel(self):
        if any(callback.state == "confirmed" for callback in self):
            raise UserError(self.env._("A confirmed callback cannot be cancelled."))
        self.write({"state": "cancel"})
        return True

    def action_reset(self):
        """Back to the call list, e.g. when the outcome was recorded on the wrong callback."""
        if any(callback.state != "done" or callback.next_callback_id for callback in self):
            raise UserError(
                self.env._(
                    "Only recorded callbacks that did not schedule another call can be recorded again."
                )
            )
        self.write({"state": "todo", "caller_id": False, "call_time": False})
        return True

    def _schedule_retry(self):
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        self._create_next([{"kind": "retry", "attempt": c.attempt + 1, "due_date": tomorrow} for c in self])

    def _schedule_follow_up(self):
        self._create_next([{"kind": "follow_up", "attempt": 1, "due_date": c.follow_up_date} for c in self])

    def _create_next(self, next_vals):
        if not self:
            return self
        # previous_id fills next_callback_ids, and next_callback_id follows from it: no
        # per-callback assignment (which would write each previous callback once more)
        return self.create(
            [
                dict(
                    vals,
                    request_id=callback.request_id.id,
                    user_id=callback.user_id.id,
                    previous_id=callback.id,
                )
                for callback, vals in zip(self, next_vals, strict=True)
            ]
        )

    def _send_thank_you(self):
        """Not reached after every attempt: the customer is thanked by email instead
        (customers without an email address get a letter; the flag stays off)."""
        template = self.env.ref("aftersales_survey.mail_template_callback_thank_you")
        emailed = self.filtered(lambda c: c.request_id.email or c.partner_id.email)
        emailed.message_post_with_source(template, message_type="comment", subtype_xmlid="mail.mt_comment")
        emailed.write({"thank_you_sent": True})

    def _report_complaint(self):
        """A complaint heard on the phone goes to the team's supervisor at once;
        aftersales_complaint turns it into a complaint record."""
        self.request_id._notify_feedback(
            _lt("Complaint found on callback"), {c.request_id: c.complaint_note for c in self}
        )
