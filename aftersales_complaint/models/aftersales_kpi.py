from odoo import models


class AftersalesKpi(models.Model):
    _inherit = "aftersales.kpi"

    def _request_indicators(self):
        """RPT-3 complaint rate: 100 for a service that drew a complaint, 0 otherwise."""
        return {
            **super()._request_indicators(),
            "complaint_rate": """CASE WHEN EXISTS (
                SELECT 1 FROM aftersales_complaint c WHERE c.request_id = r.id AND c.state != 'cancel'
            ) THEN 100.0 ELSE 0.0 END""",
        }
