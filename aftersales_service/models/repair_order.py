from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class RepairOrder(models.Model):
    """Odoo's repair order, carrying the after-sales carry-in steps: pickup receipt
    (RPR-1), goods in/out register (RPR-2), repair card time (RPR-3), supervisor
    inspection (RPR-4), return (RPR-5), parts need (RPR-6) and escalation (SVC-9)."""

    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.deadline.mixin"]
    # SVC-9: the promised date of a product in the workshop, at risk one day before
    _deadline_field = "schedule_date"
    _warning_field = timedelta(days=1)
    _escalation_team_field = "aftersales_team_id"

    aftersales_request_id = fields.Many2one(
        "aftersales.request",
        string="Service Request",
        index="btree_not_null",
        readonly=True,
        copy=False,
        check_company=True,
    )
    aftersales_equipment_id = fields.Many2one(
        "aftersales.equipment", string="Customer Equipment", index="btree_not_null", check_company=True
    )
    aftersales_team_id = fields.Many2one(related="aftersales_request_id.team_id", store=True)

    # RPR-2: goods in/out register (客户商品进出登记簿)
    goods_in_date = fields.Datetime(string="Received On", tracking=True, copy=False)
    goods_received_by_id = fields.Many2one("res.users", string="Received By", copy=False)
    storage_location = fields.Char(string="Stored At", tracking=True, copy=False)
    damage_attachment_ids = fields.Many2many(
        "ir.attachment",
        "repair_order_damage_attachment_rel",
        "repair_id",
        "attachment_id",
        string="Damage Photos",
        copy=False,
    )
    goods_out_date = fields.Datetime(string="Returned On", readonly=True, tracking=True, copy=False)
    is_goods_held = fields.Boolean(
        string="Held in Workshop", compute="_compute_is_goods_held", store=True, index=True
    )
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")

    # RPR-1: pickup receipt (客户商品领取收据)
    pickup_receipt_state = fields.Selection(
        [("none", "Not Issued"), ("valid", "Valid"), ("void", "Void")],
        string="Pickup Receipt",
        default="none",
        required=True,
        tracking=True,
        copy=False,
    )
    pickup_signature = fields.Binary(copy=False, attachment=True)
    pickup_signed_by = fields.Char(string="Handed Over By", copy=False)
    # what came in with the product and how it looked, checked with the customer at take-back
    pickup_accessories = fields.Text(
        string="Accessories Received", copy=False, help="Cables, trays, cartridges… taken with the product."
    )
    pickup_scratches = fields.Boolean(string="Scratches", copy=False)
    pickup_dents = fields.Boolean(string="Dents", copy=False)
    pickup_cracks = fields.Boolean(string="Cracks", copy=False)
    pickup_missing_parts = fields.Boolean(string="Missing Parts", copy=False)
    pickup_condition_note = fields.Text(string="Condition Note", copy=False)
    aftersales_serial_number = fields.Char(
        string="Serial Number",
        compute="_compute_aftersales_serial_number",
        help="The lot's serial, else the equipment's or the one given on the request.",
    )

    # RPR-4: inspection (主任验讫)
    inspection_state = fields.Selection(
        [
            ("todo", "Not Inspected"),
            ("pending", "Waiting for Inspection"),
            ("passed", "Passed"),
            ("failed", "Failed"),
        ],
        string="Inspection",
        default="todo",
        required=True,
        tracking=True,
        copy=False,
    )
    inspected_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    inspection_date = fields.Datetime(readonly=True, copy=False)
    inspection_note = fields.Text(readonly=True, copy=False)

    # RPR-5: return
    return_signature = fields.Binary(copy=False, attachment=True)
    return_signed_by = fields.Char(string="Received Back By", copy=False)
    return_no_signature_reason = fields.Text(string="Reason for No Signature", copy=False)

    # RPR-3: repair card time
    aftersales_time_entry_ids = fields.One2many(
        "aftersales.time.entry", "repair_id", string="Repair Time", copy=False
    )
    aftersales_time_spent = fields.Float(
        string="Repair Hours", compute="_compute_aftersales_time_spent", store=True
    )

    # RPR-6 / SVC-9 flags keep each notice to one
    parts_need_notified = fields.Boolean(readonly=True, copy=False)
    escalation_warned = fields.Boolean(readonly=True, copy=False)
    escalation_breached = fields.Boolean(readonly=True, copy=False)

    @api.depends("goods_in_date", "goods_out_date")
    def _compute_is_goods_held(self):
        for repair in self:
            repair.is_goods_held = bool(repair.goods_in_date and not repair.goods_out_date)

    @api.depends("is_goods_held", "schedule_date")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for repair in self:
            repair.is_overdue = (
                repair.is_goods_held
                and repair.state != "cancel"
                and repair._get_deadline_status(now) == "breached"
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        overdue = (
            Domain("is_goods_held", "=", True)
            & Domain("state", "!=", "cancel")
            & self._search_deadline_status(["breached"], fields.Datetime.now())
        )
        return overdue if True in value else ~overdue

    @api.depends(
        "lot_id.name", "aftersales_equipment_id.serial_number", "aftersales_request_id.serial_number"
    )
    def _compute_aftersales_serial_number(self):
        for repair in self:
            repair.aftersales_serial_number = (
                repair.lot_id.name
                or repair.aftersales_equipment_id.serial_number
                or repair.aftersales_request_id.serial_number
            )

    @api.depends("aftersales_time_entry_ids.hours")
    def _compute_aftersales_time_spent(self):
        for repair in self:
            repair.aftersales_time_spent = sum(repair.aftersales_time_entry_ids.mapped("hours"))

    # --- Odoo's repair steps, with the after-sales checks -----------------------
    def _action_repair_confirm(self):
        result = super()._action_repair_confirm()
        self._notify_missing_parts()
        return result

    def action_repair_end(self):
        """RPR-4 / RPR-6: an after-sales repair ends only after the supervisor passed
        it, and only with the parts in stock (nothing is consumed otherwise)."""
        for repair in self.filtered("aftersales_request_id"):
            if repair.inspection_state != "passed":
                raise UserError(
                    self.env._(
                        "%(repair)s must pass the supervisor's inspection before the repair ends.",
                        repair=repair.name,
                    )
                )
        self._check_parts_in_stock()
        return super().action_repair_end()

    def action_repair_cancel(self):
        result = super().action_repair_cancel()
        self.aftersales_request_id._leave_workshop(returned=False)
        return result

    def action_request_inspection(self):
        for repair in self:
            if repair.state != "under_repair":
                raise UserError(
                    self.env._("Only a repair under way can be inspected (%(repair)s).", repair=repair.name)
                )
        self.write({"inspection_state": "pending"})
        return True

    def action_inspection_pass(self):
        self._check_inspector()
        self.write(
            {
                "inspection_state": "passed",
                "inspected_by_id": self.env.uid,
                "inspection_date": fields.Datetime.now(),
                "inspection_note": False,
            }
        )
        return True

    def action_open_inspection_fail(self):
        self.ensure_one()
        self._check_inspector()
        return self.env["aftersales.inspection.wizard"]._get_records_action(
            name=self.env._("Inspection Failed"), target="new", context={"default_repair_id": self.id}
        )

    def _inspection_fail(self, reason):
        """RPR-4: failing sends the product back to repair, with the reason kept."""
        self._check_inspector()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason the inspection failed."))
        self.write(
            {
                "inspection_state": "failed",
                "inspected_by_id": self.env.uid,
                "inspection_date": fields.Datetime.now(),
                "inspection_note": reason,
            }
        )
        for repair in self:
            repair.message_post(
                body=self.env._("Inspection failed, back to repair: %(reason)s", reason=reason)
            )

    def action_aftersales_return(self):
        """RPR-5: the customer takes the product back: return date, signature (or the
        reason there is none), the pickup receipt is voided, the voucher filed, and a
        paid repair gets its invoice-ready sale order the same day."""
        for repair in self:
            if repair.goods_out_date:
                raise UserError(self.env._("%(repair)s was already returned.", repair=repair.name))
            if repair.state != "done" or repair.inspection_state != "passed":
                raise UserError(
                    self.env._(
                        "%(repair)s cannot be returned: it must be repaired and pass inspection first.",
                        repair=repair.name,
                    )
                )
            if not repair.return_signature and not (repair.return_no_signature_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(repair)s: the customer signs for the returned product, or give the "
                        "reason why not.",
                        repair=repair.name,
                    )
                )
        self.write({"goods_out_date": fields.Datetime.now(), "pickup_receipt_state": "void"})
        self.aftersales_request_id._leave_workshop(returned=True)
        for repair in self.filtered("aftersales_request_id"):
            repair.aftersales_request_id.message_post(
                body=self.env._(
                    "Product returned to the customer (%(repair)s); pickup receipt voided and voucher filed.",
                    repair=repair.name,
                )
            )
        self.filtered(
            lambda r: (
                not r.under_warranty
                and not r.sale_order_id
                and (r.aftersales_time_spent or r.move_ids.filtered(lambda m: m.repair_line_type == "add"))
            )
        )._create_return_sale_orders()
        return True

    @api.readonly
    def action_print_pickup_receipt(self):
        return self.env.ref("aftersales_service.action_report_pickup_receipt").report_action(self)

    @api.readonly
    def action_print_repair_card(self):
        return self.env.ref("aftersales_service.action_report_repair_card").report_action(self)

    # --- helpers ------------------------------------------------------------------
    def _get_pickup_damage_labels(self):
        """RPR-1: the appearance checklist of the pickup receipt, ``(label, checked)``
        in the reader's language."""
        self.ensure_one()
        names = ("pickup_scratches", "pickup_dents", "pickup_cracks", "pickup_missing_parts")
        return [(self._fields[name].get_description(self.env)["string"], self[name]) for name in names]

    def _get_time_by_technician(self):
        """RPR-3: the repair card's total time per technician, ``(user, hours)``."""
        self.ensure_one()
        hours = {}
        for entry in self.aftersales_time_entry_ids:
            hours[entry.user_id] = hours.get(entry.user_id, 0.0) + entry.hours
        return list(hours.items())

    def _check_inspector(self):
        if not self.env.user.has_group("aftersales_service.group_aftersales_supervisor"):
            raise UserError(self.env._("Only a service supervisor can inspect repairs."))
        for repair in self:
            if repair.inspection_state != "pending":
                raise UserError(self.env._("%(repair)s is not waiting for inspection.", repair=repair.name))

    def _check_parts_in_stock(self):
        shortages = []
        for move in self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.product_id.is_storable and m.state != "done"
        ):
            available = move.quantity + self.env["stock.quant"]._get_available_quantity(
                move.product_id, move.location_id
            )
            if move.product_uom.compare(available, move.product_uom_qty) < 0:
                shortages.append(
                    self.env._(
                        "%(product)s: %(needed)s needed, %(available)s available",
                        product=move.product_id.display_name,
                        needed=move.product_uom_qty,
                        available=available,
                    )
                )
        if shortages:
            raise UserError(
                self.env._(
                    "Not enough parts in stock; nothing was consumed.\n%(lines)s",
                    lines="\n".join(shortages),
                )
            )

    def _notify_missing_parts(self):
        """RPR-6: parts not in stock raise a purchase need for the parts administrator."""
        activity_type = self.env.ref("aftersales_service.mail_activity_type_parts_purchase")
        for repair in self.filtered(lambda r: r.aftersales_request_id and not r.parts_need_notified):
            missing = repair.move_ids.filtered(
                lambda m: (
                    m.repair_line_type == "add"
                    and m.product_id.is_storable
                    and m.product_uom.compare(m.quantity, m.product_uom_qty) < 0
                )
            )
            if not missing:
                continue
            team = repair.aftersales_team_id
            repair.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Parts to purchase for %(repair)s", repair=repair.name),
                note=", ".join(
                    f"{move.product_id.display_name} x {move.product_uom_qty - move.quantity:g}"
                    for move in missing
                ),
                user_id=(team.parts_manager_id or team.supervisor_id or self.env.user).id,
            )
            repair._order_missing_parts()  # RPR-9: a real RFQ line of the part's vendor
            repair.parts_need_notified = True

    def _create_return_sale_orders(self):
        """Odoo's own quotation from the repair (parts), plus the labour of the repair
        card at the team's rate; confirmed so the accountant can invoice at once."""
        for repair in self:
            repair.action_create_sale_order()
            team = repair.aftersales_team_id
            if repair.aftersales_time_spent and team.labour_product_id:
                repair.sale_order_id.order_line = [
                    Command.create(
                        {
                            "product_id": team.labour_product_id.id,
                            "product_uom_qty": repair.aftersales_time_spent,
                            "price_unit": team.labour_rate,
                        }
                    )
                ]
            repair.sale_order_id.aftersales_request_id = repair.aftersales_request_id
            repair.sale_order_id.action_confirm()

    @api.model
    def _cron_escalate_repairs(self):
        """SVC-9 for repairs: the supervisor gets an activity one day before the promised
        date of a product still in the workshop, and another once it is late."""
        now = fields.Datetime.now()
        held = Domain("is_goods_held", "=", True) & Domain("state", "!=", "cancel")
        held &= Domain("aftersales_request_id", "!=", False)
        at_risk = self.search(
            held & Domain("escalation_warned", "=", False) & self._search_deadline_status(["at_risk"], now)
        )
        late = self.search(
            held & Domain("escalation_breached", "=", False) & self._search_deadline_status(["breached"], now)
        )
        at_risk._escalate(
            "aftersales_service.mail_activity_type_sla_escalation",
            lambda repair: repair.env._("Repair due tomorrow: %(repair)s", repair=repair.name),
        )
        late._escalate(
            "aftersales_service.mail_activity_type_sla_escalation",
            lambda repair: repair.env._("Repair late: %(repair)s", repair=repair.name),
        )
        at_risk.write({"escalation_warned": True})
        late.write({"escalation_warned": True, "escalation_breached": True})
        return True

    def _get_escalation_fallback_user(self):
        # a repair without a team supervisor or manager goes to its responsible
        return self.user_id or super()._get_escalation_fallback_user()
