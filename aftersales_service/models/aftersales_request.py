from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_list

from ..tools.record_counts import count_per_record
from ..tools.sequences import assign_sequence_names
from .aftersales_deadline_mixin import DEADLINE_STATUSES
from .reader_locale import local_datetime_formatter
from .res_partner import SERVICE_ZONES
from .utils import commit_cron_progress, take_batch

CATEGORIES = [
    ("A", "A - Paid Service"),
    ("B", "B - Contract Service"),
    ("C", "C - Free Service (Warranty)"),
    ("D", "D - Internal Service"),
]
CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter / Document"),
    ("walk_in", "Walk-in"),
    ("portal", "Portal"),
]
STATES = [
    ("new", "Registered"),
    ("dispatched", "Dispatched"),
    ("in_progress", "On Site"),
    ("in_repair", "In Workshop"),
    ("done", "Closed"),
    ("cancel", "Cancelled"),
]
# RPR-1: a request whose product was taken back stays open (its register entry is
# cleared when the product is returned) but has no appointment and no SLA clock left
OPEN_STATES = ("new", "dispatched", "in_progress", "in_repair")
NOT_ARRIVED_STATES = ("new", "dispatched")
# requests escalated per cron run: set-based inserts, sized so one run stays short
ESCALATION_BATCH = 10_000
# requests carried over per cron run: one UPDATE, sized so one run stays short
CARRY_OVER_BATCH = 50_000
CASH_METHODS = [
    ("cash", "Cash"),
    ("wechat", "WeChat Pay"),
    ("alipay", "Alipay"),
    ("card", "Bank Card"),
]
SLA_STATUSES = DEADLINE_STATUSES


