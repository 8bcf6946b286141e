from odoo import fields, models, tools
from odoo.tools import SQL


class AftersalesTechnicianEvaluation(models.Model):
    """SUR-3 (月度绩效考核): one row per opinion survey sent for a request, dated by the
    month the request was closed. Averages of the rows give each technician's score per
    criterion (1 poor … 4 very satisfied) and overall; the response rate is the average
    of a 0/100 answered flag. Technicians see their own rows only (record rule)."""

    _name = "aftersales.technician.evaluation"
    _description = "Technician Monthly Evaluation"
    _auto = False
    _order = "month desc, technician_id"

    month = fields.Date(readonly=True, help="First day of the month the request was closed.")
    request_id = fields.Many2one("aftersales.request", readonly=True)
    technician_id = fields.Many2one("res.users", readonly=True)
    team_id = fields.Many2one("aftersales.team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    survey_count = fields.Integer(string="Surveys Sent", readonly=True)
    answer_count = fields.Integer(string="Answers", readonly=True)
    response_rate = fields.Float(string="Response Rate (%)", readonly=True, aggregator="avg")
    score_attitude = fields.Float(string="Attitude", readonly=True, aggregator="avg")
    score_skill = fields.Float(string="Skill", readonly=True, aggregator="avg")
    score_arrival = fields.Float(string="Arrival Time", readonly=True, aggregator="avg")
    score_promise = fields.Float(string="Promised Items Handled", readonly=True, aggregator="avg")
    overall_score = fields.Float(readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        answered = SQL("ui.state = 'done'")
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT ui.id,
                       date_trunc('month', r.close_time)::date AS month,
                       r.id AS request_id,
                       r.technician_id,
                       r.team_id,
                       r.company_id,
                       1 AS survey_count,
                       CASE WHEN %(answered)s THEN 1 ELSE 0 END AS answer_count,
                       CASE WHEN %(answered)s THEN 100.0 ELSE 0.0 END AS response_rate,
                       CASE WHEN %(answered)s THEN ui.aftersales_score_attitude END AS score_attitude,
                       CASE WHEN %(answered)s THEN ui.aftersales_score_skill END AS score_skill,
                       CASE WHEN %(answered)s THEN ui.aftersales_score_arrival END AS score_arrival,
                       CASE WHEN %(answered)s THEN ui.aftersales_score_promise END AS score_promise,
                       CASE WHEN %(answered)s THEN ui.aftersales_overall_score END AS overall_score
                  FROM survey_user_input ui
                  JOIN aftersales_request r ON r.id = ui.aftersales_request_id
                 WHERE r.technician_id IS NOT NULL AND ui.test_entry IS NOT TRUE
            )
        """,
                table=SQL.identifier(self._table),
                answered=answered,
            )
        )
