from odoo import api, models

RECORDED_CALLBACK_STATES = ("done", "confirmed")


class AftersalesEquipment(models.Model):
    """CTR-6: a maintenance date agreed with the customer on a callback after the last
    service replaces the product's rule."""

    _inherit = "aftersales.equipment"

    @api.depends("request_ids.callback_ids.state", "request_ids.callback_ids.next_maintenance_date")
    def _compute_next_maintenance_date(self):
        self.sudo().request_ids.callback_ids.mapped("next_maintenance_date")  # the batch's callbacks at once
        return super()._compute_next_maintenance_date()

    def _get_next_maintenance_date(self):
        agreed = [
            callback.next_maintenance_date
            for callback in self.sudo().request_ids.callback_ids
            if callback.state in RECORDED_CALLBACK_STATES
            and callback.next_maintenance_date
            and (not self.last_service_date or callback.next_maintenance_date > self.last_service_date)
        ]
        return max(agreed) if agreed else super()._get_next_maintenance_date()
