from odoo import fields, models

SERVICE_ZONES = [
    ("urban", "Urban"),
    ("suburban", "Suburban"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_zone = fields.Selection(
        SERVICE_ZONES,
        default="urban",
        help="Decides the SLA hours of the customer's service requests (SVC-5).",
    )
    aftersales_team_id = fields.Many2one(
        "aftersales.team",
        string="Service Team",
        help="Team that serves this customer by default.",
    )
    aftersales_equipment_ids = fields.One2many("aftersales.equipment", "partner_id", string="Equipment")
