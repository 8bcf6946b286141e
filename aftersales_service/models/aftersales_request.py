from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_list

from ..tools.sequences import assign_sequence_names
from .aftersales_deadline_mixin import DEADLINE_STATUSES
from .res_partner import SERVICE_ZONES

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
    ("qr", "QR Code"),
    ("plan", "Maintenance Plan"),
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
CARRY_OVER_BATCH = 20_000
CASH_METHODS = [
    ("cash", "Cash"),
    ("wechat", "WeChat Pay"),
    ("alipay", "Alipay"),
    ("card", "Bank Card"),
]
SLA_STATUSES = DEADLINE_STATUSES


class AftersalesRequest(models.Model):
    """A customer's call for service: one line of the call register (叫修登记簿, SVC-1).
    Each further concern of the request extends it in its own file: its dispatch
    (``aftersales_request_dispatch``, SVC-4), SLA and crons (``_sla``, SVC-5/8/9), the
    visit and service voucher (服务凭证, ``_visit``, SVC-3/SVC-6), the fees (``_fees``,
    SVC-7) and the repair hand-off (``_repair``, RPR-1)."""

    _name = "aftersales.request"
    _description = "Service Request"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "aftersales.deadline.mixin",
        "aftersales.team.scope.mixin",
    ]
    _order = "priority desc, sla_deadline, id desc"
    _deadline_field = "sla_deadline"
    _warning_field = "sla_warning_time"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.name", "serial_number", "phone"]

    # --- register -------------------------------------------------------------
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

    # --- computes -------------------------------------------------------------
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

    @api.depends(
        "partner_id", "phone", "email", "street", "product_id", "serial_number", "symptom", "reporter_unknown"
    )
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

    # --- constraints and onchanges --------------------------------------------
    @api.onchange("partner_id")
    def _onchange_partner_single_equipment(self):
        """DSP-3: a caller with one machine needs no second search: it is the one."""
        if self.equipment_id or not self.partner_id:
            return
        machines = self.env["aftersales.equipment"].search(
            [("partner_id", "child_of", self.partner_id.commercial_partner_id.id)], limit=2
        )
        if len(machines) == 1:
            self.equipment_id = machines

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

    # --- CRUD -----------------------------------------------------------------
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

    # --- actions --------------------------------------------------------------
    def action_verify(self):
        """The clerk confirms that the registered data was checked with the customer."""
        self.write({"verified_by_id": self.env.uid})

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

    def action_open_category_change(self):
        self.ensure_one()
        return self.env["aftersales.category.wizard"]._get_records_action(
            name=self.env._("Change Service Category"), target="new", context={"default_request_id": self.id}
        )

    # --- business helpers -----------------------------------------------------
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

    def _get_verification_issues(self):
        """The codes of the data missing from the request, in the order of the form."""
        self.ensure_one()
        checks = [
            (self.street, "address"),
            (self.phone or self.email, "contact"),
            (self.product_id, "product"),
            (self.serial_number, "serial"),
            (self.symptom and self.symptom.strip(), "symptom"),
            # PRT-4: reported from a scanned label by a phone the customer's contacts lack
            (not self.reporter_unknown, "reporter"),
        ]
        return [code for value, code in checks if not value]

    def _get_customer_tz(self):
        """The time zone the customer reads times in: theirs, else the team calendar's."""
        self.ensure_one()
        return self.partner_id.tz or self.team_id.resource_calendar_id.tz or "UTC"

    def _post_to_customer(self, text_of):
        """X-1: a message mailed to the customer (and on their portal page), written by
        ``text_of(env, tz)`` in the customer's language and time zone."""
        self.ensure_one()
        customer = self.partner_id
        env = self.with_context(lang=customer.lang or self.env.lang).env
        return self.message_post(
            body=text_of(env, self._get_customer_tz()),
            partner_ids=customer.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _get_verification_issue_labels(self):
        """``{code: label}`` of the verification issues, in the reader's language."""
        return {
            "address": self.env._("address"),
            "contact": self.env._("phone or email"),
            "product": self.env._("product model"),
            "serial": self.env._("serial number"),
            "symptom": self.env._("symptom"),
            "reporter": self.env._("reporter unknown to the customer"),
        }

    @api.model
    def _get_contact_vals(self, contact, customer):
        """Address, phone, email and service zone for the visit: the contact's own, the
        company's where the contact has none.

        All four are computed by the request's one ``_compute_from_partner``: giving any
        of them in ``create`` protects the others from that compute, so passing only the
        contact's phone/email left the address empty (flagged 'to verify: address').
        They are therefore all given, each computed as for the contact, then as for the
        company."""
        from_contact = self.new({"partner_id": contact.id})
        from_customer = self.new({"partner_id": customer.id})
        return {
            fname: from_contact[fname] or from_customer[fname]
            for fname in ("street", "phone", "email", "service_zone")
        }
