from odoo import api, fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    """RPR-9: a part missing on a repair is bought through a draft purchase order
    (RFQ) line of the part's vendor, linked to the repair, and the repair shows when
    it is on order and when it is received."""

    _inherit = "repair.order"

    aftersales_purchase_line_ids = fields.One2many(
        "purchase.order.line",
        "aftersales_repair_id",
        string="Parts on Order",
        readonly=True,
        groups="purchase.group_purchase_user",
    )
    aftersales_parts_state = fields.Selection(
        [("on_order", "On Order"), ("received", "Received")],
        string="Parts Purchase",
        compute="_compute_aftersales_parts_state",
    )
    aftersales_parts_orders = fields.Char(string="Purchase Orders", compute="_compute_aftersales_parts_state")
    parts_received_notified = fields.Boolean(readonly=True, copy=False)

    @api.depends("aftersales_purchase_line_ids.qty_received", "aftersales_purchase_line_ids.state")
    def _compute_aftersales_parts_state(self):
        for repair in self:
            # the technician sees the purchase state without purchase rights
            lines = repair.sudo().aftersales_purchase_line_ids.filtered(lambda line: line.state != "cancel")
            repair.aftersales_parts_orders = ", ".join(lines.order_id.mapped("name"))
            if not lines:
                repair.aftersales_parts_state = False
            elif all(line.product_uom_id.compare(line.qty_received, line.product_qty) >= 0 for line in lines):
                repair.aftersales_parts_state = "received"
            else:
                repair.aftersales_parts_state = "on_order"

    def action_order_missing_parts(self):
        """The parts administrator's button: buy what is missing now. A part already
        on order is not ordered twice."""
        self.ensure_one()
        if not self._get_missing_part_moves():
            raise UserError(self.env._("%(repair)s has no missing parts.", repair=self.name))
        if not self._order_missing_parts():
            raise UserError(
                self.env._(
                    "The missing parts of %(repair)s are already on order (%(orders)s) or have no vendor.",
                    repair=self.name,
                    orders=self.aftersales_parts_orders or "-",
                )
            )
        return True

    def _get_missing_part_moves(self):
        self.ensure_one()
        return self.move_ids.filtered(
            lambda m: (
                m.repair_line_type == "add"
                and m.product_id.is_storable
                and m.state not in ("done", "cancel")
                and m.product_uom.compare(m.quantity, m.product_uom_qty) < 0
            )
        )

    def _order_missing_parts(self):
        """One RFQ line per missing part with a vendor, on the vendor's draft RFQ;
        returns the lines created (none for a part already on order)."""
        self.ensure_one()
        ordered = (
            self.sudo().aftersales_purchase_line_ids.filtered(lambda line: line.state != "cancel").product_id
        )
        PurchaseLine = self.env["purchase.order.line"].sudo()  # the workshop raises the need
        lines = PurchaseLine
        for move in self._get_missing_part_moves():
            if move.product_id in ordered:
                continue
            quantity = move.product_uom_qty - move.quantity
            seller = move.product_id._select_seller(quantity=quantity, uom_id=move.product_uom)
            if not seller:
                continue
            order = self._get_parts_rfq(seller.partner_id)
            lines |= PurchaseLine.create(
                {
                    "order_id": order.id,
                    "product_id": move.product_id.id,
                    "product_qty": quantity,
                    "product_uom_id": move.product_uom.id,
                    "aftersales_repair_id": self.id,
                }
            )
            ordered |= move.product_id
        return lines

    def _get_parts_rfq(self, vendor):
        """The vendor's open draft RFQ of this company, or a new one."""
        PurchaseOrder = self.env["purchase.order"].sudo()
        order = PurchaseOrder.search(
            [
                ("partner_id", "=", vendor.id),
                ("state", "=", "draft"),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )
        if not order:
            order = PurchaseOrder.create(
                {"partner_id": vendor.id, "company_id": self.company_id.id, "origin": self.name}
            )
        elif self.name not in (order.origin or "").split(", "):
            order.origin = ", ".join(filter(None, [order.origin, self.name]))
        return order

    def _notify_parts_received(self):
        """An activity for the technician and the supervisor, written in each reader's
        language, once every part on order has been received (once per repair)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for repair in self.filtered(
            lambda r: r.aftersales_parts_state == "received" and not r.parts_received_notified
        ):
            technician = repair.user_id or repair.aftersales_request_id.technician_id
            users = technician | repair.aftersales_team_id.supervisor_id
            for user in users:
                env = repair.with_context(lang=user.lang or self.env.lang).env
                repair.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=env._("Parts received for %(repair)s", repair=repair.name),
                    note=", ".join(
                        repair.with_env(env)
                        .sudo()
                        .aftersales_purchase_line_ids.product_id.mapped("display_name")
                    ),
                    user_id=user.id,
                )
            repair.parts_received_notified = True
