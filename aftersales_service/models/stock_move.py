from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    aftersales_request_id = fields.Many2one(
        "aftersales.request",
        string="Service Request",
        index="btree_not_null",
        readonly=True,
        help="The on-site service request that used this part.",
    )
