from odoo import fields, models


class AftersalesEquipment(models.Model):
    """Equipment from deliveries (EQP-3): the delivery that put it at the customer's,
    and whether it came back."""

    _inherit = "aftersales.equipment"

    delivery_move_id = fields.Many2one(
        "stock.move",
        string="Delivery Move",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The delivery line this equipment was created from.",
    )
    delivery_picking_id = fields.Many2one(
        related="delivery_move_id.picking_id", string="From Delivery", readonly=True
    )
    returned = fields.Boolean(readonly=True, copy=False, tracking=True, help="The customer sent it back.")
