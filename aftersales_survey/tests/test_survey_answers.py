from odoo.exceptions import UserError, ValidationError

from .common import SurveyCase


class TestSurveyAnswers(SurveyCase):
    """SUR-2: four criteria on four levels (very satisfied 4, satisfied 3, average 2,
    poor 1) plus a free suggestion; the answer is linked to request, technician, team."""

    def setUp(self):
        super().setUp()
        self.request = self.closed_request()
        self.user_input = self.send_surveys()

    def test_scores_are_read_from_the_answers(self):
        self.answer(self.user_input, {"attitude": 4, "skill": 3, "arrival": 2, "promise": 1})
        self.assertEqual(self.user_input.state, "done")
        self.assertEqual(
            [
                self.user_input.aftersales_score_attitude,
                self.user_input.aftersales_score_skill,
                self.user_input.aftersales_score_arrival,
                self.user_input.aftersales_score_promise,
            ],
            [4, 3, 2, 1],
        )
        self.assertAlmostEqual(self.user_input.aftersales_overall_score, 2.5)
        self.assertEqual(self.user_input.aftersales_technician_id, self.tech_a)
        self.assertEqual(self.user_input.aftersales_team_id, self.team)
        self.assertEqual(self.request.survey_state, "answered")
        self.assertAlmostEqual(self.request.satisfaction_score, 2.5)

    def test_a_written_complaint_lands_with_the_supervisor(self):
        self.answer(
            self.user_input, {"attitude": 1, "skill": 2, "arrival": 1, "promise": 2}, "Came late, rude."
        )
        activity = self.request.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("aftersales_survey.mail_activity_type_survey_feedback")
            )
        )
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertIn("Came late, rude.", str(activity.note))

    def test_no_activity_without_suggestion(self):
        self.answer(self.user_input, {"attitude": 4, "skill": 4, "arrival": 4, "promise": 4})
        self.assertFalse(self.request.activity_ids)

    def test_answering_twice_is_refused_and_changes_nothing(self):
        self.answer(self.user_input, {"attitude": 4, "skill": 4, "arrival": 4, "promise": 4})
        with self.assertRefused(UserError, "already been answered"):
            self.user_input._save_lines(self.question("attitude"), str(self.level("attitude", 1).id))
        with self.assertRefused(UserError, "already been answered"):
            self.user_input._mark_done()
        self.assertEqual(self.user_input.aftersales_score_attitude, 4)
        self.assertEqual(len(self.user_input.user_input_line_ids), 4)

    def test_a_rating_outside_the_four_levels_is_refused(self):
        wrong = self.level("skill", 4)  # a level of another question
        with self.assertRefused(ValidationError, "very satisfied, satisfied, average or poor"):
            self.user_input._save_lines(self.question("attitude"), str(wrong.id))
        self.assertFalse(self.user_input.user_input_line_ids)
        with self.assertRefused(ValidationError, "1 \\(poor\\) to 4"):
            self.level("skill", 4).aftersales_points = 5
