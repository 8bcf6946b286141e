from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from ..tools.cron_batches import commit_cron_progress, take_batch
from .aftersales_contract import OPEN_CONTRACT_STATES

# plan lines per cron run: requests are created in one batch, sized so one run stays short
PLAN_BATCH = 2_000
# a planned visit falls on the first working day within this many days of its due date
WORKING_DAY_LOOKAHEAD = 31


class AftersalesContractPlanGeneration(models.Model):
    """CTR-5: the scheduled action that turns due plan dates into maintenance
    requests ahead of time (the company's horizon), on a working day of the
    customer's team calendar."""

    _inherit = "aftersales.contract.plan"

    @api.model
    def _cron_plan_visits(self, batch_size=PLAN_BATCH):
        """Plan the visits due within each company's horizon: at most ``batch_size``
        plan lines per run, the rest reported to the scheduler. Each plan line's
        ``next_date`` moves past what was planned, and a (plan line, due date) pair
        is created once (a unique key on the request), so a re-run plans nothing twice."""
        today = fields.Date.context_today(self)
        due = self.browse()
        left_over = 0
        for company in self.env["res.company"].search([]):
            horizon = today + timedelta(days=company.aftersales_maintenance_horizon_days)
            found = self.search(
                [
                    ("company_id", "=", company.id),
                    ("next_date", "!=", False),
                    ("next_date", "<=", horizon),
                    ("contract_id.state", "in", OPEN_CONTRACT_STATES),
                ],
                order="next_date, id",
                limit=batch_size - len(due) + 1,
            )
            (taken,), extra = take_batch(batch_size - len(due), found)
            due |= taken
            left_over += extra
            if len(due) >= batch_size:
                break
        requests = due._plan_visits(today)
        commit_cron_progress(self.env, len(due), left_over)
        return requests

    def _plan_visits(self, today):
        """Create the requests of the due dates of these plan lines up to their
        company's horizon, and move each line's next date past them."""
        dates_of, next_of = {}, {}
        for plan in self:
            horizon = today + timedelta(days=plan.company_id.aftersales_maintenance_horizon_days)
            dates = plan._due_dates(plan.next_date, horizon)
            dates_of[plan] = dates
            after = plan._due_dates(horizon + timedelta(days=1), plan.contract_id.date_end)[:1]
            next_of[plan] = after[0] if after else False
        planned = self._already_planned({due for dates in dates_of.values() for due in dates})
        visit_day = self._working_days(dates_of)
        vals_list = [
            plan._prepare_visit_vals(due, visit_day[plan, due])
            for plan, dates in dates_of.items()
            for due in dates
            if (plan.id, due) not in planned
        ]
        # mail.thread posts each created record's "registered" note on its own; a batch
        # of planned visits logs them together
        requests = self.env["aftersales.request"].with_context(mail_create_nolog=True).create(vals_list)
        requests._log_registered()
        for plan in self:
            plan.next_date = next_of[plan]
        return requests

    def _already_planned(self, due_dates):
        """``{(plan id, due date)}`` of the visits of these lines already created."""
        if not due_dates:
            return set()
        existing = (
            self.env["aftersales.request"]
            .with_context(active_test=False)
            ._read_group(
                [("maintenance_plan_id", "in", self.ids), ("maintenance_due_date", "in", list(due_dates))],
                ["maintenance_plan_id", "maintenance_due_date:day"],
            )
        )
        return {(plan.id, due) for plan, due in existing}

    def _working_days(self, dates_of):
        """``{(plan, due date): visit start}`` (naive UTC): the start of the first
        working interval on or after the due date in the calendar of the team that
        serves the customer. Each calendar's intervals are read once for the batch."""
        by_calendar = defaultdict(list)
        for plan, dates in dates_of.items():
            for due in dates:
                by_calendar[plan._get_visit_calendar()].append((plan, due))
        result = {}
        for calendar, pairs in by_calendar.items():
            tz = pytz.timezone(calendar.tz or "UTC")
            days = [due for _plan, due in pairs]
            start = tz.localize(datetime.combine(min(days), time.min))
            end = tz.localize(datetime.combine(max(days), time.max)) + timedelta(days=WORKING_DAY_LOOKAHEAD)
            starts = sorted(
                begin for begin, _stop, _meta in calendar._work_intervals_batch(start, end)[False]
            )
            for plan, due in pairs:
                first = next((begin for begin in starts if begin.date() >= due), None)
                moment = first or tz.localize(datetime.combine(due, time(9)))
                result[plan, due] = moment.astimezone(pytz.utc).replace(tzinfo=None)
        return result

    def _get_visit_calendar(self):
        """The working calendar of the team that serves the equipment's customer."""
        self.ensure_one()
        partner = self.equipment_id.partner_id or self.contract_id.partner_id
        team = partner.aftersales_team_id or partner.commercial_partner_id.aftersales_team_id
        return team.resource_calendar_id or self.company_id.resource_calendar_id

    def _prepare_visit_vals(self, due, visit_start):
        self.ensure_one()
        contract = self.contract_id
        return {
            "company_id": self.company_id.id,
            "partner_id": (self.equipment_id.partner_id or contract.partner_id).id,
            "equipment_id": self.equipment_id.id,
            "contract_id": contract.id,
            "category": "B",
            "channel": "plan",
            "request_type": "maintenance",
            "maintenance_plan_id": self.id,
            "maintenance_due_date": due,
            "call_time": visit_start,
            "preferred_time": visit_start,
            "planned_hours": self.planned_hours,
        }
