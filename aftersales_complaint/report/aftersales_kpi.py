from odoo import fields, models


class AftersalesKpi(models.Model):
    """RPT-3: the dashboard's complaint rate."""

    _inherit = "aftersales.kpi"

    complaint_rate = fields.Float(string="Complaint Rate (%)", readonly=True, aggregator="avg")

    def _request_indicators(self):
        """RPT-3 complaint rate: 100 for a service that drew a complaint, 0 otherwise."""
        return {
            **super()._request_indicators(),
            "complaint_rate": """CASE WHEN EXISTS (
                SELECT 1 FROM aftersales_complaint c WHERE c.request_id = r.id AND c.state != 'cancel'
            ) THEN 100.0 ELSE 0.0 END""",
        }
