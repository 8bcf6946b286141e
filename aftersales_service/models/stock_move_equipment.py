from collections import defaultdict

from odoo import fields, models
from odoo.fields import Domain


class StockMove(models.Model):
    """Equipment from deliveries (EQP-3): a delivered unit of a product under warranty
    becomes the customer's equipment, once; a returned unit is marked returned."""

    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        done = moves.filtered(
            lambda move: move.state == "done" and move.product_id.aftersales_warranty_months
        )
        done._aftersales_mark_returned()
        done._aftersales_create_equipment()
        return moves

    def _aftersales_deliveries(self):
        return self.filtered(
            lambda move: (
                move.picking_code == "outgoing"
                and move.location_dest_id.usage == "customer"
                and not move.origin_returned_move_id
            )
        )

    def _aftersales_units(self):
        """(move, lot) per delivered unit: a serial is one unit, a lot or an untracked
        line as many units as its quantity in the product's unit."""
        units = []
        for line in self.move_line_ids:
            quantity = line.product_uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
            count = 1 if line.product_id.tracking == "serial" and line.lot_id else int(quantity)
            units += [(line.move_id, line.lot_id)] * count
        return units

    def _aftersales_create_equipment(self):
        deliveries = self._aftersales_deliveries()
        units = deliveries._aftersales_units()
        if not units:
            return self.env["aftersales.equipment"]
        lots = self.env["stock.lot"].union(*(lot for __, lot in units))
        existing = (
            self.env["aftersales.equipment"]
            .with_context(active_test=False)
            .search_fetch(
                Domain("delivery_move_id", "in", deliveries.ids)
                | (
                    Domain("product_id", "in", lots.product_id.ids)
                    & Domain("serial_number", "in", lots.mapped("name"))
                ),
                ["delivery_move_id", "product_id", "serial_number", "returned"],
            )
        )
        by_serial = {(equipment.product_id.id, equipment.serial_number): equipment for equipment in existing}
        per_move = defaultdict(int)
        for equipment in existing.filtered(lambda equipment: equipment.delivery_move_id in deliveries):
            per_move[equipment.delivery_move_id.id] += 1
        vals_list = []
        for move, lot in units:
            known = lot and by_serial.get((move.product_id.id, lot.name))
            if known and known.returned:  # a returned unit delivered again: its new owner
                known.sudo().write(dict(move._aftersales_equipment_vals(lot), returned=False))
            elif not known and per_move[move.id] > 0 and not lot:
                per_move[move.id] -= 1
            elif not known:
                vals_list.append(move._aftersales_equipment_vals(lot))
        return self.env["aftersales.equipment"].sudo().create(vals_list)

    def _aftersales_equipment_vals(self, lot):
        return {
            "partner_id": self.picking_id.partner_id.id or self.partner_id.id,
            "product_id": self.product_id.id,
            "company_id": self.company_id.id,
            "lot_id": lot.id,
            "purchase_date": fields.Date.context_today(self, self.date),
            "delivery_move_id": self.id,
        }

    def _aftersales_mark_returned(self):
        """A return of a delivered unit: its equipment (by serial when tracked,
        otherwise the delivery's first units still out) is marked returned."""
        returns = self.filtered(
            lambda move: move.origin_returned_move_id and move.location_dest_id.usage != "customer"
        )
        units = returns._aftersales_units()
        if not units:
            return
        candidates = self.env["aftersales.equipment"].search(
            [("returned", "=", False), ("delivery_move_id", "in", returns.origin_returned_move_id.ids)],
            order="id",
        )
        by_move = candidates.grouped("delivery_move_id")
        returned = self.env["aftersales.equipment"]
        for move, lot in units:
            pool = by_move.get(move.origin_returned_move_id, candidates.browse()) - returned
            matching = pool.filtered(lambda equipment, lot=lot: not lot or equipment.lot_id == lot)
            returned |= matching[:1]
        returned.sudo().write({"returned": True})
