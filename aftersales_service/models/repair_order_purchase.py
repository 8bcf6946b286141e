from odoo import fields, models


class RepairOrder(models.Model):
    """RPR-9: a part missing on a repair is bought through a draft purchase order
    (RFQ) line of the part's vendor, linked to the repair, and the repair shows when
    it is on order and when it is received (``aftersales.parts.purchase.mixin``)."""

    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.parts.purchase.mixin"]

    _parts_purchase_link = "aftersales_repair_id"
    _parts_needs_depends = ("move_ids.quantity", "move_ids.product_uom_qty", "move_ids.state")

    aftersales_purchase_line_ids = fields.One2many(
        "purchase.order.line",
        "aftersales_repair_id",
        string="Parts on Order",
        readonly=True,
        groups="purchase.group_purchase_user",
    )

    def _get_parts_needs(self):
        return {
            repair: [
                (move.product_id, move.product_uom_qty - move.quantity, move.product_uom)
                for move in repair._get_missing_part_moves()
            ]
            for repair in self
        }

    def _get_missing_part_moves(self):
        self.ensure_one()
        return self.move_ids.filtered(
            lambda m: (
                m.repair_line_type == "add"
                and m.product_id.is_storable
                and m.state not in ("done", "cancel")
                and m.product_uom.compare(m.quantity, m.product_uom_qty) < 0
            )
        )

    def _get_parts_received_users(self):
        """The repair's technician (or the request's) and the team's supervisor."""
        return {
            repair: (repair.user_id or repair.aftersales_request_id.technician_id)
            | repair.aftersales_team_id.supervisor_id
            for repair in self
        }

    def _notify_parts_received(self):
        """The parts administrator's purchase activity is done once the parts are in."""
        received = self.sudo().filtered(
            lambda repair: repair.aftersales_parts_state == "received" and not repair.parts_received_notified
        )
        super()._notify_parts_received()
        purchase_type = self.env.ref("aftersales_service.mail_activity_type_parts_purchase")
        received.activity_ids.filtered(lambda a: a.activity_type_id == purchase_type).action_feedback(
            feedback=self.env._("Parts received.")
        )
