from odoo import api, fields, models


class AftersalesComplaint(models.Model):
    """CMP-12: a serious complaint is an emergency."""

    _name = "aftersales.complaint"
    _inherit = ["aftersales.complaint", "aftersales.emergency.mixin"]
    _emergency_trigger_fields = ("is_emergency", "severity")

    is_emergency = fields.Boolean(compute="_compute_is_emergency", store=True, readonly=False)

    @api.depends("severity")
    def _compute_is_emergency(self):
        for complaint in self:
            complaint.is_emergency = complaint.is_emergency or complaint.severity == "serious"
