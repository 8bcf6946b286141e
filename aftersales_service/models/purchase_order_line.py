from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    # RPR-9: the job whose missing part this line buys
    aftersales_repair_id = fields.Many2one(
        "repair.order",
        string="For Repair",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The after-sales repair waiting for this part.",
    )
    aftersales_request_id = fields.Many2one(
        "aftersales.request",
        string="For Service Request",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The on-site service request waiting for this part.",
    )
