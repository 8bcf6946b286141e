from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesRequestPart(models.Model):
    """A part used on site, written on the service voucher (SVC-3, SVC-6)."""

    _name = "aftersales.request.part"
    _description = "Part Used on a Service Request"
    _order = "request_id, id"
    _check_company_auto = True

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        check_company=True,
        # technicians pick among the spare parts, not the whole catalogue
        domain="[('type', '=', 'consu'), ('aftersales_spare_part', '=', True)]",
    )
    description = fields.Char(compute="_compute_description", store=True, readonly=False)
    quantity = fields.Float(default=1.0, digits="Product Unit")
    uom_id = fields.Many2one("uom.uom", string="Unit", compute="_compute_uom_id", store=True, readonly=False)

    available_qty = fields.Float(
        string="In Stock",
        compute="_compute_available_qty",
        digits="Product Unit",
        help="Quantity available in the team's parts warehouse.",
    )

    product_is_storable = fields.Boolean(related="product_id.is_storable")
    is_short = fields.Boolean(
        string="Short of Stock",
        compute="_compute_is_short",
        help="The team's parts warehouse has less of this part than the line uses.",
    )

    @api.depends("product_id", "request_id.team_id")
    def _compute_available_qty(self):
        # one stock look-up per (team, product), however many lines repeat them
        location_of = {team: team._get_parts_location() for team in self.request_id.team_id}
        available = {}
        for line in self:
            location = location_of.get(line.request_id.team_id)
            if not (line.product_id.is_storable and location):
                line.available_qty = 0.0
                continue
            key = (location, line.product_id)
            if key not in available:
                available[key] = self.env["stock.quant"]._get_available_quantity(line.product_id, location)
            line.available_qty = available[key]

    @api.depends("available_qty", "quantity", "uom_id", "request_id.team_id")
    def _compute_is_short(self):
        for line in self:
            product = line.product_id
            if not (product.is_storable and line.uom_id and line.request_id.team_id):
                line.is_short = False
                continue
            needed = line.uom_id._compute_quantity(line.quantity, product.uom_id)
            line.is_short = product.uom_id.compare(line.available_qty, needed) < 0

    @api.depends("product_id")
    def _compute_description(self):
        for line in self:
            line.description = line.product_id.display_name

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            line.uom_id = line.product_id.uom_id

    @api.onchange("product_id", "quantity", "uom_id")
    def _onchange_warn_short_of_stock(self):
        """RPR-6: the technician learns of a missing part when picking it, not when
        closing the visit (which refuses to consume parts that are not there)."""
        if not self.is_short:
            return None
        location = self.request_id.team_id._get_parts_location()
        return {
            "warning": {
                "title": self.env._("Not enough in stock"),
                "message": self.env._(
                    "%(product)s: %(available)s available in %(location)s.",
                    product=self.product_id.display_name,
                    available=self.available_qty,
                    location=location.display_name,
                ),
            }
        }

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._("The quantity of %(part)s must be positive.", part=line.description)
                )
