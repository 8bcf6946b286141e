from odoo import fields, models, tools

from .aftersales_request import CATEGORIES


class AftersalesKpi(models.Model):
    """RPT-3: one row per closed request and per returned repair, carrying 0/100
    indicators so that the pivot's average is the rate: SLA compliance, first-time fix,
    repair on time, complaint rate (0 until complaints exist). Read with one grouped
    query whatever the number of rows."""

    _name = "aftersales.kpi"
    _description = "After-Sales KPIs"
    _auto = False
    _order = "date desc"

    kind = fields.Selection([("request", "Service"), ("repair", "Repair")], readonly=True)
    date = fields.Date(readonly=True)
    team_id = fields.Many2one("aftersales.team", readonly=True)
    technician_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    service_count = fields.Integer(string="Services", readonly=True, aggregator="sum")
    sla_compliance = fields.Float(string="SLA Compliance (%)", readonly=True, aggregator="avg")
    first_time_fix_rate = fields.Float(string="First-Time Fix (%)", readonly=True, aggregator="avg")
    repair_on_time_rate = fields.Float(string="Repair On Time (%)", readonly=True, aggregator="avg")
    complaint_rate = fields.Float(string="Complaint Rate (%)", readonly=True, aggregator="avg")
    hours = fields.Float(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT r.id * 2 AS id,
                       'request' AS kind,
                       r.close_time::date AS date,
                       r.team_id,
                       r.technician_id,
                       r.company_id,
                       r.category,
                       1 AS service_count,
                       CASE WHEN r.arrival_time IS NULL OR r.sla_deadline IS NULL THEN NULL
                            WHEN r.arrival_time <= r.sla_deadline THEN 100.0 ELSE 0.0 END AS sla_compliance,
                       CASE WHEN EXISTS (SELECT 1 FROM repair_order ro WHERE ro.aftersales_request_id = r.id)
                            THEN 0.0 ELSE 100.0 END AS first_time_fix_rate,
                       NULL::float AS repair_on_time_rate,
                       0.0 AS complaint_rate,
                       r.time_spent AS hours
                  FROM aftersales_request r
                 WHERE r.state = 'done' AND r.active
                UNION ALL
                SELECT ro.id * 2 + 1 AS id,
                       'repair' AS kind,
                       ro.goods_out_date::date AS date,
                       req.team_id,
                       ro.user_id AS technician_id,
                       ro.company_id,
                       req.category,
                       0 AS service_count,
                       NULL::float AS sla_compliance,
                       NULL::float AS first_time_fix_rate,
                       CASE WHEN ro.goods_out_date <= ro.schedule_date THEN 100.0 ELSE 0.0 END AS repair_on_time_rate,
                       NULL::float AS complaint_rate,
                       ro.aftersales_time_spent AS hours
                  FROM repair_order ro
                  JOIN aftersales_request req ON req.id = ro.aftersales_request_id
                 WHERE ro.goods_out_date IS NOT NULL
            )
        """)
