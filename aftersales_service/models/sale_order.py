from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    aftersales_request_id = fields.Many2one(
        "aftersales.request",
        string="Service Request",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The paid service request this order charges.",
    )
