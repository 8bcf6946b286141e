from odoo import api, models


class AftersalesRequest(models.Model):
    """CMP-12: a request marked as an emergency gets its parts ahead of other jobs."""

    _name = "aftersales.request"
    _inherit = ["aftersales.request", "aftersales.emergency.mixin"]

    def _prioritise_emergency_parts(self):
        # the moves follow through their priority compute; their transfers are starred
        moves = self.part_move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        moves.picking_id.filtered(lambda p: p.state not in ("done", "cancel")).write({"priority": "1"})


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.depends("aftersales_request_id.is_emergency")
    def _compute_priority(self):
        # CMP-12: the parts of an emergency are reserved first
        super()._compute_priority()
        for move in self:
            if move.aftersales_request_id.is_emergency and move.state not in ("done", "cancel"):
                move.priority = "1"