class AftersalesRequest(models.Model):
    """A customer's call for service: one line of the call register (叫修登记簿, SVC-1),
    its dispatch (SVC-4), SLA (SVC-5) and service voucher (服务凭证, SVC-3/SVC-6)."""

    _name = "aftersales.request"
    _description = "Service Request"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "aftersales.deadline.mixin"]
    _order = "priority desc, sla_deadline, id desc"
    _deadline_field = "sla_deadline"
    _warning_field = "sla_warning_time"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.name", "serial_number", "phone"]

    # --- register ---------------------------------------------------------
    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    # Indexes only on what lists filter or sort on selectively (state, team,
    # technician, customer, equipment, call time, SLA deadline, the number's trigrams).
    # Low-cardinality flags (priority, category, register, carry-over, cash) get none:
    # each index slows down every row the crons update, and the planner would not use
    # them (measured with bench/run).
    state = fields.Selection(STATES, default="new", required=True, tracking=True, index=True, copy=False)
    priority = fields.Selection([("0", "Normal"), ("1", "High"), ("2", "Urgent")], default="0", tracking=True)
    call_time = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True, index=True)
    channel = fields.Selection(CHANNELS, default="phone", required=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, tracking=True, check_company=True
    )
    contact_name = fields.Char(string="Contact Person")
    street = fields.Char(string="Address", compute="_compute_from_partner", store=True, readonly=False)
    phone = fields.Char(compute="_compute_from_partner", store=True, readonly=False)
    email = fields.Char(compute="_compute_from_partner", store=True, readonly=False)
    service_zone = fields.Selection(
        SERVICE_ZONES, compute="_compute_from_partner", store=True, readonly=False
    )
    equipment_id = fields.Many2one(
        "aftersales.equipment",
        index=True,
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product Model",
        compute="_compute_from_equipment",
        store=True,
        readonly=False,
        check_company=True,
    )
    serial_number = fields.Char(compute="_compute_from_equipment", store=True, readonly=False)
    purchase_date = fields.Date(compute="_compute_from_equipment", store=True, readonly=False)
    warranty_end = fields.Date(related="equipment_id.warranty_end")
    in_warranty = fields.Boolean(
        compute="_compute_in_warranty", help="The equipment was under warranty on the day of the call."
    )
    equipment_open_request_ids = fields.Many2many(
        "aftersales.request",
        compute="_compute_equipment_open_request_ids",
        string="Open Requests of the Equipment",
        help="Other requests on the same equipment that are still open: the caller may be "
        "calling about one of them.",
    )
    symptom = fields.Text(tracking=True)
    customer_request = fields.Text(string="Customer's Requests")
    preferred_time = fields.Datetime(string="Preferred Visit Time")
    category = fields.Selection(
        CATEGORIES,
        string="Service Category",
        tracking=True,
        help="Defaulted from the equipment's warranty; once registered it only "
        "changes through 'Change Category', which records the reason.",
    )
    contract_id = fields.Many2one(
        "aftersales.contract",
        string="Maintenance Contract",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The contract covering the equipment on the day of the call.",
    )
    over_allowance = fields.Boolean(
        compute="_compute_over_allowance",
        help="The contract's visit allowance was already used up by earlier visits.",
    )
    to_verify = fields.Boolean(
        compute="_compute_to_verify",
        store=True,
        help="Data is missing or doubtful: a clerk must check it before dispatch.",
    )
    # codes, not sentences: the label is written in the language of whoever reads it
    verification_issues = fields.Char(
        string="Verification Issue Codes",
        compute="_compute_to_verify",
        store=True,
        help="Comma-separated codes of the missing or doubtful data.",
    )
    verification_issues_label = fields.Char(
        string="Data to Verify",
        compute="_compute_verification_issues_label",
        search="_search_verification_issues_label",
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    register_state = fields.Selection(
        [("open", "Open"), ("cleared", "Cleared")],
        string="Register Entry",
        compute="_compute_register_state",
        store=True,
        help="The call register entry is cleared (注销) when the request is closed.",
    )

    # --- dispatch -----------------------------------------------------------
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
    carried_over = fields.Boolean(
        readonly=True,
        copy=False,
        help="Registered on an earlier day and still not dispatched.",
    )
    carry_over_date = fields.Date(readonly=True, copy=False)

    # --- SLA ------------------------------------------------------------------
    sla_hours = fields.Float(
        string="SLA Hours",
        compute="_compute_sla",
        store=True,
        help="Working hours allowed from call to arrival for the team and zone.",
    )
    sla_deadline = fields.Datetime(string="SLA Deadline", compute="_compute_sla", store=True, index=True)
    sla_warning_time = fields.Datetime(string="At Risk From", compute="_compute_sla", store=True)
    arrival_time = fields.Datetime(tracking=True, copy=False)
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

    # --- on-site completion and voucher ---------------------------------------
    work_done = fields.Text()
    time_entry_ids = fields.One2many("aftersales.time.entry", "request_id", string="Time Spent", copy=False)
    time_spent = fields.Float(string="Hours Spent", compute="_compute_time_spent", store=True)
    part_ids = fields.One2many("aftersales.request.part", "request_id", string="Parts Used", copy=False)
    signature = fields.Binary(string="Customer Signature", copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    no_signature_reason = fields.Text(
        string="Reason for No Signature",
        copy=False,
        help="Required to close a request the customer did not sign.",
    )
    close_time = fields.Datetime(string="Closed On", readonly=True, copy=False)
    part_move_ids = fields.One2many(
        "stock.move", "aftersales_request_id", string="Part Moves", readonly=True, copy=False
    )

    # --- money (SVC-7) -------------------------------------------------------
    currency_id = fields.Many2one(related="company_id.currency_id")
    sale_order_id = fields.Many2one(
        "sale.order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Paid service (A): the quotation accountants confirm and invoice as usual.",
    )
    amount_due = fields.Monetary(
        compute="_compute_amount_due",
        help="Paid service (A): what the quotation charges, taxes included — labour, the "
        "visit fee and the parts recorded so far, at the quotation's prices.",
    )
    cash_amount = fields.Monetary(string="Collected On Site", readonly=True, copy=False)
    cash_method = fields.Selection(CASH_METHODS, string="Payment Method", readonly=True, copy=False)
    cash_payment_id = fields.Many2one(
        "account.payment", string="On-Site Payment", readonly=True, copy=False, index="btree_not_null"
    )
    cash_state = fields.Selection(
        [
            ("none", "Nothing Collected"),
            ("to_invoice", "Collected, Not Invoiced"),
            ("reconciled", "Reconciled"),
        ],
        string="Cash Status",
        compute="_compute_cash_state",
        store=True,
    )

    # --- carry-in repair (RPR-1) ----------------------------------------------
    repair_ids = fields.One2many("repair.order", "aftersales_request_id", string="Repairs", copy=False)
    repair_count = fields.Integer(compute="_compute_repair_count")

    # --- computes ---------------------------------------------------------------
    def _compute_access_url(self):
        for record in self:
            record.access_url = f"/my/requests/{record.id}"

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for request in self:
            partner = request.partner_id
            if not partner:
                continue
            request.street = partner._aftersales_one_line_address(home_country=request.company_id.country_id)
            request.phone = partner.phone
            request.email = partner.email
            request.service_zone = partner.service_zone or partner.commercial_partner_id.service_zone

    @api.depends("equipment_id")
    def _compute_from_equipment(self):
        for request in self:
            equipment = request.equipment_id
            if not equipment:
                continue
            request.product_id = equipment.product_id
            request.serial_number = equipment.serial_number
            request.purchase_date = equipment.purchase_date

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

    @api.depends("partner_id", "phone", "email", "street", "product_id", "serial_number", "symptom")
    def _compute_to_verify(self):
        for request in self:
            issues = request._get_verification_issues()
            request.to_verify = bool(issues)
            request.verification_issues = ",".join(issues)

    @api.depends("verification_issues")
    @api.depends_context("lang")
    def _compute_verification_issues_label(self):
        labels = self._get_verification_issue_labels()
        # the list's punctuation follows the reader's language, even one not activated
        lang = self.env.lang or "en_US"
        for request in self:
            codes = request.verification_issues.split(",") if request.verification_issues else []
            request.verification_issues_label = format_list(
                self.env, [labels.get(code, code) for code in codes], lang_code=lang
            )

    def _search_verification_issues_label(self, operator, value):
        """Typing part of a label finds the requests missing that datum."""
        if operator != "ilike" or not isinstance(value, str):
            return NotImplemented
        codes = [
            code
            for code, label in self._get_verification_issue_labels().items()
            if value.lower() in label.lower()
        ]
        return Domain.OR(Domain("verification_issues", "ilike", code) for code in codes)

    @api.depends("state")
    def _compute_register_state(self):
        for request in self:
            request.register_state = "open" if request.state in OPEN_STATES else "cleared"

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
        for request in self:
            if request not in scheduled:
                request.conflicting_request_ids = False
            else:
                start, end = windows[request]
                request.conflicting_request_ids = candidates.filtered(
                    lambda other, r=request, start=start, end=end: (
                        other.id != r._origin.id
                        and other.technician_id == r.technician_id
                        and other.scheduled_start < end
                        and other.scheduled_end > start
                    )
                )
            request.has_conflict = bool(request.conflicting_request_ids)

    @api.depends("equipment_id.warranty_end", "call_time")
    def _compute_in_warranty(self):
        for request in self:
            call_date = request.call_time and request.call_time.date()
            equipment = request.equipment_id
            request.in_warranty = bool(equipment) and equipment._is_in_warranty(call_date)

    @api.depends("equipment_id")
    def _compute_equipment_open_request_ids(self):
        """SVC-1: the open requests of the chosen equipment, one query for the batch;
        a warning for the clerk, never a refusal (a second fault is a new call)."""
        with_equipment = self.filtered("equipment_id")
        open_requests = self.browse()
        if with_equipment:
            open_requests = self.search(
                [("equipment_id", "in", with_equipment.equipment_id.ids), ("state", "in", OPEN_STATES)]
            )
        for request in self:
            request.equipment_open_request_ids = open_requests.filtered(
                lambda other, r=request: other.equipment_id == r.equipment_id and other.id != r._origin.id
            )

    @api.depends(
        "category",
        "state",
        "sale_order_id.amount_total",
        "time_spent",
        "part_ids.product_id",
        "part_ids.quantity",
        "part_ids.uom_id",
        "team_id.labour_rate",
        "team_id.travel_fee",
    )
    def _compute_amount_due(self):
        """SVC-7: once closed, what the quotation charges; before, what it will charge,
        priced by Odoo's sales on a draft order that is never saved. Read with sudo:
        the technician sees the amount, not the customer's pricelist or the taxes."""
        for request in self:
            if request.category != "A" or request.state == "cancel":
                request.amount_due = 0.0
            elif request.sale_order_id:
                request.amount_due = request.sudo().sale_order_id.amount_total
            else:
                draft = self.env["sale.order"].sudo().new(request.sudo()._prepare_sale_order_vals())
                request.amount_due = draft.amount_total

    def _compute_reschedule_count(self):
        counts = count_per_record(self, "aftersales.reschedule", "request_id")
        for request in self:
            request.reschedule_count = counts.get(request, 0)

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

    @api.depends("contract_id.visit_allowance", "contract_id.request_ids")
    def _compute_over_allowance(self):
        for request in self:
            contract = request.contract_id
            if not contract.visit_allowance:
                request.over_allowance = False
                continue
            earlier = contract.request_ids.filtered(
                lambda r, req=request: r.state != "cancel" and (r.call_time, r.id) < (req.call_time, req.id)
            )
            request.over_allowance = len(earlier) >= contract.visit_allowance

    @api.depends("cash_payment_id", "cash_payment_id.is_reconciled")
    def _compute_cash_state(self):
        for request in self:
            if not request.cash_payment_id:
                request.cash_state = "none"
            elif request.cash_payment_id.is_reconciled:
                request.cash_state = "reconciled"
            else:
                request.cash_state = "to_invoice"

    def _compute_repair_count(self):
        counts = count_per_record(self, "repair.order", "aftersales_request_id")
        for request in self:
            request.repair_count = counts.get(request, 0)

    @api.depends("time_entry_ids.hours")
    def _compute_time_spent(self):
        for request in self:
            request.time_spent = sum(request.time_entry_ids.mapped("hours"))

    # --- constraints -------------------------------------------------------
    @api.constrains("arrival_time", "call_time")
    def _check_arrival_after_call(self):
        for request in self:
            if request.arrival_time and request.call_time and request.arrival_time < request.call_time:
                raise ValidationError(
                    self.env._(
                        "%(request)s: the technician cannot arrive before the customer called.",
                        request=request.name,
                    )
                )

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

    @api.onchange("equipment_id", "call_time")
    def _onchange_equipment_category(self):
        """SVC-1 / SVC-2: the clerk sees the category (and the covering contract) as
        soon as the equipment is chosen; create() decides the same for calls
        registered without the form. Once saved, only 'Change Category' changes it."""
        if self._origin:
            return
        call_time = self.call_time or fields.Datetime.now()
        contract = self.env["aftersales.contract"]
        if self.equipment_id:
            contract = contract._covers(self.equipment_id, fields.Datetime.to_datetime(call_time).date())
        self.contract_id = contract
        self.category = self._default_category_for(self.equipment_id, call_time, contract=contract)

    # --- CRUD ----------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Batch registration reads contracts once and draws all numbers in one query,
        so the cost per request stays flat."""
        for vals in vals_list:
            self._check_registration_vals(vals)
            vals.setdefault("call_time", fields.Datetime.now())
        call_day = {id(vals): fields.Datetime.to_datetime(vals["call_time"]).date() for vals in vals_list}
        covering = self.env["aftersales.contract"]._covering(
            {(vals["equipment_id"], call_day[id(vals)]) for vals in vals_list if vals.get("equipment_id")}
        )
        Equipment = self.env["aftersales.equipment"]
        for vals in vals_list:
            equipment = Equipment.browse(vals.get("equipment_id"))
            contract = covering.get((equipment.id, call_day[id(vals)]), self.env["aftersales.contract"])
            if not vals.get("category"):
                vals["category"] = self._default_category_for(equipment, vals["call_time"], contract=contract)
            if equipment and "contract_id" not in vals:
                vals["contract_id"] = contract.id
            if vals.get("signature"):
                vals["signed_on"] = fields.Datetime.now()
        assign_sequence_names(self.env, "aftersales.request", vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if "category" in vals and not self.env.context.get("aftersales_category_reason"):
            changed = self.filtered(lambda r: r.category != vals["category"])
            if changed:
                raise UserError(
                    self.env._(
                        "The service category of %(requests)s can only be changed with "
                        "'Change Category', which records the reason.",
                        requests=", ".join(changed.mapped("name")),
                    )
                )
        if "partner_id" in vals and not vals["partner_id"]:
            raise ValidationError(self.env._("A service request needs a customer."))
        if vals.get("signature"):
            vals = dict(vals, signed_on=fields.Datetime.now())
        return super().write(vals)

    def _creation_subtype(self):
        # its description is the chatter's "created" line, in the reader's language
        return self.env.ref("aftersales_service.mt_request_registered")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_or_closed(self):
        protected = self.filtered(lambda r: r.signature or r.state == "done")
        if protected:
            raise UserError(
                self.env._(
                    "Signed or closed service requests (%(requests)s) are kept as records: "
                    "archive them instead of deleting them.",
                    requests=", ".join(protected.mapped("name")),
                )
            )

    @api.model
    def _check_registration_vals(self, vals):
        """SVC-1: a call cannot be registered without a customer and a way to reach them."""
        if not vals.get("partner_id"):
            raise ValidationError(self.env._("A service request needs a customer."))
        if not (vals.get("phone") or vals.get("email")):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            if not (partner.phone or partner.email):
                raise ValidationError(
                    self.env._(
                        "Give a phone number or an email address to reach %(customer)s.",
                        customer=partner.display_name,
                    )
                )

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

    # --- actions -------------------------------------------------------------
    def action_verify(self):
        """The clerk confirms that the registered data was checked with the customer."""
        self.write({"verified_by_id": self.env.uid})

    def action_dispatch(self):
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

    def action_arrive(self):
        now = fields.Datetime.now()
        for request in self:
            if request.state != "dispatched":
                raise UserError(
                    self.env._(
                        "Only dispatched requests can be marked as arrived (%(request)s).",
                        request=request.name,
                    )
                )
            request.write({"state": "in_progress", "arrival_time": request.arrival_time or now})
        return True

    def action_close(self):
        """SVC-6: close with the customer's signature (or the reason there is none);
        the register entry is cleared at the same time."""
        for request in self:
            if request.state != "in_progress":
                raise UserError(
                    self.env._(
                        "%(request)s can only be closed once the technician is on site.",
                        request=request.name,
                    )
                )
            if not request.work_done:
                raise UserError(
                    self.env._("Describe the work done before closing %(request)s.", request=request.name)
                )
            if not request.signature and not (request.no_signature_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(request)s needs the customer's signature on the service voucher, or "
                        "the reason why the customer did not sign.",
                        request=request.name,
                    )
                )
        self._close()
        return True

    def action_cancel(self):
        if any(request.state == "done" for request in self):
            raise UserError(self.env._("A closed request cannot be cancelled."))
        self.write({"state": "cancel"})
        return True

    def action_reset_to_new(self):
        if any(request.state != "cancel" for request in self):
            raise UserError(self.env._("Only cancelled requests can be registered again."))
        self.write({"state": "new", "technician_id": False, "dispatch_time": False})
        return True

    def action_open_reschedule(self):
        self.ensure_one()
        return self.env["aftersales.reschedule.wizard"]._get_records_action(
            name=self.env._("Reschedule"), target="new", context={"default_request_id": self.id}
        )

    def action_open_category_change(self):
        self.ensure_one()
        return self.env["aftersales.category.wizard"]._get_records_action(
            name=self.env._("Change Service Category"), target="new", context={"default_request_id": self.id}
        )

    def action_view_reschedules(self):
        self.ensure_one()
        return self.env["aftersales.reschedule"]._get_records_action(
            name=self.env._("Reschedules"),
            views=[(False, "list"), (False, "form")],
            domain=[("request_id", "=", self.id)],
            context={},
        )

    def action_open_cash_wizard(self):
        self.ensure_one()
        return self.env["aftersales.cash.wizard"]._get_records_action(
            name=self.env._("Record On-Site Payment"), target="new", context={"default_request_id": self.id}
        )

    def action_take_back(self):
        """RPR-1: the job can't be finished on site; the product goes to the workshop
        under a repair order linked to this request and its equipment."""
        self.ensure_one()
        if self.state == "in_repair" or self.repair_ids.filtered(
            lambda r: r.state != "cancel" and not r.goods_out_date
        ):
            raise UserError(
                self.env._("The product of %(request)s is already in the workshop.", request=self.name)
            )
        if self.state not in ("dispatched", "in_progress"):
            raise UserError(
                self.env._(
                    "Only a request being worked on can be taken back for repair (%(request)s).",
                    request=self.name,
                )
            )
        if not self.product_id:
            raise UserError(
                self.env._("Set the product of %(request)s before taking it back.", request=self.name)
            )
        repair = self.env["repair.order"].create(self._prepare_repair_vals())
        # The visit is over: the appointment leaves the technician's calendar, the
        # dispatch board and the portal (the chatter keeps its date), and the request
        # shows it waits for the workshop until the product is returned.
        self.write({"state": "in_repair", "scheduled_start": False})
        self.message_post(
            body=self.env._("Product taken back for repair: %(repair)s", repair=repair._get_html_link())
        )
        return repair._get_records_action(context={})

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("repair.action_repair_order_tree")
        action["domain"] = [("aftersales_request_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_sale_order(self):
        self.ensure_one()
        return self.sale_order_id._get_records_action(context={})

    def action_print_voucher(self):
        return self.env.ref("aftersales_service.action_report_service_voucher").report_action(self)

    # --- business helpers --------------------------------------------------
    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Service Voucher - %(request)s", request=self.name)

    def _is_signable_by_customer(self):
        """PRT-3: the customer signs the voucher once the technician is on site or has
        closed the visit without a signature; a signed voucher is never signed again."""
        self.ensure_one()
        return self.state in ("in_progress", "in_repair", "done") and not self.signature

    def _sign_by_customer(self, name, signature):
        self.ensure_one()
        if self.signature:
            raise UserError(self.env._("The voucher of %(request)s is already signed.", request=self.name))
        if not self._is_signable_by_customer():
            raise UserError(
                self.env._(
                    "The voucher of %(request)s can be signed once the technician is on site.",
                    request=self.name,
                )
            )
        if not (name or "").strip() or not signature:
            raise UserError(self.env._("Write your name and sign before confirming."))
        self.write({"signature": signature, "signed_by": name.strip(), "no_signature_reason": False})
        self.message_post(
            body=self.env._("Service voucher signed online by %(name)s.", name=name.strip()),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return True

    @api.model
    def _default_category_for(self, equipment, call_time, contract=None):
        """SVC-2 / EQP-2 / CTR: equipment under an open maintenance contract on the day
        of the call is contract service (B), in warranty free service (C), otherwise
        paid (A). ``contract``: the covering contract when the caller looked it up."""
        call_date = fields.Datetime.to_datetime(call_time).date()
        if contract is None and equipment:
            contract = self.env["aftersales.contract"]._covers(equipment, call_date)
        if equipment and contract:
            return "B"
        if equipment and equipment._is_in_warranty(call_date):
            return "C"
        return "A"

    def _prepare_repair_vals(self):
        self.ensure_one()
        now = fields.Datetime.now()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.equipment_id.lot_id.id,
            "aftersales_request_id": self.id,
            "aftersales_equipment_id": self.equipment_id.id,
            "under_warranty": self.category != "A",
            "internal_notes": self.symptom,
            "user_id": self.technician_id.id or self.env.uid,
            "schedule_date": now + timedelta(days=3),
            "goods_in_date": now,
            "goods_received_by_id": self.env.uid,
            "pickup_receipt_state": "valid",
        }

    def _close(self):
        """What closing a visit does: the parts leave stock, the register entry is
        cleared and paid service gets its quotation."""
        self._consume_parts()
        self.write({"state": "done", "close_time": fields.Datetime.now()})
        self.filtered(lambda r: r.category == "A")._create_sale_orders()

    def _leave_workshop(self, returned):
        """RPR-1 / RPR-5: the requests waiting for no other repair leave the workshop.
        Returned to the customer (who signed the return), the request is closed; a
        repair cancelled instead puts it back on site, to close or take back again."""
        waiting = self.filtered(
            lambda request: (
                request.state == "in_repair"
                and not request.repair_ids.filtered(lambda r: r.state != "cancel" and not r.goods_out_date)
            )
        )
        if returned:
            waiting._close()
        else:
            waiting.write({"state": "in_progress"})

    def _consume_parts(self):
        """SVC-6 / RPR-6: the parts written on the vouchers leave the team's stock for
        the customer. Stock is checked for every part first, so a shortage stops the
        close with nothing consumed."""
        lines = self.part_ids
        if not lines:
            return
        # one warehouse look-up per team, not per line
        location_of = {team: team._get_parts_location() for team in self.team_id}
        self._check_parts_in_stock(lines, location_of)
        customer_location = self.env.ref("stock.stock_location_customers")
        moves = (
            self.env["stock.move"]
            .sudo()
            .create(
                [
                    {
                        "product_id": line.product_id.id,
                        "product_uom": line.uom_id.id,
                        "product_uom_qty": line.quantity,
                        "location_id": location_of[line.request_id.team_id].id,
                        "location_dest_id": customer_location.id,
                        "partner_id": line.request_id.partner_id.id,
                        "origin": line.request_id.name,
                        "company_id": line.request_id.company_id.id,
                        "aftersales_request_id": line.request_id.id,
                    }
                    for line in lines
                ]
            )
        )
        # technicians have no inventory rights: the move is the system's record of
        # what they used, written with sudo like a validated delivery would be
        moves._action_confirm()
        moves._action_assign()
        for move in moves:
            move.quantity = move.product_uom_qty
        moves.picked = True
        moves._action_done()

    def _check_parts_in_stock(self, lines, location_of):
        """Refuse, listing every shortage at once, when the parts locations
        (``location_of[team]``) hold less of a stored part than ``lines`` use."""
        needed = defaultdict(float)
        for line in lines.filtered(lambda part: part.product_id.is_storable):
            location = location_of[line.request_id.team_id]
            needed[location, line.product_id] += line.uom_id._compute_quantity(
                line.quantity, line.product_id.uom_id
            )
        shortages = []
        for (location, product), quantity in needed.items():
            available = self.env["stock.quant"]._get_available_quantity(product, location)
            if product.uom_id.compare(available, quantity) < 0:
                shortages.append(
                    self.env._(
                        "%(product)s: %(needed)s needed, %(available)s available in %(location)s",
                        product=product.display_name,
                        needed=quantity,
                        available=available,
                        location=location.display_name,
                    )
                )
        if shortages:
            raise UserError(
                self.env._(
                    "Not enough parts in stock; nothing was consumed.\n%(lines)s", lines="\n".join(shortages)
                )
            )

    def _create_sale_orders(self):
        """SVC-7: paid service gets a quotation with labour at the team's rate, the visit
        fee and the parts, which accountants confirm and invoice in the normal flow.
        Created with sudo because the technician who closes is not a salesperson."""
        orders_vals = [request._prepare_sale_order_vals() for request in self]
        # references drawn in one query per company instead of two per order
        assign_sequence_names(self.env, "sale.order", orders_vals)
        orders = self.env["sale.order"].sudo().create(orders_vals)
        for request, order in zip(self, orders, strict=True):
            request.sale_order_id = order

    def _prepare_sale_order_vals(self):
        """SVC-7: the quotation of a paid visit — labour at the team's rate, the visit
        fee and the parts, priced by Odoo's sales (the customer's pricelist, taxes).
        The one description of what a visit charges: the quotation created on close
        and the amount due shown on site both come from it."""
        self.ensure_one()
        team = self.team_id
        lines = []
        if self.time_spent and team.labour_product_id:
            lines.append(
                {
                    "product_id": team.labour_product_id.id,
                    "product_uom_qty": self.time_spent,
                    "price_unit": team.labour_rate,
                }
            )
        if team.travel_product_id and team.travel_fee:
            lines.append(
                {
                    "product_id": team.travel_product_id.id,
                    "product_uom_qty": 1.0,
                    "price_unit": team.travel_fee,
                }
            )
        lines += self._prepare_sale_order_part_lines()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "origin": self.name,
            "client_order_ref": self.name,
            "aftersales_request_id": self._origin.id,
            "warehouse_id": team.warehouse_id.id or False,
            "order_line": [Command.create(line) for line in lines],
        }

    def _prepare_sale_order_part_lines(self):
        """The parts of the quotation: once closed, the done moves that took them from
        stock (linked, as Odoo's repair does, so confirming the order delivers nothing
        again and the parts count as delivered); before, the parts written so far."""
        if self.part_move_ids:
            return [
                {
                    "product_id": move.product_id.id,
                    "product_uom_qty": move.quantity,
                    "product_uom_id": move.product_uom.id,
                    "move_ids": [Command.link(move.id)],
                    "qty_delivered": move.quantity,
                }
                for move in self.part_move_ids
            ]
        return [
            {
                "product_id": part.product_id.id,
                "product_uom_qty": part.quantity,
                "product_uom_id": part.uom_id.id,
            }
            for part in self.part_ids.filtered("product_id")
        ]

    def _get_appointment_window(self):
        """(start, end) of the request's appointment; for a request not dispatched yet,
        the one its dispatch will give (the preferred time). None without either."""
        self.ensure_one()
        if self.scheduled_start:
            return self.scheduled_start, self.scheduled_end
        if self.state == "new" and self.preferred_time:
            return self.preferred_time, self.preferred_time + timedelta(hours=max(self.planned_hours, 0.0))
        return None

    def _reconcile_cash_with(self, invoices):
        """Match the on-site payments of these requests with their posted invoices."""
        payments = self.cash_payment_id.filtered(lambda p: p.state != "canceled" and not p.is_reconciled)
        invoices = invoices.filtered(lambda move: move.state == "posted")
        if not payments or not invoices:
            return
        receivable_lines = (invoices.line_ids | payments.move_id.line_ids).filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        receivable_lines.reconcile()

    def _get_verification_issues(self):
        """The codes of the data missing from the request, in the order of the form."""
        self.ensure_one()
        checks = [
            (self.street, "address"),
            (self.phone or self.email, "contact"),
            (self.product_id, "product"),
            (self.serial_number, "serial"),
            (self.symptom and self.symptom.strip(), "symptom"),
        ]
        return [code for value, code in checks if not value]

    def _get_verification_issue_labels(self):
        """``{code: label}`` of the verification issues, in the reader's language."""
        return {
            "address": self.env._("address"),
            "contact": self.env._("phone or email"),
            "product": self.env._("product model"),
            "serial": self.env._("serial number"),
            "symptom": self.env._("symptom"),
        }

    def _get_sla_status(self, now):
        self.ensure_one()
        if not self.sla_deadline or self.state == "cancel":
            return False
        if self.arrival_time:
            return "on_time" if self.arrival_time <= self.sla_deadline else "breached"
        if self.state not in NOT_ARRIVED_STATES:
            return False
        return self._get_deadline_status(now)

    # --- crons ---------------------------------------------------------------
    @api.model
    def _cron_carry_over(self, batch_size=CARRY_OVER_BATCH):
        """SVC-8 (次日优先派工): requests registered before today and still not
        dispatched are flagged and raised one priority step. Flagged requests are
        skipped, so a second run the same day changes nothing. A run flags at most
        ``batch_size`` requests, earliest call first, and tells the scheduler what
        is left: it runs again at once."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        teams = self.env["aftersales.team"].search([("active", "=", True)])
        # Each team has its own day start, so the day starts go in as a table: one
        # query finds the batch, one set-based UPDATE flags it (the ORM write is far
        # slower over a large batch). Nothing is computed from these three fields;
        # the cache is invalidated below.
        self.flush_model(["state", "carried_over", "call_time", "team_id", "priority", "active"])
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
                limit=batch_size + 1,
            )
        )
        (due,), left_over = take_batch(batch_size, self.browse([row[0] for row in self.env.cr.fetchall()]))
        if due:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE aftersales_request
                       SET carried_over = TRUE,
                           carry_over_date = %(today)s,
                           priority = CASE WHEN priority = '0' THEN '1' ELSE '2' END,
                           write_uid = %(uid)s,
                           write_date = %(now)s
                     WHERE id = ANY(%(ids)s)
                    """,
                    today=today,
                    uid=self.env.uid,
                    now=now,
                    ids=due.ids,
                )
            )
            self.invalidate_model(["carried_over", "carry_over_date", "priority", "write_uid", "write_date"])
        commit_cron_progress(self.env, len(due), left_over)
        return due

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
        supervisor's time zone, else the team calendar's, then the step's flags."""
        formatters = {}

        def note_of(request):
            env = request.env
            if env not in formatters:
                formatters[env] = local_datetime_formatter(env)
            tz = request._get_escalation_user().tz or request.team_id.resource_calendar_id.tz
            return env._(
                "Customer %(customer)s, deadline %(deadline)s, technician %(technician)s.",
                customer=request.partner_id.complete_name or request.partner_id.name or "",
                deadline=formatters[env](request.sla_deadline, tz),
                technician=request.technician_id.name or env._("not dispatched"),
            )

        def summary_of(request):
            if breached:
                return request.env._("SLA breached: %(request)s", request=request.name)
            return request.env._("SLA at risk: %(request)s", request=request.name)

        activities = self._escalate(
            "aftersales_service.mail_activity_type_sla_escalation", summary_of, note_of, bulk=True
        )
        self.write(
            {"escalation_warned": True, "escalation_breached": True}
            if breached
            else {"escalation_warned": True}
        )
        return activities
