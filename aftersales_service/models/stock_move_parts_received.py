from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        """RPR-9: once the parts bought for a repair or a service request are received,
        its technician and supervisor are told, each in their own language."""
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        purchase_lines = moves.filtered(lambda m: m.state == "done").purchase_line_id
        purchase_lines.aftersales_repair_id._notify_parts_received()
        purchase_lines.aftersales_request_id._notify_parts_received()
        return moves
