from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    aftersales_maintenance_months = fields.Integer(
        string="Maintenance Interval (months)",
        help="Customers whose equipment has no running contract are reminded of its "
        "maintenance this many months after the last service. Empty: no reminders.",
    )
    aftersales_first_maintenance_months = fields.Integer(
        string="First Maintenance After (months)",
        help="The first maintenance of new equipment (首保) is due this many months after "
        "its purchase date. Empty: the maintenance interval applies from the start.",
    )

    _aftersales_warranty_months_positive = models.Constraint(
        "CHECK(aftersales_warranty_months >= 0)",
        "The warranty length cannot be negative.",
    )

    @api.constrains("aftersales_maintenance_months", "aftersales_first_maintenance_months")
    def _check_aftersales_maintenance_months(self):
        """CTR-6: a maintenance interval is a positive number of months (0 = none)."""
        for template in self:
            if template.aftersales_maintenance_months < 0 or template.aftersales_first_maintenance_months < 0:
                raise ValidationError(
                    self.env._("A maintenance interval must be a positive number of months.")
                )
