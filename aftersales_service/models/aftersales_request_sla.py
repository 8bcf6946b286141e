from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.cron_batches import commit_cron_progress, take_batch
from ..tools.reader_locale import local_datetime_formatter
from ..tools.tracking import write_tracked_in_batch
from .aftersales_request import CARRY_OVER_BATCH, ESCALATION_BATCH, NOT_ARRIVED_STATES, SLA_STATUSES


class AftersalesRequestSla(models.Model):
    """SVC-5 / SVC-8 / SVC-9: the SLA clock from call to arrival, the next-day carry-over
    of requests not dispatched and the escalation of those at risk or breached."""

    _inherit = "aftersales.request"

    # --- SLA ------------------------------------------------------------------
    sla_hours = fields.Float(
        string="SLA Hours",
        compute="_compute_sla",
        store=True,
        help="Working hours allowed from call to arrival for the team and zone.",
    )
    sla_deadline = fields.Datetime(string="SLA Deadline", compute="_compute_sla", store=True, index=True)
    sla_warning_time = fields.Datetime(string="At Risk From", compute="_compute_sla", store=True)
    sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_status",
        search="_search_sla_status",
    )
    arrived_late = fields.Boolean(
        compute="_compute_arrived_late",
        store=True,
        help="The technician arrived after the SLA deadline.",
    )
    escalation_warned = fields.Boolean(readonly=True, copy=False)
    escalation_breached = fields.Boolean(readonly=True, copy=False)

    # --- carry-over -----------------------------------------------------------
    carried_over = fields.Boolean(
        readonly=True,
        copy=False,
        help="Registered on an earlier day and still not dispatched.",
    )
    carry_over_date = fields.Date(readonly=True, copy=False)

    # --- computes -------------------------------------------------------------
    @api.depends(
        "call_time",
        "service_zone",
        "team_id.resource_calendar_id",
        "team_id.sla_hours_urban",
        "team_id.sla_hours_suburban",
        "team_id.sla_warning_hours",
    )
    def _compute_sla(self):
        # Grouped by team and SLA hours so that a batch reads each calendar once.
        groups = defaultdict(lambda: self.browse())
        for request in self:
            team = request.team_id
            if not team or not request.call_time:
                request.sla_hours = 0.0
                request.sla_deadline = False
                request.sla_warning_time = False
                continue
            request.sla_hours = team._get_sla_hours(request.service_zone)
            groups[team, request.sla_hours] |= request
        for (team, hours), requests in groups.items():
            deadlines = team._sla_deadlines(requests.mapped("call_time"), hours)
            for request in requests:
                request.sla_deadline = deadlines[request.call_time]
                request.sla_warning_time = request.sla_deadline - timedelta(hours=team.sla_warning_hours)

    @api.depends("sla_deadline", "sla_warning_time", "arrival_time", "state")
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        for request in self:
            request.sla_status = request._get_sla_status(now)

    def _search_sla_status(self, operator, value):
        if operator != "in":
            return NotImplemented
        # waiting for the technician: the clock runs (aftersales.deadline.mixin); arrived:
        # the arrival time decided, once for all
        waiting = Domain("arrival_time", "=", False) & Domain("state", "in", NOT_ARRIVED_STATES)
        arrived = Domain("arrival_time", "!=", False) & Domain("sla_deadline", "!=", False)
        by_arrival = {
            "on_time": arrived & Domain("arrived_late", "=", False),
            "breached": arrived & Domain("arrived_late", "=", True),
        }
        return (waiting & self._search_deadline_status(value, fields.Datetime.now())) | Domain.OR(
            by_arrival[status] for status in value if status in by_arrival
        )

    @api.depends("arrival_time", "sla_deadline")
    def _compute_arrived_late(self):
        for request in self:
            request.arrived_late = bool(
                request.arrival_time and request.sla_deadline and request.arrival_time > request.sla_deadline
            )

    # --- business helpers -----------------------------------------------------
    def _get_sla_status(self, now):
        self.ensure_one()
        if not self.sla_deadline or self.state == "cancel":
            return False
        if self.arrival_time:
            return "on_time" if self.arrival_time <= self.sla_deadline else "breached"
        if self.state not in NOT_ARRIVED_STATES:
            return False
        return self._get_deadline_status(now)

    # --- crons ----------------------------------------------------------------
    @api.model
    def _cron_carry_over(self, batch_size=CARRY_OVER_BATCH):
        """SVC-8 (次日优先派工): requests registered before today and still not
        dispatched are flagged and raised one priority step (tracked: the chatter shows
        the bump). Flagged requests are skipped, so a second run the same day changes
        nothing. A run flags at most ``batch_size`` requests, earliest call first, and
        tells the scheduler what is left: it runs again at once."""
        (due,), left_over = take_batch(batch_size, self._carry_over_candidates(batch_size + 1))
        today = fields.Date.context_today(self)
        for priority, requests in due.grouped(
            lambda request: "1" if request.priority == "0" else "2"
        ).items():
            write_tracked_in_batch(
                requests, {"carried_over": True, "carry_over_date": today, "priority": priority}
            )
        commit_cron_progress(self.env, len(due), left_over)
        return due

    @api.model
    def _carry_over_candidates(self, limit):
        """The requests of SVC-8, earliest call first: not dispatched, not flagged, called
        before the start of today in their team's time zone. Each team has its own day
        start, so the day starts go in as a table and one query finds them all."""
        now = fields.Datetime.now()
        teams = self.env["aftersales.team"].search([("active", "=", True)])
        self.flush_model(["state", "carried_over", "call_time", "team_id", "active"])
        self.env.cr.execute(
            SQL(
                """
                SELECT request.id
                  FROM aftersales_request request
                  JOIN unnest(%(teams)s::int[], %(day_starts)s::timestamp[]) AS team(id, day_start)
                    ON team.id = request.team_id
                 WHERE request.state = 'new'
                   AND request.active
                   AND request.carried_over IS NOT TRUE
                   AND request.call_time < team.day_start
                 ORDER BY request.call_time, request.id
                 LIMIT %(limit)s
                """,
                teams=teams.ids,
                day_starts=[team._local_day_start(now) for team in teams],
                limit=limit,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _cron_escalate(self, batch_size=ESCALATION_BATCH):
        """SVC-9: an activity for the team supervisor when a request not yet reached
        enters its at-risk window, and another when its SLA is breached. Flags keep
        each escalation to one activity, so a re-run changes nothing. A run escalates
        at most ``batch_size`` requests per step, earliest deadline first, and tells
        the scheduler what is left (a backlog after downtime): it runs again at once."""
        now = fields.Datetime.now()
        waiting = Domain("state", "in", NOT_ARRIVED_STATES) & Domain("arrival_time", "=", False)
        at_risk, breached = (
            self.search(
                waiting & Domain(flag, "=", False) & self._search_deadline_status([status], now),
                order="sla_deadline, id",
                limit=batch_size + 1,
            )
            for status, flag in (("at_risk", "escalation_warned"), ("breached", "escalation_breached"))
        )
        (at_risk, breached), left_over = take_batch(batch_size, at_risk, breached)
        at_risk._escalate_sla(breached=False)
        breached._escalate_sla(breached=True)
        commit_cron_progress(self.env, len(at_risk) + len(breached), left_over)
        return at_risk | breached

    def _escalate_sla(self, breached):
        """One SLA escalation step: the supervisors' activities, the deadline in the
        supervisor's time zone, else the team calendar's, then the step's flags. The
        texts are translated once per language, then filled in per request."""
        facts = self._escalation_facts()
        texts = {}

        def texts_of(env):
            if env not in texts:
                texts[env] = {
                    "summary": env._("SLA breached: %(request)s")
                    if breached
                    else env._("SLA at risk: %(request)s"),
                    "note": env._("Customer %(customer)s, deadline %(deadline)s, technician %(technician)s."),
                    "nobody": env._("not dispatched"),
                    "format_local": local_datetime_formatter(env),
                }
            return texts[env]

        def note_of(request, supervisor):
            text, fact = texts_of(request.env), facts[request.id]
            return text["note"] % {
                "customer": fact["customer"],
                "deadline": text["format_local"](fact["sla_deadline"], supervisor.tz or fact["calendar_tz"]),
                "technician": fact["technician"] or text["nobody"],
            }

        def summary_of(request):
            return texts_of(request.env)["summary"] % {"request": facts[request.id]["name"]}

        activities = self._escalate(
            "aftersales_service.mail_activity_type_sla_escalation",
            summary_of,
            note_of,
            bulk=True,
            name_of=lambda request: facts[request.id]["name"],
        )
        self._mark_escalation_step(
            {"escalation_warned": True, "escalation_breached": True}
            if breached
            else {"escalation_warned": True}
        )
        return activities

    def _escalation_facts(self):
        """``{request id: values}`` of what the escalation texts say, for thousands of
        requests at once: the columns fetched alone (not every column of the requests),
        each customer, technician and team read once."""
        columns = ["name", "partner_id", "technician_id", "team_id", "sla_deadline"]
        self.fetch(columns)  # the escalation users' teams, without every other column
        query = self._as_query(ordered=False)
        rows = self.env.execute_query(
            query.select(*(self._field_to_sql(self._table, name, query) for name in ["id", *columns]))
        )
        customers = {partner.id: partner.complete_name or partner.name for partner in self.partner_id}
        technicians = {user.id: user.name for user in self.technician_id}
        calendar_tzs = {team.id: team.resource_calendar_id.tz for team in self.team_id}
        return {
            request_id: {
                "name": name,
                "customer": customers.get(partner_id) or "",
                "technician": technicians.get(technician_id),
                "calendar_tz": calendar_tzs.get(team_id),
                "sla_deadline": deadline,
            }
            for request_id, name, partner_id, technician_id, team_id, deadline in rows
        }
