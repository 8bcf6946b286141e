from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # CMP-11: who signs the discount certificate (销货折扣证明单) for the company
    aftersales_sales_vp_id = fields.Many2one(
        "res.users",
        string="Sales Vice-President",
        help="Signs the discount certificate of a complaint before its credit note is posted.",
    )
