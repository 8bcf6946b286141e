from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.aftersales_service.tools.cron_batches import commit_cron_progress, take_batch
from odoo.addons.aftersales_service.tools.sequences import assign_sequence_names
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain

from .aftersales_complaint_task import DEPARTMENTS

SOURCES = [
    ("phone", "Phone"),
    ("survey", "Opinion Survey"),
    ("callback", "Callback"),
    ("portal", "Customer Portal"),
    ("sales", "Sales"),
    ("email", "Email"),
]
STATES = [
    ("new", "Registered"),
    ("accepted", "Accepted"),
    ("investigated", "Investigated"),
    ("approved", "Approved"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]
RESOLUTIONS = [
    ("discount", "Discount"),
    ("compensation", "Compensation"),
    ("return", "Return"),
    ("rework", "Rework"),
    ("replacement", "Replacement"),
    ("rejected", "Not Valid (Rejected)"),
]
# CMP-4 escalation steps, in the order they are reached
ESCALATIONS = [
    ("none", "None"),
    ("investigation_at_risk", "Investigation at risk"),
    ("investigation_overdue", "Investigation overdue"),
    ("closing_at_risk", "Closing at risk"),
    ("closing_overdue", "Closing overdue"),
]
INVESTIGATION_DAYS = 3
CLOSING_DAYS = 6
AT_RISK = timedelta(days=1)
OPEN_STATES = ("accepted", "investigated", "approved")
# CMP-4: the two clocks, the closing one first (it outranks the investigation): due
# field, step when at risk, step when overdue. The investigation clock stops once the
# investigation is in.
CLOCKS = [
    ("closing_due", "closing_at_risk", "closing_overdue"),
    ("investigation_due", "investigation_at_risk", "investigation_overdue"),
]


class AftersalesComplaint(models.Model):
    """CMP-1 … CMP-10: the customer complaint form (客户投诉处理表) from registration to
    closing: clocks from acceptance, department tasks, investigation, a resolution
    approved within the approver's authority and carried out in accounting or stock,
    responsibility and penalty, the supervisor's visit, and reopening as a new form."""

    _name = "aftersales.complaint"
    _description = "Customer Complaint"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "aftersales.deadline.mixin",
        "aftersales.team.scope.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _deadline_field = "closing_due"
    _warning_field = AT_RISK

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(STATES, default="new", required=True, tracking=True, index=True, copy=False)
    source = fields.Selection(SOURCES, default="phone", required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, tracking=True, index=True)
    contact_name = fields.Char(string="Contact Person")
    phone = fields.Char()
    team_id = fields.Many2one(
        "aftersales.team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        check_company=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handled By",
        default=lambda self: self.env.user,
        tracking=True,
        help="Customer service: registers, keeps the clock, decides handling and responsibility.",
    )
    # what the complaint is about (CMP-1)
    request_id = fields.Many2one(
        "aftersales.request", string="Service Request", check_company=True, index=True
    )
    survey_input_id = fields.Many2one("survey.user_input", string="Survey Answer", readonly=True)
    callback_id = fields.Many2one("aftersales.callback", readonly=True)
    sale_order_id = fields.Many2one("sale.order", check_company=True)
    invoice_id = fields.Many2one(
        "account.move",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), ('partner_id', 'child_of', partner_id)]",
        check_company=True,
    )
    product_id = fields.Many2one("product.product")
    lot_id = fields.Many2one(
        "stock.lot", string="Lot / Serial Number", domain="[('product_id', '=', product_id)]"
    )
    ship_date = fields.Date()
    defective_qty = fields.Float(string="Defective Quantity")
    description = fields.Html(string="Complaint", required=True)
    customer_demand = fields.Text(string="Customer's Demand")
    sample_received = fields.Boolean()
    sample_received_on = fields.Date()
    # classification (CMP-2)
    complaint_type = fields.Selection(
        [("quality", "Quality"), ("non_quality", "Non-Quality")], string="Type", tracking=True
    )
    non_quality_cause = fields.Selection(
        [("transport", "Transport"), ("handling", "Handling"), ("service", "Service"), ("other", "Other")]
    )
    severity = fields.Selection(
        [("general", "General"), ("serious", "Serious")], default="general", required=True, tracking=True
    )
    # clock (CMP-4)
    accepted_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    investigation_due = fields.Datetime(compute="_compute_deadlines", store=True, index=True)
    closing_due = fields.Datetime(compute="_compute_deadlines", store=True, index=True)
    investigated_on = fields.Datetime(readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False, index=True)
    escalation = fields.Selection(ESCALATIONS, default="none", required=True, readonly=True, copy=False)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    closed_on_time = fields.Float(
        string="Closed On Time (%)",
        compute="_compute_closed_on_time",
        store=True,
        aggregator="avg",
        help="100 when closed within 6 days of acceptance, 0 when later; empty while open.",
    )
    # investigation (CMP-3)
    task_ids = fields.One2many(
        "aftersales.complaint.task", "complaint_id", string="Department Tasks", copy=False
    )
    open_task_count = fields.Integer(compute="_compute_open_task_count")
    cause = fields.Text()
    corrective_action = fields.Text()
    # supplier (CMP-8)
    supplier_id = fields.Many2one("res.partner", string="Supplier Involved", tracking=True)
    # resolution and authority (CMP-5, CMP-6)
    resolution_type = fields.Selection(RESOLUTIONS, string="Resolution", tracking=True)
    resolution_amount = fields.Monetary(string="Amount", tracking=True, help="What the customer is granted.")
    resolution_qty = fields.Float(string="Quantity", help="Quantity returned, reworked or replaced.")
    resolution_note = fields.Text(string="Handling Notes")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False)
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False, check_company=True)
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", readonly=True, copy=False, check_company=True
    )
    return_qty_received = fields.Float(
        string="Quantity Actually Returned",
        compute="_compute_return_qty_received",
        help="Done quantity of the return transfer, for finance to check against the approved quantity.",
    )
    # responsibility (CMP-9)
    responsible_department = fields.Selection(DEPARTMENTS, tracking=True)
    responsible_user_id = fields.Many2one("res.users", string="Responsible Person", tracking=True)
    loss_amount = fields.Monetary()
    penalty_type = fields.Selection(
        [
            ("penalty", "Penalty"),
            ("bonus_deduction", "Bonus Deduction"),
            ("administrative", "Administrative Sanction"),
        ]
    )
    penalty_amount = fields.Monetary()
    sanction_description = fields.Char(
        string="Sanction Details",
        help="The administrative sanction decided (a warning, a demerit…), as human resources publish it.",
    )
    review_id = fields.Many2one(
        "aftersales.complaint.review", string="Monthly Review", readonly=True, copy=False
    )
    # visit (CMP-10)
    visitor_id = fields.Many2one(
        "res.users", string="Visit By", help="The supervisor, or the person they send to visit the customer."
    )
    visit_date = fields.Date(copy=False)
    visit_note = fields.Text(copy=False)
    # reopening (CMP-7)
    parent_id = fields.Many2one(
        "aftersales.complaint", string="Original Complaint", readonly=True, index=True
    )
    child_ids = fields.One2many(
        "aftersales.complaint", "parent_id", string="Follow-up Complaints", readonly=True
    )

    _name_company_unique = models.Constraint("UNIQUE(name, company_id)", "Complaint numbers are unique.")

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    @api.depends("partner_id", "request_id")
    def _compute_team_id(self):
        for complaint in self:
            complaint.team_id = (
                complaint.request_id.team_id
                or complaint.partner_id.commercial_partner_id.aftersales_team_id
                or complaint.partner_id.aftersales_team_id
                or complaint.team_id
            )

    @api.depends("accepted_on")
    def _compute_deadlines(self):
        for complaint in self:
            accepted = complaint.accepted_on
            complaint.investigation_due = accepted and accepted + timedelta(days=INVESTIGATION_DAYS)
            complaint.closing_due = accepted and accepted + timedelta(days=CLOSING_DAYS)

    @api.depends("state", "closed_on", "closing_due")
    def _compute_closed_on_time(self):
        for complaint in self:
            if complaint.state != "closed" or not complaint.closing_due:
                complaint.closed_on_time = False
            else:
                complaint.closed_on_time = 100.0 if complaint.closed_on <= complaint.closing_due else 0.0

    def _compute_is_overdue(self):
        overdue = self.filtered_domain(self._overdue_domain(fields.Datetime.now()))
        for complaint in self:
            complaint.is_overdue = complaint in overdue

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue complaints."))
        domain = self._overdue_domain(fields.Datetime.now())
        return domain if (operator == "=") == value else ~domain

    @api.model
    def _overdue_domain(self, now):
        return self._clock_domain(["breached"], now)

    @api.model
    def _clock_domain(self, statuses, now):
        """Open complaints one of whose running clocks (CLOCKS) is in ``statuses``."""
        clocks = Domain.OR(
            self._search_deadline_status(statuses, now, deadline_field=due)
            & (Domain("investigated_on", "=", False) if due == "investigation_due" else Domain.TRUE)
            for due, _at_risk, _overdue in CLOCKS
        )
        return Domain("state", "in", OPEN_STATES) & clocks

    @api.model
    def _escalation_step_domains(self, now):
        """``{step: domain}`` (ESCALATIONS) of the open complaints whose clocks reached
        that step at ``now``: the first clock of CLOCKS that runs and is at risk or
        breached decides, so a complaint is in one step's domain at most."""
        steps = {}
        earlier_clocks_calm = Domain("state", "in", OPEN_STATES)
        for due, at_risk, overdue in CLOCKS:
            running = Domain("investigated_on", "=", False) if due == "investigation_due" else Domain.TRUE
            for step, status in ((overdue, "breached"), (at_risk, "at_risk")):
                steps[step] = (
                    earlier_clocks_calm
                    & running
                    & self._search_deadline_status([status], now, deadline_field=due)
                )
            earlier_clocks_calm &= (
                ~running
                | Domain(due, "=", False)
                | self._search_deadline_status(["on_time"], now, deadline_field=due)
            )
        return steps

    def _get_escalation_fallback_user(self):
        # without a team supervisor or manager: customer service handling the complaint
        return self.user_id or super()._get_escalation_fallback_user()

    def _compute_open_task_count(self):
        for complaint in self:
            complaint.open_task_count = len(complaint.task_ids.filtered(lambda t: t.state == "open"))

    def _compute_return_qty_received(self):
        for complaint in self:
            picking = complaint.picking_id
            if picking.picking_type_code != "incoming":
                complaint.return_qty_received = 0.0
                continue
            moves = picking.move_ids.filtered(lambda m: m.state == "done")
            complaint.return_qty_received = sum(moves.mapped("quantity"))

    @api.constrains("resolution_amount", "resolution_qty", "defective_qty", "loss_amount", "penalty_amount")
    def _check_positive(self):
        for complaint in self:
            values = (
                complaint.resolution_amount,
                complaint.resolution_qty,
                complaint.defective_qty,
                complaint.loss_amount,
                complaint.penalty_amount,
            )
            if any(value < 0 for value in values):
                raise ValidationError(self.env._("Amounts and quantities of a complaint cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        assign_sequence_names(self.env, "aftersales.complaint", vals_list)
        return super().create(vals_list)

    # --- actions -----------------------------------------------------------------
    def action_accept(self):
        """Customer service accepts the complaint: the 3-day and 6-day clocks start,
        department tasks are set up, the supervisor is asked to visit the customer
        (CMP-10) and a serious case goes to the vice-president at once (CMP-2)."""
        self._check_state("new", self.env._("Only registered complaints can be accepted."))
        for complaint in self:
            if not complaint.complaint_type:
                raise UserError(
                    self.env._(
                        "Classify %(complaint)s as quality or non-quality first.", complaint=complaint.name
                    )
                )
        now = fields.Datetime.now()
        self.write({"state": "accepted", "accepted_on": now})
        self._create_department_tasks()
        self._plan_visits()
        self.filtered(lambda c: c.severity == "serious")._notify_vice_presidents()
        return True

    def action_submit_investigation(self):
        """The investigation report (cause and corrective action), due within 3 days."""
        self._check_state("accepted", self.env._("Only accepted complaints are investigated."))
        for complaint in self:
            if not (complaint.cause or "").strip():
                raise UserError(self.env._("Write down the cause found by the investigation."))
            if complaint.complaint_type == "quality" and not (complaint.corrective_action or "").strip():
                raise UserError(self.env._("A quality complaint needs its corrective action."))
        self.write({"state": "investigated", "investigated_on": fields.Datetime.now()})
        return True

    def action_approve(self):
        """CMP-5/6: the resolution is approved by someone whose authority covers its
        amount, then carried out: a credit note, a return or a replacement delivery."""
        self._check_state("investigated", self.env._("Approve the resolution once the investigation is in."))
        Authority = self.env["aftersales.complaint.authority"]
        for complaint in self:
            complaint._check_resolution()
            limit = Authority._limit_for(self.env.user, complaint.company_id)
            if limit is not None and complaint.resolution_amount > limit:
                raise UserError(
                    self.env._(
                        "%(amount)s is above your approval authority (%(limit)s) for %(complaint)s: "
                        "it needs a higher approver.",
                        amount=complaint.currency_id.format(complaint.resolution_amount),
                        limit=complaint.currency_id.format(limit),
                        complaint=complaint.name,
                    )
                )
        self.write(
            {"state": "approved", "approved_by_id": self.env.user.id, "approved_on": fields.Datetime.now()}
        )
        for complaint in self:
            complaint._carry_out_resolution()
        return True

    def action_close(self):
        self._check_state("approved", self.env._("Only approved complaints can be closed."))
        for complaint in self:
            if complaint.task_ids.filtered(lambda t: t.state == "open"):
                raise UserError(
                    self.env._(
                        "%(complaint)s still has open department tasks: finish them before closing.",
                        complaint=complaint.name,
                    )
                )
            if not complaint.visit_date:
                raise UserError(
                    self.env._(
                        "Record the visit to the customer of %(complaint)s before closing.",
                        complaint=complaint.name,
                    )
                )
        self.write({"state": "closed", "closed_on": fields.Datetime.now()})
        return True

    def action_cancel(self):
        if any(complaint.state in ("approved", "closed") for complaint in self):
            raise UserError(self.env._("An approved or closed complaint cannot be cancelled."))
        self.write({"state": "cancel"})
        return True

    def action_record_visit(self):
        """CMP-10: the visit is recorded; the visit activity is done."""
        for complaint in self:
            if not complaint.visit_date or not (complaint.visit_note or "").strip():
                raise UserError(self.env._("Give the date of the visit and what the customer said."))
        visit_type = self.env.ref("aftersales_complaint.mail_activity_type_complaint_visit")
        self.activity_ids.filtered(lambda a: a.activity_type_id == visit_type).action_feedback(
            feedback=self.env._("Visit recorded.")
        )
        if not self.visitor_id:
            self.filtered(lambda c: not c.visitor_id).visitor_id = self.env.user
        return True

    def action_involve_supplier(self):
        """CMP-8: handled jointly with the supplier: a joint task is added."""
        for complaint in self:
            if not complaint.supplier_id:
                raise UserError(self.env._("Choose the supplier involved first."))
        self.env["aftersales.complaint.task"].create(
            [
                {
                    "complaint_id": complaint.id,
                    "department": "supplier",
                    "name": self.env._(
                        "Handle jointly with %(supplier)s", supplier=complaint.supplier_id.name
                    ),
                    "user_id": complaint.user_id.id,
                    "sequence": 40,
                }
                for complaint in self
            ]
        )
        return True

    def action_reopen(self):
        """CMP-7: the customer does not accept the conclusion: a new complaint form,
        linked to the original, which stays closed as history."""
        self.ensure_one()
        if self.state != "closed":
            raise UserError(
                self.env._("Only a closed complaint can be reopened; this one is still being handled.")
            )
        follow_up = self.copy(
            {
                "parent_id": self.id,
                "source": self.source,
                "description": self.description,
                "customer_demand": self.customer_demand,
            }
        )
        self.message_post(
            body=self.env._(
                "Reopened as %(complaint)s: the customer did not accept the conclusion.",
                complaint=follow_up.name,
            )
        )
        return follow_up._get_records_action(context={})

    @api.readonly
    def action_view_credit_note(self):
        self.ensure_one()
        return self.credit_note_id._get_records_action(context={})

    @api.readonly
    def action_view_picking(self):
        self.ensure_one()
        return self.picking_id._get_records_action(context={})

    # --- business ------------------------------------------------------------------
    def _check_state(self, state, message):
        if any(complaint.state != state for complaint in self):
            raise UserError(message)

    def _check_resolution(self):
        self.ensure_one()
        # The approver's authority is the security check; reading the customer's
        # invoice and order to validate the figures needs no accounting rights.
        invoice = self.invoice_id.sudo()
        kind = self.resolution_type
        if not kind:
            raise UserError(self.env._("Choose how %(complaint)s is resolved.", complaint=self.name))
        if kind in ("discount", "compensation"):
            if not self.invoice_id:
                raise UserError(
                    self.env._(
                        "A discount or compensation is credited against the customer's invoice: choose it."
                    )
                )
            if self.resolution_amount <= 0:
                raise UserError(self.env._("Give the amount credited to the customer."))
            already = sum(
                invoice.reversal_move_ids.filtered(lambda m: m.state != "cancel").mapped("amount_total")
            )
            if self.resolution_amount > invoice.amount_total - already:
                raise UserError(
                    self.env._(
                        "The credit note (%(amount)s) would be larger than what is left of invoice %(invoice)s (%(left)s).",
                        amount=self.currency_id.format(self.resolution_amount),
                        invoice=invoice.name,
                        left=self.currency_id.format(invoice.amount_total - already),
                    )
                )
        elif kind in ("return", "rework", "replacement"):
            if not self.product_id or self.resolution_qty <= 0:
                raise UserError(self.env._("Give the product and the quantity to return, rework or replace."))
            if kind != "replacement":
                delivered = self._delivered_qty()
                if self.resolution_qty > delivered:
                    raise UserError(
                        self.env._(
                            "The customer cannot return %(qty)s of %(product)s: only %(delivered)s were delivered.",
                            qty=self.resolution_qty,
                            product=self.product_id.display_name,
                            delivered=delivered,
                        )
                    )

    def _delivered_qty(self):
        """What the customer received of the product on the complaint's order (or
        invoice), less what earlier complaints already took back."""
        self.ensure_one()
        order, invoice = self.sale_order_id.sudo(), self.invoice_id.sudo()
        if order:
            lines = order.order_line.filtered(lambda line: line.product_id == self.product_id)
            delivered = sum(lines.mapped("qty_delivered"))
        elif invoice:
            lines = invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.product_id)
            delivered = sum(lines.mapped("quantity"))
        else:
            return 0.0
        earlier = self.search(
            [
                ("id", "!=", self.id),
                ("state", "in", ("approved", "closed")),
                ("resolution_type", "in", ("return", "rework")),
                ("product_id", "=", self.product_id.id),
                "|",
                ("sale_order_id", "=", self.sale_order_id.id or -1),
                ("invoice_id", "=", self.invoice_id.id or -1),
            ]
        )
        return delivered - sum(earlier.mapped("resolution_qty"))

    def _carry_out_resolution(self):
        self.ensure_one()
        kind = self.resolution_type
        if kind in ("discount", "compensation"):
            self.credit_note_id = self._create_credit_note()
        elif kind in ("return", "rework"):
            self.picking_id = self._create_picking("incoming")
        elif kind == "replacement":
            self.picking_id = self._create_picking("outgoing")
        # rejected: the complaint is not valid, receivables are collected as usual

    def _create_credit_note(self):
        product = self.env.ref("aftersales_complaint.product_complaint_compensation")
        label = dict(self._fields["resolution_type"]._description_selection(self.env))[self.resolution_type]
        return (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": self.invoice_id.sudo().partner_id.id,
                    "company_id": self.company_id.id,
                    "currency_id": self.invoice_id.sudo().currency_id.id,
                    "reversed_entry_id": self.invoice_id.id,
                    "invoice_origin": self.invoice_id.sudo().name,
                    "ref": self.env._("Complaint %(complaint)s", complaint=self.name),
                    "aftersales_complaint_id": self.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": f"{self.name}: {label}",
                                "quantity": 1,
                                "price_unit": self.resolution_amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )

    def _create_picking(self, code):
        warehouse = self.team_id.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        picking_type = warehouse.in_type_id if code == "incoming" else warehouse.out_type_id
        customers = self.env.ref("stock.stock_location_customers")
        stock = warehouse.lot_stock_id
        source, destination = (customers, stock) if code == "incoming" else (stock, customers)
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": self.partner_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "origin": self.name,
                    "aftersales_complaint_id": self.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.product_id.id,
                                "product_uom_qty": self.resolution_qty,
                                "product_uom": self.product_id.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        return picking

    def _create_department_tasks(self):
        """CMP-3: the three departments' standard tasks, due with the investigation."""
        Task = self.env["aftersales.complaint.task"]
        vals_list = []
        for complaint in self:
            due = complaint.investigation_due.date()
            vals_list += [
                {
                    "complaint_id": complaint.id,
                    "sequence": 10,
                    "department": "sales",
                    "name": self.env._(
                        "Check the order data (order, lot, quantity, ship date) and the customer's demand"
                    ),
                    "user_id": complaint.sale_order_id.user_id.id or complaint.user_id.id,
                    "date_deadline": due,
                },
                {
                    "complaint_id": complaint.id,
                    "sequence": 20,
                    "department": "quality",
                    "name": self.env._("Investigate the cause and propose the corrective action"),
                    "date_deadline": due,
                },
                {
                    "complaint_id": complaint.id,
                    "sequence": 30,
                    "department": "service",
                    "name": self.env._("Decide the handling and the responsibility"),
                    "user_id": complaint.user_id.id,
                    "date_deadline": complaint.closing_due.date(),
                },
            ]
        return Task.create(vals_list)

    def _plan_visits(self):
        """CMP-10: whatever the severity, the supervisor (or the person they designate)
        visits the complaining customer."""
        self._escalate(
            "aftersales_complaint.mail_activity_type_complaint_visit",
            lambda c: c.env._(
                "Visit %(customer)s about complaint %(complaint)s",
                customer=c.partner_id.name,
                complaint=c.name,
            ),
            user_of=lambda c: c.visitor_id or c._get_escalation_user(),
        )

    def _notify_vice_presidents(self):
        """CMP-2: a serious complaint goes to the vice-president at once."""
        vice_presidents = self.env.ref("aftersales_complaint.group_complaint_vice_president").all_user_ids
        for complaint in self:
            complaint.message_subscribe(partner_ids=vice_presidents.partner_id.ids)
            complaint.message_post(
                body=self.env._(
                    "Serious complaint from %(customer)s: the vice-president is informed at once.",
                    customer=complaint.partner_id.name,
                ),
                partner_ids=vice_presidents.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    # --- cron ----------------------------------------------------------------------
    @api.model
    def _cron_escalate(self, batch_size=10_000):
        """CMP-4 (逾期反映): complaints whose investigation or closing is at risk (one
        day left) or overdue get an activity for the team's supervisor, once per step;
        re-running the cron changes nothing. At most ``batch_size`` complaints per run,
        earliest closing first; the scheduler is told what is left and runs it again."""
        now = fields.Datetime.now()
        candidates = self.search(
            self._clock_domain(["at_risk", "breached"], now) & Domain("escalation", "!=", "closing_overdue"),
            order="closing_due, id",
            limit=batch_size + 1,
        )
        (candidates,), left_over = take_batch(batch_size, candidates)
        order = [key for key, _label in ESCALATIONS]
        by_step = {}
        for step, domain in self._escalation_step_domains(now).items():
            # a step escalates the complaints that had not reached it yet
            earlier = order[: order.index(step)]
            complaints = self.search(
                Domain("id", "in", candidates.ids) & domain & Domain("escalation", "in", earlier)
            )
            if complaints:
                by_step[step] = complaints
        labels = {}  # the steps' labels, read once per language

        def label(env, step):
            if env not in labels:
                labels[env] = dict(self._fields["escalation"]._description_selection(env))
            return labels[env][step]

        for step, complaints in by_step.items():
            complaints._mark_escalation_step({"escalation": step})
            complaints._escalate(
                "aftersales_complaint.mail_activity_type_complaint_overdue",
                lambda complaint, step=step: f"{label(complaint.env, step)}: {complaint.name}",
                bulk=True,
            )
        commit_cron_progress(self.env, len(candidates), left_over)
        return by_step

    @api.model
    def _new_form_action(self, context):
        return self._get_records_action(name=self.env._("New Complaint"), context=context)
