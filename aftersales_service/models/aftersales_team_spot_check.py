from odoo import fields, models


class AftersalesTeam(models.Model):
    _inherit = "aftersales.team"

    # RPR-8: the share of each technician's closed requests drawn every week
    spot_check_rate = fields.Float(
        string="Spot Check Share (%)",
        default=10.0,
        help="Share of each technician's requests closed last week drawn for the supervisor's quality review.",
    )
