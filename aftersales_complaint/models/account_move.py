from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint",
        string="Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint whose discount or compensation this credit note grants.",
    )
