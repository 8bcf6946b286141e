from .common import SurveyCase


class TestSurveyLocalizedText(SurveyCase):
    """X-1: what a customer writes in a survey reaches the supervisor as an activity
    in the supervisor's language, not in the customer's (who answered it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["aftersales_survey"], ["zh_CN"], overwrite=True)
        cls.supervisor.lang = "zh_CN"

    def test_survey_feedback_activity_is_in_the_supervisors_language(self):
        request = self.closed_request()
        user_input = self.send_surveys().with_context(lang="en_US")
        self.answer(user_input, {"attitude": 1, "skill": 2, "arrival": 1, "promise": 2}, "Came late.")
        feedback_type = self.env.ref("aftersales_survey.mail_activity_type_survey_feedback")
        activity = request.activity_ids.filtered(lambda a: a.activity_type_id == feedback_type)
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertEqual(activity.summary, "客户在意见调查中留言")
