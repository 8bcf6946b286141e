from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain

from ..tools.record_counts import count_per_record


class AftersalesEquipment(models.Model):
    """Customer equipment file (客户资料袋, EQP-1): one record per product a customer owns."""

    _name = "aftersales.equipment"
    _description = "Customer Equipment"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "partner_id, product_id, id"
    _check_company_auto = True
    _rec_names_search = ["name", "serial_number", "partner_id.name", "product_id.name"]

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    product_id = fields.Many2one("product.product", required=True, tracking=True, check_company=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
        tracking=True,
    )
    serial_number = fields.Char(
        compute="_compute_serial_number",
        store=True,
        readonly=False,
        index=True,
        help="Serial number as printed on the product; filled from the lot when one is set.",
    )
    purchase_date = fields.Date(tracking=True)
    warranty_months = fields.Integer(
        related="product_id.product_tmpl_id.aftersales_warranty_months", string="Warranty (months)"
    )
    warranty_end = fields.Date(
        compute="_compute_warranty_end",
        store=True,
        readonly=False,
        tracking=True,
        help="Purchase date plus the product's warranty months; can be extended by hand.",
    )
    in_warranty = fields.Boolean(compute="_compute_in_warranty", search="_search_in_warranty")
    request_ids = fields.One2many("aftersales.request", "equipment_id", string="Service History")
    request_count = fields.Integer(compute="_compute_request_count")
    repair_ids = fields.One2many("repair.order", "aftersales_equipment_id", string="Repairs")
    contract_ids = fields.Many2many(
        "aftersales.contract",
        "aftersales_contract_equipment_rel",
        "equipment_id",
        "contract_id",
        string="Contracts",
    )
    part_move_ids = fields.Many2many(
        "stock.move",
        compute="_compute_part_move_ids",
        string="Replaced Parts",
        help="Parts used on this equipment on site and in the workshop.",
    )
    note = fields.Html()

    def _compute_access_url(self):
        for record in self:
            record.access_url = f"/my/equipment/{record.id}"

    @api.depends("product_id", "serial_number", "partner_id")
    def _compute_name(self):
        for equipment in self:
            parts = [equipment.product_id.display_name or ""]
            if equipment.serial_number:
                parts.append(f"[{equipment.serial_number}]")
            equipment.name = " ".join(p for p in parts if p)

    @api.depends("lot_id")
    def _compute_serial_number(self):
        for equipment in self:
            if equipment.lot_id:
                equipment.serial_number = equipment.lot_id.name

    @api.depends("purchase_date", "product_id.product_tmpl_id.aftersales_warranty_months")
    def _compute_warranty_end(self):
        for equipment in self:
            months = equipment.product_id.product_tmpl_id.aftersales_warranty_months
            if equipment.purchase_date and months:
                equipment.warranty_end = equipment.purchase_date + relativedelta(months=months)
            else:
                equipment.warranty_end = False

    @api.depends("warranty_end")
    def _compute_in_warranty(self):
        today = fields.Date.context_today(self)
        for equipment in self:
            equipment.in_warranty = equipment._is_in_warranty(today)

    def _search_in_warranty(self, operator, value):
        if operator != "in":
            return NotImplemented
        today = fields.Date.context_today(self)
        in_warranty = Domain("warranty_end", ">=", today)
        wanted = {bool(v) for v in value}
        if wanted == {True, False}:
            return Domain.TRUE
        return in_warranty if True in wanted else ~in_warranty

    def _compute_request_count(self):
        counts = count_per_record(self, "aftersales.request", "equipment_id")
        for equipment in self:
            equipment.request_count = counts.get(equipment, 0)

    def _compute_part_move_ids(self):
        moves = self.env["stock.move"].search(
            [
                ("state", "=", "done"),
                "|",
                ("aftersales_request_id.equipment_id", "in", self.ids),
                "&",
                ("repair_id.aftersales_equipment_id", "in", self.ids),
                ("repair_line_type", "=", "add"),
            ]
        )
        for equipment in self:
            equipment.part_move_ids = moves.filtered(
                lambda move, e=equipment: (
                    move.aftersales_request_id.equipment_id == e
                    or move.repair_id.aftersales_equipment_id == e
                )
            )

    def _is_in_warranty(self, on_date):
        self.ensure_one()
        return bool(self.warranty_end and on_date and self.warranty_end >= on_date)

    @api.readonly
    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_request_register"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {
            "default_equipment_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
