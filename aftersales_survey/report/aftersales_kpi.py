from odoo import fields, models


class AftersalesKpi(models.Model):
    """RPT-3: the dashboard's satisfaction score (the request's survey, 1-4) and
    callback success rate (100 when the last recorded callback reached the customer,
    0 when it did not, empty while none was recorded)."""

    _inherit = "aftersales.kpi"

    satisfaction_score = fields.Float(string="Satisfaction (1-4)", readonly=True, aggregator="avg")
    callback_success_rate = fields.Float(string="Callback Success (%)", readonly=True, aggregator="avg")

    def _request_indicators(self):
        return {
            **super()._request_indicators(),
            "satisfaction_score": "NULLIF(r.satisfaction_score, 0)",
            "callback_success_rate": """(
                SELECT CASE WHEN c.result = 'reached' THEN 100.0 ELSE 0.0 END
                  FROM aftersales_callback c
                 WHERE c.request_id = r.id AND c.state IN ('done', 'confirmed')
              ORDER BY c.call_time DESC, c.id DESC
                 LIMIT 1)""",
        }
