from odoo import fields, models

MAP_PROVIDERS = [("amap", "Amap (高德)"), ("baidu", "Baidu Maps (百度)"), ("google", "Google Maps")]


class ResCompany(models.Model):
    _inherit = "res.company"

    # FLD-1: the map a technician's phone opens for a job's address
    aftersales_map_provider = fields.Selection(
        MAP_PROVIDERS,
        string="Technicians' Map",
        default="amap",
        help="The map the technicians' My Day opens for a job's address.",
    )
    # PRT-4: printed on the equipment's QR labels and shown on the scan page
    aftersales_hotline = fields.Char(
        string="Service Hotline",
        help="Printed on the equipment's QR labels; the company's phone when empty.",
    )
    # CTR-5: planned maintenance visits are created this many days before they are due
    aftersales_maintenance_horizon_days = fields.Integer(
        string="Maintenance Planning Horizon (days)",
        default=14,
        help="Planned maintenance visits are created this many days ahead of their date.",
    )
