from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .aftersales_contract import BILLING_PERIODS

SCHEDULE_TYPES = [("interval", "Every N Months"), ("visits", "Visits per Period")]
PLAN_PERIODS = [("billing", "Billing Period"), ("year", "Year")]
# a schedule is walked from the contract start: this bounds the walk of a long contract
MAX_DUE_DATES = 1000


class AftersalesContractPlan(models.Model):
    """CTR-5: one line of a contract's preventive maintenance plan (保养计划): a piece
    of covered equipment is maintained every N months, or N times per period (the
    contract's billing period or a year), each visit taking the planned duration.
    The visits are created ahead as category B requests of type Maintenance
    (``aftersales_contract_plan_generation``); ``next_date`` is the next due date not
    yet planned, so a re-run never plans a date twice."""

    _name = "aftersales.contract.plan"
    _description = "Maintenance Plan Line"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    contract_id = fields.Many2one(
        "aftersales.contract", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    equipment_id = fields.Many2one(
        "aftersales.equipment",
        required=True,
        index=True,
        check_company=True,
        domain="[('id', 'in', allowed_equipment_ids)]",
    )
    allowed_equipment_ids = fields.Many2many(related="contract_id.equipment_ids")
    schedule_type = fields.Selection(SCHEDULE_TYPES, string="Schedule", required=True, default="interval")
    interval_months = fields.Integer(string="Every (Months)", default=3)
    visits_per_period = fields.Integer(string="Visits", default=1)
    period = fields.Selection(PLAN_PERIODS, string="Per", required=True, default="year")
    planned_hours = fields.Float(string="Planned Duration", default=2.0)
    first_date = fields.Date(
        string="First Visit",
        help="The schedule starts on this date; empty: on the contract's start.",
    )
    next_date = fields.Date(
        string="Next Due Date",
        copy=False,
        index=True,
        help="The next date of the schedule not yet planned as a maintenance request.",
    )
    request_ids = fields.One2many("aftersales.request", "maintenance_plan_id", string="Planned Visits")
    missed_count = fields.Integer(string="Missed", compute="_compute_missed_count")

    # --- computes -------------------------------------------------------------
    def _compute_missed_count(self):
        counts = dict(
            self.env["aftersales.request"]._read_group(
                [("maintenance_plan_id", "in", self.ids), ("maintenance_missed", "=", True)],
                ["maintenance_plan_id"],
                ["__count"],
            )
        )
        for plan in self:
            plan.missed_count = counts.get(plan, 0)

    # --- constraints ----------------------------------------------------------
    @api.constrains("schedule_type", "interval_months", "visits_per_period")
    def _check_schedule(self):
        for plan in self:
            if plan.schedule_type == "interval" and plan.interval_months <= 0:
                raise ValidationError(
                    self.env._(
                        "The maintenance interval of %(equipment)s must be at least one month.",
                        equipment=plan.equipment_id.display_name,
                    )
                )
            if plan.schedule_type == "visits" and plan.visits_per_period <= 0:
                raise ValidationError(
                    self.env._(
                        "The maintenance plan of %(equipment)s needs at least one visit per period.",
                        equipment=plan.equipment_id.display_name,
                    )
                )
            if plan.planned_hours < 0:
                raise ValidationError(self.env._("The planned duration cannot be negative."))

    @api.constrains("equipment_id", "contract_id")
    def _check_equipment_covered(self):
        for plan in self:
            if plan.equipment_id not in plan.contract_id.equipment_ids:
                raise ValidationError(
                    self.env._(
                        "%(equipment)s is not covered by the contract %(contract)s: only "
                        "covered equipment can have a maintenance plan.",
                        equipment=plan.equipment_id.display_name,
                        contract=plan.contract_id.name,
                    )
                )

    # --- CRUD -----------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._reset_next_date()
        return plans

    def write(self, vals):
        result = super().write(vals)
        if {"schedule_type", "interval_months", "visits_per_period", "period", "first_date"} & vals.keys():
            self._reset_next_date()
        return result

    # --- schedule -------------------------------------------------------------
    def _reset_next_date(self):
        """The first due date from today (or from the contract start, if later);
        dates already planned are skipped when the visits are created."""
        today = fields.Date.context_today(self)
        for plan in self:
            start = max(today, plan.contract_id.date_start)
            plan.next_date = next(iter(plan._due_dates(start, plan.contract_id.date_end)), False)

    def _due_dates(self, date_from, date_to):
        """The schedule's due dates between ``date_from`` and ``date_to`` (both
        included) within the contract, walked from the first visit."""
        self.ensure_one()
        contract = self.contract_id
        date_from = max(date_from, contract.date_start)
        date_to = min(date_to, contract.date_end)
        dates = []
        for due in self._walk_schedule():
            if due > date_to:
                break
            if due >= date_from:
                dates.append(due)
        return dates

    def _walk_schedule(self):
        """Yield the due dates from the contract start, in order."""
        start = self.first_date or self.contract_id.date_start
        if self.schedule_type == "interval":
            for index in range(MAX_DUE_DATES):
                yield start + relativedelta(months=index * self.interval_months)
            return
        months = 12 if self.period == "year" else BILLING_PERIODS[self.contract_id.billing_period]
        visits = self.visits_per_period
        for index in range(MAX_DUE_DATES // visits):
            period_start = start + relativedelta(months=index * months)
            days = (start + relativedelta(months=(index + 1) * months) - period_start).days
            for visit in range(visits):
                yield period_start + timedelta(days=visit * days // visits)
