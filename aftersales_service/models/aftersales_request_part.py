from collections import defaultdict

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

    parts_location_id = fields.Many2one(
        "stock.location",
        string="Taken From",
        compute="_compute_stock",
        help="The technician's van, or the team's warehouse when the technician has no van.",
    )
    available_qty = fields.Float(
        string="Available",
        compute="_compute_stock",
        digits="Product Unit",
        help="In the technician's van, or the team's warehouse when the technician has no van.",
    )
    available_elsewhere = fields.Char(
        compute="_compute_stock",
        help="The company's other stock locations holding this part, with their quantities.",
    )

    product_is_storable = fields.Boolean(related="product_id.is_storable")
    is_short = fields.Boolean(
        string="Short of Stock",
        compute="_compute_is_short",
        help="The location the line is taken from has less of this part than the line uses.",
    )

    @api.depends("product_id", "request_id.technician_id", "request_id.team_id")
    def _compute_stock(self):
        # FLD-3: one parts location per request and one grouped stock query for all lines
        location_of = self.request_id._get_parts_locations()
        stock = self._read_stock()
        for line in self:
            location = location_of.get(line.request_id, self.env["stock.location"])
            line.parts_location_id = location
            product_stock = stock.get((line.product_id, line.company_id._origin), {})
            line.available_qty = self._available_in(line.product_id, product_stock, location)
            line.available_elsewhere = self._format_elsewhere(line.product_id, product_stock, location)

    @api.depends("available_qty", "parts_location_id", "quantity", "uom_id")
    def _compute_is_short(self):
        for line in self:
            product = line.product_id
            if not (product.is_storable and line.uom_id and line.parts_location_id):
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
        message = self.env._(
            "%(product)s: %(available)s available in %(location)s.",
            product=self.product_id.display_name,
            available=self.available_qty,
            location=self.parts_location_id.display_name,
        )
        if self.available_elsewhere:
            message += "\n" + self.env._(
                "Available elsewhere: %(locations)s", locations=self.available_elsewhere
            )
        return {"warning": {"title": self.env._("Not enough in stock"), "message": message}}

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._("The quantity of %(part)s must be positive.", part=line.description)
                )

    # --- stock of the parts (FLD-3) -------------------------------------------
    def _read_stock(self):
        """``{(product, company): {location: available}}``: what each internal location
        of the lines' companies holds of their stored parts, in one grouped query.
        Read with sudo: the lines show quantities, whoever reads them."""
        products = self.product_id.filtered("is_storable")
        if not products:
            return {}
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("company_id", "in", self.company_id._origin.ids),
                    ("location_id.usage", "=", "internal"),
                ],
                ["product_id", "company_id", "location_id"],
                ["quantity:sum", "reserved_quantity:sum"],
            )
        )
        stock = defaultdict(dict)
        for product, company, location, quantity, reserved in groups:
            stock[product, company][location] = quantity - reserved
        return stock

    @api.model
    def _available_in(self, product, product_stock, location):
        """Available in ``location`` and its sub-locations, as Odoo counts a location's
        stock (``stock.quant._get_available_quantity``): never below zero."""
        if not (product.is_storable and location):
            return 0.0
        available = sum(
            quantity
            for stock_location, quantity in product_stock.items()
            if stock_location.parent_path.startswith(location.parent_path)
        )
        return available if product.uom_id.compare(available, 0.0) > 0 else 0.0

    @api.model
    def _format_elsewhere(self, product, product_stock, location):
        """The other locations holding ``product``, e.g. "WH/Stock: 5 · WH/Van Li: 2"."""
        return " · ".join(
            f"{stock_location.display_name}: {quantity:g}"
            for stock_location, quantity in sorted(
                product_stock.items(), key=lambda item: item[0].complete_name
            )
            if product.uom_id.compare(quantity, 0.0) > 0
            and not (location and stock_location.parent_path.startswith(location.parent_path))
        )
