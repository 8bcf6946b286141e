from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.aftersales_request import CATEGORIES


class AftersalesKpi(models.Model):
    """RPT-3: one row per closed request and per returned repair, carrying 0/100
    indicators so that the pivot's average is the rate: SLA compliance, first-time fix,
    repair on time, remote resolution (SVC-10); the modules built on this one add their
    own indicators (see ``_request_indicators``). Read with one grouped query whatever
    the number of rows."""

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
    remote_resolution_rate = fields.Float(string="Resolved Remotely (%)", readonly=True, aggregator="avg")
    hours = fields.Float(readonly=True, aggregator="sum")

    def _request_indicators(self):
        """SQL expressions of the per-request indicators other modules add, keyed by
        column (each module declares the column's field too); ``r`` is the request.
        Repair rows leave them empty."""
        return {}

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s UNION ALL %s)",
                SQL.identifier(self._table),
                self._request_rows(),
                self._repair_rows(),
            )
        )

    def _request_rows(self):
        """A row per closed request, with the indicators of the other modules."""
        request_columns = SQL("").join(
            SQL("%s AS %s,", SQL(expression), SQL.identifier(column))
            for column, expression in self._request_indicators().items()
        )
        return SQL(
            """
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
                   CASE WHEN r.resolved_remotely THEN 100.0 ELSE 0.0 END AS remote_resolution_rate,
                   %s
                   r.time_spent AS hours
              FROM aftersales_request r
             WHERE r.state = 'done' AND r.active
            """,
            request_columns,
        )

    def _repair_rows(self):
        """A row per returned repair; the request indicators stay empty."""
        repair_columns = SQL("").join(
            SQL("NULL::float AS %s,", SQL.identifier(column)) for column in self._request_indicators()
        )
        return SQL(
            """
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
                   NULL::float AS remote_resolution_rate,
                   %s
                   ro.aftersales_time_spent AS hours
              FROM repair_order ro
              JOIN aftersales_request req ON req.id = ro.aftersales_request_id
             WHERE ro.goods_out_date IS NOT NULL
            """,
            repair_columns,
        )
