from datetime import datetime, time

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain

REQUEST_TYPES = [("repair", "Repair"), ("maintenance", "Maintenance")]


class AftersalesRequestMaintenance(models.Model):
    """CTR-5: a planned maintenance visit (保养) is a request like any other, of type
    Maintenance, linked to the plan line and the due date it was created for. Not
    done by its visit day, it is missed."""

    _inherit = "aftersales.request"

    request_type = fields.Selection(
        REQUEST_TYPES,
        string="Request Type",
        required=True,
        default="repair",
        help="Repair: the customer called about a fault. Maintenance: a visit of the "
        "contract's preventive maintenance plan.",
    )
    maintenance_plan_id = fields.Many2one(
        "aftersales.contract.plan",
        string="Maintenance Plan Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    maintenance_due_date = fields.Date(
        string="Maintenance Due Date",
        readonly=True,
        copy=False,
        help="The date of the maintenance plan this visit was created for.",
    )
    maintenance_missed = fields.Boolean(
        string="Missed Maintenance",
        compute="_compute_maintenance_missed",
        search="_search_maintenance_missed",
        help="A planned maintenance visit not done by its visit day.",
    )

    _maintenance_visit_unique = models.Constraint(
        "UNIQUE (maintenance_plan_id, maintenance_due_date)",
        "A maintenance plan line has one visit per due date.",
    )

    @api.depends("request_type", "call_time", "state")
    @api.depends_context("tz")
    def _compute_maintenance_missed(self):
        today_start = self._maintenance_today_start()
        for request in self:
            request.maintenance_missed = (
                request.request_type == "maintenance"
                and request.state != "done"
                and bool(request.call_time)
                and request.call_time < today_start
            )

    def _search_maintenance_missed(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        missed = Domain(
            [
                ("request_type", "=", "maintenance"),
                ("state", "!=", "done"),
                ("call_time", "<", self._maintenance_today_start()),
            ]
        )
        wanted = True in value
        return missed if (operator == "in") == wanted else ~missed

    def _maintenance_today_start(self):
        """Midnight of the reader's today, as naive UTC: a visit of today is not missed yet."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        local_midnight = tz.localize(datetime.combine(fields.Date.context_today(self), time.min))
        return local_midnight.astimezone(pytz.utc).replace(tzinfo=None)

    def _log_registered(self):
        """The "registered" chatter line of requests created with ``mail_create_nolog``,
        logged in one batch: the same subtype (read in the reader's language) and hidden
        body as mail.thread's own creation message."""
        if not self or self.env.context.get("tracking_disable"):
            return
        body = Markup('<div summary="o_mail_notification"><p>%s</p></div>')
        messages = self._message_log_batch(
            bodies={request.id: body % request._creation_message() for request in self},
            author_id=self.env.user.partner_id.id,
        )
        messages.write({"subtype_id": self._creation_subtype().id})

    def _get_verification_issues(self):
        """A planned maintenance visit has no symptom: nobody called about a fault."""
        issues = super()._get_verification_issues()
        if self.request_type == "maintenance":
            issues = [code for code in issues if code != "symptom"]
        return issues
