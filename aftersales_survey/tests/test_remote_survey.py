from .common import SurveyCase


class TestRemoteSurvey(SurveyCase):
    """SVC-10: a request solved by phone or remote help gets the callback and the
    opinion survey as a visit does."""

    def test_remote_resolution_gets_callback_and_survey(self):
        request = self.create_request()
        self.env["aftersales.remote.wizard"].with_user(self.clerk).create(
            {"request_id": request.id, "solution": "Guided the customer through a reset", "hours": 0.25}
        ).action_confirm()
        self.assertEqual(request.register_state, "cleared")
        self.assertEqual(len(request.callback_ids), 1, "the callback follows as for a visit")
        self.assertEqual(request.callback_ids.user_id, self.clerk)

        self.send_surveys()
        self.assertEqual(len(request.survey_input_ids), 1, "the opinion survey follows as for a visit")
        self.assertEqual(request.survey_state, "sent")
