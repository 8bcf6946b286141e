from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    aftersales_warranty_months = fields.Integer(
        string="Warranty (months)",
        default=0,
        help="Warranty length; the warranty of a customer's equipment ends this many "
        "months after its purchase date.",
    )

    aftersales_spare_part = fields.Boolean(
        string="Spare Part",
        help="Offered to technicians and the workshop as a part to use in a service or repair.",
    )

    _aftersales_warranty_months_positive = models.Constraint(
        "CHECK(aftersales_warranty_months >= 0)",
        "The warranty length cannot be negative.",
    )
