from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint",
        string="Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint whose return or replacement this transfer carries out.",
    )
