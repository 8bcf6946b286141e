from .common import SurveyCase


class TestStatusPageSurvey(SurveyCase):
    def test_the_status_page_of_a_closed_visit_leads_to_its_survey(self):
        """PRT-5/SUR-1: the live status of a closed visit links the voucher and, once
        sent and until answered, the opinion survey."""
        request = self.closed_request()
        self.assertEqual(len(request._get_status_page_values()["links"]), 1, "the voucher only")
        user_input = request._send_surveys()
        links = dict(request._get_status_page_values()["links"])
        self.assertEqual(links.get("Give your opinion"), user_input.get_start_url())
        self.answer(user_input, {"attitude": 4, "skill": 4, "arrival": 4, "promise": 4})
        self.assertNotIn("Give your opinion", dict(request._get_status_page_values()["links"]))
