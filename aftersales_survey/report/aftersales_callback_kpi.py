from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import fields, models, tools
from odoo.tools import SQL


class AftersalesCallbackKpi(models.Model):
    """SUR-5: callbacks per day and caller. Success rate = callbacks that reached the
    customer / callbacks made that day (target above 80%); complaints found; share of
    callbacks made by phone. One row per (day, caller), read in one query."""

    _name = "aftersales.callback.kpi"
    _description = "Callback KPIs"
    _auto = False
    _order = "date desc, user_id"

    TARGET = 80.0

    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Called By", readonly=True)
    team_id = fields.Many2one("aftersales.team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    callback_count = fields.Integer(string="Callbacks", readonly=True)
    success_count = fields.Integer(string="Successful", readonly=True)
    success_rate = fields.Float(string="Success Rate (%)", readonly=True, aggregator="avg")
    below_target = fields.Boolean(readonly=True)
    complaint_count = fields.Integer(string="Complaints Found", readonly=True)
    phone_count = fields.Integer(string="By Phone", readonly=True)
    phone_rate = fields.Float(string="Phone Callback Rate (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The day of the call in the team's time zone (a 07:30 call in Beijing is the
        # previous day in UTC).
        local_day = SQL("(c.call_time AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(rc.tz, 'UTC'))::date")
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT MIN(c.id) AS id,
                       %(local_day)s AS date,
                       c.caller_id AS user_id,
                       c.team_id,
                       c.company_id,
                       COUNT(*) AS callback_count,
                       COUNT(*) FILTER (WHERE c.result = 'reached') AS success_count,
                       100.0 * COUNT(*) FILTER (WHERE c.result = 'reached') / COUNT(*) AS success_rate,
                       100.0 * COUNT(*) FILTER (WHERE c.result = 'reached') / COUNT(*) <= %(target)s
                           AS below_target,
                       COUNT(*) FILTER (WHERE c.complaint_found) AS complaint_count,
                       COUNT(*) FILTER (WHERE c.channel = 'phone') AS phone_count,
                       100.0 * COUNT(*) FILTER (WHERE c.channel = 'phone') / COUNT(*) AS phone_rate
                  FROM aftersales_callback c
                  LEFT JOIN aftersales_team t ON t.id = c.team_id
                  LEFT JOIN resource_calendar rc ON rc.id = t.resource_calendar_id
                 WHERE c.state IN ('done', 'confirmed') AND c.call_time IS NOT NULL
              GROUP BY %(local_day)s, c.caller_id, c.team_id, c.company_id
            )
        """,
                table=SQL.identifier(self._table),
                local_day=local_day,
                target=self.TARGET,
            )
        )

    def _get_callbacks_by_row(self):
        """The recorded callbacks behind each row, fetched in one search: ``{row: callbacks}``."""
        if not self:
            return {}
        days = self.mapped("date")
        callbacks = self.env["aftersales.callback"].search(
            [
                ("state", "in", ("done", "confirmed")),
                ("caller_id", "in", self.user_id.ids),
                ("team_id", "in", self.team_id.ids),
                # a day of margin either side for the team time zones; matched exactly below
                ("call_time", ">=", min(days) - timedelta(days=1)),
                ("call_time", "<", max(days) + timedelta(days=2)),
            ],
            order="call_time",
        )
        rows = {(row.date, row.user_id, row.team_id): row for row in self}
        result = defaultdict(lambda: self.env["aftersales.callback"])
        for callback in callbacks:
            tz = pytz.timezone(callback.team_id.resource_calendar_id.tz or "UTC")
            day = pytz.utc.localize(callback.call_time).astimezone(tz).date()
            row = rows.get((day, callback.caller_id, callback.team_id))
            if row:
                result[row] |= callback
        return result
