from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        """RPR-9: once a part bought for a repair is received, the repair's technician
        and supervisor are told, each in their own language."""
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        repairs = moves.filtered(lambda m: m.state == "done").purchase_line_id.aftersales_repair_id
        repairs._notify_parts_received()
        return moves
