from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.record_counts import count_per_record
from ..tools.record_locks import lock_or_refuse
from .aftersales_request import OPEN_STATES


class AftersalesRequestDispatch(models.Model):
    """SVC-4: who goes and when — the team, the technician and the appointment, its
    conflicts and reschedules, and the dispatch board."""

    _inherit = "aftersales.request"

    # --- dispatch -------------------------------------------------------------
    team_id = fields.Many2one(
        "aftersales.team",
        string="Service Team",
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_team_id",
        store=True,
        readonly=False,
    )
    technician_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        copy=False,
        domain="[('id', 'in', allowed_technician_ids)]",
    )
    allowed_technician_ids = fields.Many2many("res.users", compute="_compute_allowed_technician_ids")
    scheduled_start = fields.Datetime(string="Appointment", tracking=True, copy=False)
    planned_hours = fields.Float(string="Planned Duration", default=2.0)
    scheduled_end = fields.Datetime(string="Appointment End", compute="_compute_scheduled_end", store=True)
    dispatch_time = fields.Datetime(string="Dispatched On", readonly=True, copy=False)
    conflicting_request_ids = fields.Many2many(
        "aftersales.request",
        compute="_compute_conflicting_request_ids",
        string="Conflicting Appointments",
    )
    has_conflict = fields.Boolean(compute="_compute_conflicting_request_ids")
    reschedule_ids = fields.One2many("aftersales.reschedule", "request_id", string="Reschedules", copy=False)
    reschedule_count = fields.Integer(compute="_compute_reschedule_count")

    # --- computes -------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_team_id(self):
        default_team = self.env["aftersales.team"]
        for request in self:
            partner = request.partner_id
            partner_team = partner.aftersales_team_id or partner.commercial_partner_id.aftersales_team_id
            if partner_team:
                request.team_id = partner_team
            elif not request.team_id:
                default_team = default_team or default_team.search(
                    [("company_id", "in", self.env.companies.ids)], limit=1
                )
                request.team_id = default_team

    @api.depends("team_id")
    def _compute_allowed_technician_ids(self):
        for request in self:
            request.allowed_technician_ids = request.team_id.technician_ids

    @api.depends("scheduled_start", "planned_hours")
    def _compute_scheduled_end(self):
        for request in self:
            if request.scheduled_start:
                request.scheduled_end = request.scheduled_start + timedelta(
                    hours=max(request.planned_hours, 0.0)
                )
            else:
                request.scheduled_end = False

    @api.depends(
        "technician_id", "scheduled_start", "scheduled_end", "preferred_time", "planned_hours", "state"
    )
    def _compute_conflicting_request_ids(self):
        """Other open appointments of the same technician that overlap (SVC-4), found
        with one query for the whole batch. A request not dispatched yet is checked at
        the appointment its dispatch will give, so the supervisor is asked before."""
        windows = {request: request._get_appointment_window() for request in self}
        scheduled = self.filtered(lambda r: r.technician_id and windows[r])
        candidates = self.browse()
        if scheduled:
            candidates = self.search(
                [
                    ("technician_id", "in", scheduled.technician_id.ids),
                    ("state", "in", OPEN_STATES),
                    ("scheduled_start", "<", max(windows[r][1] for r in scheduled)),
                    ("scheduled_end", ">", min(windows[r][0] for r in scheduled)),
                ]
            )
        # each request is compared with its own technician's appointments only: a
        # board of thousands of requests stays linear, not requests x candidates
        by_technician = defaultdict(list)
        for other in candidates:
            by_technician[other.technician_id.id].append(other)
        for request in self:
            if request not in scheduled:
                request.conflicting_request_ids = False
            else:
                start, end = windows[request]
                request.conflicting_request_ids = self.browse(
                    other.id
                    for other in by_technician[request.technician_id.id]
                    if other.id != request._origin.id
                    and other.scheduled_start < end
                    and other.scheduled_end > start
                )
            request.has_conflict = bool(request.conflicting_request_ids)

    def _compute_reschedule_count(self):
        counts = count_per_record(self, "aftersales.reschedule", "request_id")
        for request in self:
            request.reschedule_count = counts.get(request, 0)

    # --- constraints ----------------------------------------------------------
    @api.constrains("technician_id", "team_id")
    def _check_technician_in_team(self):
        for request in self:
            if request.technician_id and request.technician_id not in request.team_id.technician_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a technician of the team %(team)s: dispatch the "
                        "request to one of the team's technicians.",
                        user=request.technician_id.name,
                        team=request.team_id.name or self.env._("(no team)"),
                    )
                )

    @api.constrains("planned_hours")
    def _check_planned_hours(self):
        for request in self:
            if request.planned_hours < 0:
                raise ValidationError(self.env._("The planned duration cannot be negative."))

    # --- dispatch board -------------------------------------------------------
    @api.model
    @api.readonly
    def web_read_group(self, domain, groupby, aggregates=(), limit=None, offset=0, order=None, **kwargs):
        """SVC-4: on the dispatch board (the kanban grouped by technician) the column of
        requests nobody was dispatched to comes first and open: they are the ones
        waiting. The web client folds an empty-valued group unless told otherwise,
        and sorts it last; a column the supervisor folded stays folded."""
        if list(groupby[:1]) == ["technician_id"] and kwargs.get("auto_unfold"):
            if not order or "technician_id" not in order:
                order = ", ".join(part for part in ("technician_id ASC NULLS FIRST", order) if part)
            opening_info = kwargs.get("opening_info") or []
            if not any(info.get("value") is False for info in opening_info):
                unassigned = {
                    "value": False,
                    "folded": False,
                    "limit": kwargs.get("unfold_read_default_limit") or 80,
                    "offset": 0,
                }
                kwargs["opening_info"] = [*opening_info, unassigned]
        return super().web_read_group(
            domain, groupby, aggregates=aggregates, limit=limit, offset=offset, order=order, **kwargs
        )

    # --- actions --------------------------------------------------------------
    def action_dispatch(self):
        # two dispatchers on the same request: the first one dispatches, the second is told
        lock_or_refuse(
            self,
            lambda request: self.env._(
                "%(request)s is being dispatched by someone else: reload it to see their dispatch.",
                request=request.name,
            ),
        )
        for request in self:
            if request.state != "new":
                raise UserError(self.env._("%(request)s is already dispatched.", request=request.name))
            if not request.team_id or not request.technician_id:
                raise UserError(
                    self.env._(
                        "Choose the team and the technician before dispatching %(request)s.",
                        request=request.name,
                    )
                )
            if request.to_verify and not request.verified_by_id:
                raise UserError(
                    self.env._(
                        "Verify the data of %(request)s before dispatch (missing or doubtful: %(issues)s).",
                        request=request.name,
                        issues=request.verification_issues_label,
                    )
                )
        now = fields.Datetime.now()
        for request in self:
            vals = {"state": "dispatched", "dispatch_time": now}
            if not request.scheduled_start:
                vals["scheduled_start"] = request.preferred_time or now
            request.write(vals)
        return True

    def action_open_reschedule(self):
        self.ensure_one()
        return self.env["aftersales.reschedule.wizard"]._get_records_action(
            name=self.env._("Reschedule"), target="new", context={"default_request_id": self.id}
        )

    @api.readonly
    def action_view_reschedules(self):
        self.ensure_one()
        return self.env["aftersales.reschedule"]._get_records_action(
            name=self.env._("Reschedules"),
            views=[(False, "list"), (False, "form")],
            domain=[("request_id", "=", self.id)],
            context={},
        )

    # --- business helpers -----------------------------------------------------
    def _get_appointment_window(self):
        """(start, end) of the request's appointment; for a request not dispatched yet,
        the one its dispatch will give (the preferred time). None without either."""
        self.ensure_one()
        if self.scheduled_start:
            return self.scheduled_start, self.scheduled_end
        if self.state == "new" and self.preferred_time:
            return self.preferred_time, self.preferred_time + timedelta(hours=max(self.planned_hours, 0.0))
        return None
