from odoo import fields, models, tools
from odoo.tools import SQL

SUPERVISOR = "aftersales_service.group_aftersales_supervisor"


class AftersalesTechnicianEvaluation(models.Model):
    """SUR-3 (月度绩效考核): one row per opinion survey sent for a request and one per
    quality spot check drawn of a request (RPR-8, 抽检), dated by the month the request
    was closed. Averages of the survey rows give each technician's score per criterion
    (1 poor … 4 very satisfied) and overall; the response rate is the average of a
    0/100 answered flag, the spot-check pass rate that of a 0/100 passed flag of the
    reviewed checks. Technicians see their own survey rows only (record rule); the spot
    checks are the supervisors' review, as the spot checks themselves are."""

    _name = "aftersales.technician.evaluation"
    _description = "Technician Monthly Evaluation"
    _auto = False
    _order = "month desc, technician_id"

    month = fields.Date(readonly=True, help="First day of the month the request was closed.")
    source = fields.Selection([("survey", "Opinion Survey"), ("spot_check", "Spot Check")], readonly=True)
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
    spot_check_count = fields.Integer(string="Spot Checks Drawn", readonly=True, groups=SUPERVISOR)
    spot_check_pass_count = fields.Integer(string="Spot Checks Passed", readonly=True, groups=SUPERVISOR)
    spot_check_fail_count = fields.Integer(string="Spot Checks Failed", readonly=True, groups=SUPERVISOR)
    spot_check_pass_rate = fields.Float(
        string="Spot Check Pass Rate (%)",
        readonly=True,
        aggregator="avg",
        groups=SUPERVISOR,
        help="Passed among the spot checks reviewed; the checks still to review are not counted.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        answered = SQL("ui.state = 'done'")
        # survey rows take the even ids and spot-check rows the odd ones: unique in one view
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT ui.id * 2 AS id,
                       'survey' AS source,
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
                       CASE WHEN %(answered)s THEN ui.aftersales_overall_score END AS overall_score,
                       0 AS spot_check_count,
                       0 AS spot_check_pass_count,
                       0 AS spot_check_fail_count,
                       NULL::numeric AS spot_check_pass_rate
                  FROM survey_user_input ui
                  JOIN aftersales_request r ON r.id = ui.aftersales_request_id
                 WHERE r.technician_id IS NOT NULL AND ui.test_entry IS NOT TRUE
                UNION ALL
                SELECT sc.id * 2 + 1 AS id,
                       'spot_check' AS source,
                       date_trunc('month', r.close_time)::date AS month,
                       r.id AS request_id,
                       sc.technician_id,
                       sc.team_id,
                       sc.company_id,
                       0 AS survey_count,
                       0 AS answer_count,
                       NULL AS response_rate,
                       NULL AS score_attitude,
                       NULL AS score_skill,
                       NULL AS score_arrival,
                       NULL AS score_promise,
                       NULL AS overall_score,
                       1 AS spot_check_count,
                       CASE WHEN sc.result = 'pass' THEN 1 ELSE 0 END AS spot_check_pass_count,
                       CASE WHEN sc.result = 'fail' THEN 1 ELSE 0 END AS spot_check_fail_count,
                       CASE sc.result WHEN 'pass' THEN 100.0 WHEN 'fail' THEN 0.0 END AS spot_check_pass_rate
                  FROM aftersales_spot_check sc
                  JOIN aftersales_request r ON r.id = sc.request_id
                 WHERE sc.technician_id IS NOT NULL
            )
        """,
                table=SQL.identifier(self._table),
                answered=answered,
            )
        )
