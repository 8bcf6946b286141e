from datetime import datetime

from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.addons.aftersales_service.tests.common import close_on_site
from odoo.addons.aftersales_service.tests.query_budget import QueryBudgetMixin
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import SurveyCase

SPOT_CHECK_MEASURES = [
    "spot_check_count:sum",
    "spot_check_pass_count:sum",
    "spot_check_fail_count:sum",
    "spot_check_pass_rate:avg",
]


class TestEvaluation(QueryBudgetMixin, SurveyCase):
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

    # --- RPR-8: the quality spot checks in the evaluation ------------------------------
    def spot_check(self, request, result=None):
        """A spot check of ``request``, reviewed by the supervisor with ``result``."""
        check = self.env["aftersales.spot.check"].create({"request_id": request.id})
        review = check.with_user(self.supervisor)
        if result == "pass":
            review.action_pass()
        elif result == "fail":
            review.note = "Paper still jams"
            review.action_fail()
        return check

    def spot_checked_month(self):
        """Tech A: three November jobs checked, two passed and one failed, a fourth still
        to review, and an October job that failed; tech B: one November fail."""
        with freeze_time("2026-11-19 10:00:00"):
            more_a = self.closed_request() | self.closed_request()
        jobs_a = self.requests_a | more_a
        for request, result in zip(jobs_a, ("pass", "pass", "fail", None), strict=True):
            self.spot_check(request, result)
        self.spot_check(self.october, "fail")
        self.spot_check(self.requests_b, "fail")
        self.env.flush_all()

    def spot_check_figures(self, user=None):
        Evaluation = self.env["aftersales.technician.evaluation"].with_user(user or self.supervisor)
        groups = Evaluation._read_group(
            [("month", "=", "2026-11-01"), ("team_id", "=", self.team.id)],
            ["technician_id"],
            ["survey_count:sum", *SPOT_CHECK_MEASURES],
        )
        return {technician: values for technician, *values in groups}

    def test_spot_check_results_per_technician_and_month(self):
        self.spot_checked_month()
        rows = self.spot_check_figures()
        survey_count, drawn, passed, failed, pass_rate = rows[self.tech_a]
        self.assertEqual((drawn, passed, failed), (4, 2, 1), "October's check is October's")
        self.assertAlmostEqual(
            pass_rate, 200 / 3, msg="2 of the 3 reviewed: 66.7 %; the 4th is not rated yet"
        )
        self.assertEqual(survey_count, 2, "the spot checks leave the surveys sent as they were")
        self.assertEqual(rows[self.tech_b][1:], [1, 0, 1, 0.0])
        # the survey figures of the month do not move either
        self.assertEqual(self.evaluation()[self.tech_a][:3], [2, 0, 0.0])

    def test_technicians_do_not_see_their_spot_checks(self):
        """The spot checks are the supervisor's review (RPR-8): a technician's own
        evaluation shows their survey rows only, and no spot-check figure."""
        self.spot_checked_month()
        own = self.env["aftersales.technician.evaluation"].with_user(self.tech_a).search([])
        self.assertTrue(own)
        self.assertEqual(set(own.mapped("source")), {"survey"})
        with self.assertRaises(AccessError):
            self.spot_check_figures(user=self.tech_a)
        pivot = (
            self.env["aftersales.technician.evaluation"].with_user(self.tech_a).get_view(view_type="pivot")
        )
        self.assertNotIn("spot_check", pivot["arch"])

    def test_printed_monthly_report_lists_the_spot_checks(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_survey"], ["zh_CN"], overwrite=True)
        self.spot_checked_month()
        wizard = (
            self.env["aftersales.evaluation.report.wizard"]
            .with_user(self.supervisor)
            .create({"team_id": self.team.id, "month": "2026-11-18"})
        )
        report = self.env["ir.actions.report"].with_context(lang="zh_CN")
        html = report._render_qweb_html("aftersales_survey.action_report_technician_evaluation", wizard.ids)[
            0
        ]
        table = lxml_html.fromstring(html.decode()).get_element_by_id("evaluation_spot_checks")
        cells = {
            row[0].text_content().strip(): [cell.text_content().strip() for cell in row[1:]]
            for row in table.findall(".//tbody/tr")
        }
        self.assertEqual(cells[self.tech_a.name], ["4", "2", "1", "66.7"])
        self.assertEqual(cells[self.tech_b.name], ["1", "0", "1", "0.0"])
        self.assertIn("抽检合格率", table.text_content())

    def test_printed_monthly_report_queries(self):
        """One grouped query for the team's month, however many technicians it has."""

        def technicians_checked(count):
            users = self.env["res.users"]
            for _index in range(count):
                users |= new_test_user(
                    self.env,
                    f"t_eval_{len(self.team.member_ids)}",
                    groups="base.group_user,aftersales_service.group_aftersales_technician",
                )
                self.team.member_ids = [(4, users[-1].id)]
                with freeze_time("2026-11-18 10:00:00"):
                    self.spot_check(close_on_site(self.create_request(), users[-1]), "pass")
            return self.env["aftersales.evaluation.report.wizard"].create(
                {"team_id": self.team.id, "month": "2026-11-18"}
            )

        self.assertFlatQueries(
            technicians_checked,
            lambda wizard: self.env["ir.actions.report"]._render_qweb_html(
                "aftersales_survey.action_report_technician_evaluation", wizard.ids
            ),
        )
