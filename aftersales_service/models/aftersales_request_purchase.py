from collections import defaultdict

from odoo import api, fields, models

from .aftersales_request import OPEN_STATES


class AftersalesRequestPurchase(models.Model):
    """RPR-9 on site: a part the technician's van (or the team's warehouse) is short of
    is bought on the vendor's draft RFQ, linked to the request; the request shows it on
    order, then received; the technician and the supervisor are told when it arrives
    (``aftersales.parts.purchase.mixin``)."""

    _name = "aftersales.request"
    _inherit = ["aftersales.request", "aftersales.parts.purchase.mixin"]

    _parts_purchase_link = "aftersales_request_id"
    _parts_needs_depends = (
        "state",
        "part_ids.product_id",
        "part_ids.quantity",
        "part_ids.uom_id",
        "part_ids.available_qty",
    )

    aftersales_purchase_line_ids = fields.One2many(
        "purchase.order.line",
        "aftersales_request_id",
        string="Parts on Order",
        readonly=True,
        groups="purchase.group_purchase_user",
    )

    def action_order_missing_parts(self):
        """The technician on the job or the supervisor raises the purchase need."""
        self._check_own_job()
        return super().action_order_missing_parts()

    def _get_parts_needs(self):
        """What is missing of each stored part of an open request: all the request's
        lines of the part together, less what the parts location holds and, when the
        parts come from a van, less what the team's warehouse can refill it with (FLD-3)."""
        lines = self.filtered(lambda request: request.state in OPEN_STATES).part_ids.filtered(
            lambda line: line.product_is_storable and line.uom_id and line.parts_location_id
        )
        stock = lines._read_stock()
        warehouse_of = {team: team._get_parts_location() for team in lines.request_id.team_id}
        needs = {request: [] for request in self}
        lines_of = defaultdict(list)
        for line in lines:
            lines_of[line.request_id].append(line)
        for request, request_lines in lines_of.items():
            needed, available = defaultdict(float), {}
            for line in request_lines:
                product = line.product_id
                needed[product] += line.uom_id._compute_quantity(line.quantity, product.uom_id)
                available[product] = line.available_qty + self._refill_available(
                    line, stock, warehouse_of.get(request.team_id)
                )
            needs[request] = [
                (product, quantity - available[product], product.uom_id)
                for product, quantity in needed.items()
                if product.uom_id.compare(quantity, available[product]) > 0
            ]
        return needs

    @api.model
    def _refill_available(self, line, stock, warehouse):
        """What the team's warehouse holds of the line's part for a van to be refilled."""
        if not warehouse or line.parts_location_id.parent_path.startswith(warehouse.parent_path):
            return 0.0
        product_stock = stock.get((line.product_id, line.company_id._origin), {})
        return line._available_in(line.product_id, product_stock, warehouse)

    def _get_parts_received_users(self):
        """The request's technician and the team's supervisor."""
        return {request: request.technician_id | request.team_id.supervisor_id for request in self}

    def _get_parts_picking_types(self):
        """The parts come in at the team's warehouse, which refills the vans."""
        receipt_of = {team: team._get_warehouse().in_type_id for team in self.team_id}
        empty = self.env["stock.picking.type"]
        return {request: receipt_of.get(request.team_id, empty) for request in self}
