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
        domain="[('type', '=', 'consu')]",
    )
    description = fields.Char(compute="_compute_description", store=True, readonly=False)
    quantity = fields.Float(default=1.0, digits="Product Unit")
    uom_id = fields.Many2one("uom.uom", string="Unit", compute="_compute_uom_id", store=True, readonly=False)

    available_qty = fields.Float(
        string="In Stock",
        compute="_compute_available_qty",
        digits="Product Unit",
        help="Quantity available in the team's parts warehouse (RPR-6).",
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

    @api.depends("product_id")
    def _compute_description(self):
        for line in self:
            line.description = line.product_id.display_name

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            line.uom_id = line.product_id.uom_id

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._("The quantity of %(part)s must be positive.", part=line.description)
                )
