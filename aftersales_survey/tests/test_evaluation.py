from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError

from .common import SurveyCase


class TestEvaluation(SurveyCase):
    """SUR-3: each technician's monthly evaluation from the survey answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-11-18 10:00:00"):
            cls.requests_a = cls.closed_request() | cls.closed_request()
            cls.requests_b = cls.closed_request(technician=cls.tech_b)
        with freeze_time("2026-10-20 10:00:00"):
            cls.october = cls.closed_request(call_time=datetime(2026, 10, 19, 9, 0))
        cls.inputs = cls.env["aftersales.request"]._cron_send_surveys()

    def input_of(self, request):
        return self.inputs.filtered(lambda i: i.aftersales_request_id == request)

    def evaluation(self, user=None, **domain):
        self.env.flush_all()
        Evaluation = self.env["aftersales.technician.evaluation"].with_user(user or self.supervisor)
        groups = Evaluation._read_group(
            [("month", "=", "2026-11-01"), ("team_id", "=", self.team.id)],
            ["technician_id"],
            [
                "survey_count:sum",
                "answer_count:sum",
                "response_rate:avg",
                "score_attitude:avg",
                "overall_score:avg",
            ],
        )
        return {technician: values for technician, *values in groups}

    def test_month_scores_per_technician(self):
        self.answer(
            self.input_of(self.requests_a[0]), {"attitude": 4, "skill": 4, "arrival": 3, "promise": 3}
        )
        self.answer(
            self.input_of(self.requests_a[1]), {"attitude": 2, "skill": 2, "arrival": 1, "promise": 1}
        )
        self.answer(self.input_of(self.requests_b), {"attitude": 3, "skill": 3, "arrival": 3, "promise": 3})
        self.answer(self.input_of(self.october), {"attitude": 1, "skill": 1, "arrival": 1, "promise": 1})

        rows = self.evaluation()
        # tech A: attitude (4 + 2) / 2 = 3; overall (3.5 + 1.5) / 2 = 2.5; both answered
        self.assertEqual(rows[self.tech_a], [2, 2, 100.0, 3.0, 2.5])
        self.assertEqual(rows[self.tech_b], [1, 1, 100.0, 3.0, 3.0])

    def test_unanswered_surveys_lower_the_response_rate_not_the_score(self):
        self.answer(
            self.input_of(self.requests_a[0]), {"attitude": 4, "skill": 4, "arrival": 4, "promise": 4}
        )
        rows = self.evaluation()
        self.assertEqual(rows[self.tech_a], [2, 1, 50.0, 4.0, 4.0])
        self.assertEqual(rows[self.tech_b][:3], [1, 0, 0.0])

    def test_technicians_see_only_their_own_scores(self):
        rows = self.evaluation(user=self.tech_a)
        self.assertEqual(set(rows), {self.tech_a})
        self.assertEqual(set(self.evaluation(user=self.supervisor)), {self.tech_a, self.tech_b})
        with self.assertRaises(AccessError):
            self.evaluation(user=self.clerk)

    def test_printed_monthly_report_lists_the_team(self):
        self.answer(
            self.input_of(self.requests_a[0]), {"attitude": 4, "skill": 3, "arrival": 2, "promise": 1}
        )
        self.env.flush_all()
        wizard = (
            self.env["aftersales.evaluation.report.wizard"]
            .with_user(self.supervisor)
            .create({"team_id": self.team.id, "month": "2026-11-18"})
        )
        html = (
            self.env["ir.actions.report"]._render_qweb_html(
                "aftersales_survey.action_report_technician_evaluation", wizard.ids
            )[0]
        ).decode()
        self.assertIn(self.tech_a.name, html, "tech A is listed")
        self.assertIn(self.tech_b.name, html, "tech B is listed")
        self.assertIn("2.50", html, "tech A's overall: (4 + 3 + 2 + 1) / 4 on the answered survey")
        self.assertIn("2026-11", html)
