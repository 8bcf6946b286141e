from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.record_counts import count_per_record

# Working days read ahead of the latest call when SLA deadlines are computed in batch.
SLA_LOOKAHEAD_DAYS = 21


class AftersalesTeam(models.Model):
    _name = "aftersales.team"
    _description = "Service Team"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    is_head_office = fields.Boolean(
        string="Head Office",
        help="The head-office service centre; the others are branch service groups.",
    )
    supervisor_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="Dispatches the team's requests and receives its escalations.",
    )
    manager_id = fields.Many2one("res.users", tracking=True)
    member_ids = fields.Many2many(
        "res.users",
        "aftersales_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        help="Technicians and customer-service clerks of the team.",
    )
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        compute="_compute_technician_ids",
        help="Members who belong to the Technician group: the only users requests "
        "of this team can be dispatched to.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        default=lambda self: self.env.company.resource_calendar_id,
        check_company=True,
        help="SLA deadlines only count the hours of this calendar.",
    )
    sla_hours_urban = fields.Float(
        string="SLA Hours (Urban)",
        default=6.0,
        tracking=True,
        help="Working hours from call to arrival for customers in urban zones.",
    )
    sla_hours_suburban = fields.Float(
        string="SLA Hours (Suburban)",
        default=7.0,
        tracking=True,
        help="Working hours from call to arrival for customers in suburban zones.",
    )
    sla_warning_hours = fields.Float(
        string="At-Risk Warning (hours)",
        default=1.0,
        help="A request not yet reached this many hours before its deadline is at "
        "risk and escalated to the supervisor.",
    )
    # --- money and parts (SVC-7, RPR-6) ---
    currency_id = fields.Many2one(related="company_id.currency_id")
    labour_product_id = fields.Many2one(
        "product.product",
        default=lambda self: self.env.ref("aftersales_service.product_service_labour", False),
        check_company=True,
        help="Service product of the labour line on paid-service sale orders.",
    )
    labour_rate = fields.Monetary(
        string="Hourly Labour Rate (A)",
        default=150.0,
        help="Price of one hour of work for paid service (category A). Contract, warranty "
        "and internal work are not charged.",
    )
    # SVC-10: remote support (技术支持) is free unless the team sets its rate
    remote_support_rate = fields.Monetary(
        string="Hourly Remote Support Rate (A)",
        help="Price of one hour of remote support for paid service (category A), charged with "
        "the labour product. Empty: remote support is free.",
    )
    travel_product_id = fields.Many2one(
        "product.product",
        string="Visit Fee Product",
        default=lambda self: self.env.ref("aftersales_service.product_service_travel", False),
        check_company=True,
    )
    travel_fee = fields.Monetary(string="Visit Fee (A)", default=80.0)
    travel_minutes = fields.Integer(
        string="Usual Travel (minutes)",
        default=30,
        help="The arrival time a customer is told when the technician sets off.",
    )
    cash_journal_id = fields.Many2one(
        "account.journal",
        string="On-Site Cash Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
        check_company=True,
        help="Journal of the payments technicians collect on site.",
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Parts Warehouse",
        check_company=True,
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
        help="Parts used on site and in repairs leave this warehouse's stock.",
    )
    parts_manager_id = fields.Many2one(
        "res.users",
        string="Parts Administrator",
        help="Receives an activity when a repair needs parts that are not in stock.",
    )
    request_ids = fields.One2many("aftersales.request", "team_id", string="Requests")
    open_request_count = fields.Integer(compute="_compute_open_request_count")

    _sla_hours_positive = models.Constraint(
        "CHECK(sla_hours_urban > 0 AND sla_hours_suburban > 0 AND sla_warning_hours >= 0)",
        "SLA hours must be positive.",
    )
    _fees_positive = models.Constraint(
        "CHECK(labour_rate >= 0 AND travel_fee >= 0)",
        "Labour rate and visit fee cannot be negative.",
    )

    @api.model
    def _technician_domain(self):
        """Users of the Technician group (the group's id is cached: no query to find it)."""
        group_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "aftersales_service.group_aftersales_technician"
        )
        return [("all_group_ids", "in", [group_id])]

    @api.depends("member_ids")
    def _compute_technician_ids(self):
        # one search for every team's members, not each member's groups computed in Python
        technicians = (
            self.env["res.users"]
            .sudo()
            .search([("id", "in", self.member_ids.ids), *self._technician_domain()])
        )
        for team in self:
            team.technician_ids = (team.member_ids & technicians).with_env(self.env)

    def _compute_open_request_count(self):
        counts = count_per_record(
            self, "aftersales.request", "team_id", [("state", "in", ("new", "dispatched", "in_progress"))]
        )
        for team in self:
            team.open_request_count = counts.get(team, 0)

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams._create_vans()
        return teams

    def write(self, vals):
        result = super().write(vals)
        if "member_ids" in vals:
            self._create_vans()
        return result

    def _get_sla_hours(self, zone):
        self.ensure_one()
        # SVC-11: out of town is at least as far as the suburbs
        return self.sla_hours_suburban if zone in ("suburban", "out_of_area") else self.sla_hours_urban

    def _sla_deadline(self, call_time, hours):
        """Return the UTC (naive) datetime reached after ``hours`` working hours of
        the team's calendar from ``call_time`` (SVC-5): hours outside the calendar,
        weekends and public holidays do not count, so a Friday 17:00 call is due on
        Monday."""
        self.ensure_one()
        start = pytz.utc.localize(call_time)
        deadline = self.resource_calendar_id.plan_hours(hours, start, compute_leaves=True)
        if not deadline:
            # A calendar without attendances: fall back to wall-clock hours.
            return call_time + timedelta(hours=hours)
        return deadline.astimezone(pytz.utc).replace(tzinfo=None)

    def _sla_deadlines(self, call_times, hours):
        """``{call_time: deadline}`` for many calls at once: the calendar's working
        intervals (attendances, public holidays) are read once for the whole span and
        walked per call exactly as ``plan_hours`` does, instead of one calendar
        computation per request."""
        self.ensure_one()
        call_times = set(call_times)
        if not call_times:
            return {}
        calendar = self.resource_calendar_id
        start = pytz.utc.localize(min(call_times))
        end = pytz.utc.localize(max(call_times)) + timedelta(days=SLA_LOOKAHEAD_DAYS)
        intervals = [
            (begin, stop) for begin, stop, _meta in calendar._work_intervals_batch(start, end)[False]
        ]
        result = {}
        for call_time in call_times:
            moment = pytz.utc.localize(call_time)
            remaining = hours
            deadline = None
            for begin, stop in intervals:
                if stop <= moment:
                    continue
                begin = max(begin, moment)
                available = (stop - begin).total_seconds() / 3600
                if remaining <= available:
                    deadline = begin + timedelta(hours=remaining)
                    break
                remaining -= available
            if deadline is None:
                # beyond the look-ahead, or no attendance at all: the single-call path
                result[call_time] = self._sla_deadline(call_time, hours)
            else:
                result[call_time] = deadline.astimezone(pytz.utc).replace(tzinfo=None)
        return result

    def _local_day_start(self, now):
        """Midnight of ``now``'s day in the team's calendar time zone, as naive UTC."""
        self.ensure_one()
        tz = pytz.timezone(self.resource_calendar_id.tz or "UTC")
        local_now = pytz.utc.localize(now).astimezone(tz)
        midnight = tz.localize(local_now.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None))
        return midnight.astimezone(pytz.utc).replace(tzinfo=None)

    def _get_cash_journal(self):
        """The team's on-site cash journal, else the company's first cash (then bank)
        journal. Read with sudo: technicians collect money but have no accounting rights."""
        self.ensure_one()
        if self.sudo().cash_journal_id:
            return self.sudo().cash_journal_id
        journals = (
            self.env["account.journal"]
            .sudo()
            .search([("type", "in", ("cash", "bank")), ("company_id", "=", self.company_id.id)])
        )
        return journals.filtered(lambda j: j.type == "cash")[:1] or journals[:1]

    def _get_warehouse(self):
        self.ensure_one()
        return self.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )

    def _get_parts_location(self):
        self.ensure_one()
        return self._get_warehouse().lot_stock_id

    def _get_van_locations(self):
        """The vans of the team's technicians in the team's company."""
        vans = self.env["stock.location"]._aftersales_vans(self.technician_ids)
        return self.env["stock.location"].union(
            *(
                vans[technician, team.company_id]
                for team in self
                for technician in team.technician_ids
                if (technician, team.company_id) in vans
            )
        )

    def _create_vans(self):
        """FLD-3: every technician of the teams gets a van in the team's company: an
        internal location under the warehouse's view location (beside its stock, not
        inside it, so the van's parts are not the warehouse's available stock). The
        locations are created in one batch; a technician of several teams of one
        company gets one van."""
        vans = self.env["stock.location"]._aftersales_vans(self.technician_ids)
        planned = set(vans)
        vals_list = []
        for team in self:
            warehouse = team._get_warehouse()
            if not warehouse:
                continue
            for technician in team.technician_ids:
                if (technician, team.company_id) in planned:
                    continue
                planned.add((technician, team.company_id))
                vals_list.append(
                    {
                        "name": f"{self.env._('Van')} {technician.name}",
                        "usage": "internal",
                        "location_id": warehouse.view_location_id.id,
                        "company_id": team.company_id.id,
                        "aftersales_van_user_id": technician.id,
                    }
                )
        if vals_list:
            # team managers configure teams, not the warehouse's locations
            self.env["stock.location"].sudo().create(vals_list)
            self.env["res.users"].invalidate_model(["aftersales_van_location_id"])

    @api.readonly
    def action_view_van_stock(self):
        """FLD-3: the parts in the vans of the team's technicians, per van."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_van_stock"
        )
        action["domain"] = [("location_id", "in", self._get_van_locations().ids)]
        return action

    def action_refill_van(self):
        """FLD-3: a van is refilled by an ordinary internal transfer from the team's
        warehouse stock, which the warehouse validates as any other."""
        self.ensure_one()
        warehouse = self._get_warehouse()
        if not warehouse:
            raise UserError(self.env._("Choose the parts warehouse of %(team)s first.", team=self.name))
        vans = self._get_van_locations()
        return (
            self.env["stock.picking"]
            .with_context(
                default_picking_type_id=warehouse.int_type_id.id,
                default_location_id=warehouse.lot_stock_id.id,
                default_location_dest_id=vans[:1].id,
                default_origin=self.name,
            )
            ._get_records_action(name=self.env._("Refill a Van"))
        )

    @api.readonly
    def action_view_open_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_request_register"
        )
        action["domain"] = [("team_id", "=", self.id)]
        return action
