from odoo import api, fields, models


class AftersalesEvaluationReportWizard(models.TransientModel):
    """SUR-3: print one team's monthly technician evaluation (月度绩效考核)."""

    _name = "aftersales.evaluation.report.wizard"
    _description = "Monthly Technician Evaluation Report"

    team_id = fields.Many2one("aftersales.team", required=True)
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.start_of(fields.Date.context_today(self), "month"),
        help="Any day of the month to report on.",
    )

    @api.readonly
    def action_print(self):
        return self.env.ref("aftersales_survey.action_report_technician_evaluation").report_action(self)

    def _get_rows(self):
        """Per technician of the team: surveys sent, answers, response rate, average
        scores and the quality spot checks (drawn, passed, failed, pass rate) for the
        month, read in one grouped query."""
        self.ensure_one()
        month = fields.Date.start_of(self.month, "month")
        measures = [
            "survey_count:sum",
            "answer_count:sum",
            "response_rate:avg",
            "score_attitude:avg",
            "score_skill:avg",
            "score_arrival:avg",
            "score_promise:avg",
            "overall_score:avg",
            "spot_check_count:sum",
            "spot_check_pass_count:sum",
            "spot_check_fail_count:sum",
            "spot_check_pass_rate:avg",
        ]
        groups = self.env["aftersales.technician.evaluation"]._read_group(
            [("team_id", "=", self.team_id.id), ("month", "=", month)], ["technician_id"], measures
        )
        keys = [measure.split(":")[0] for measure in measures]
        rows = [
            {"technician": technician, **dict(zip(keys, values, strict=True))}
            for technician, *values in groups
        ]
        return sorted(rows, key=lambda row: -(row["overall_score"] or 0))
