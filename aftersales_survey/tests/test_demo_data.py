"""The demo portal customer has an opinion survey waiting for her answer."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoPendingSurvey(HttpCase):
    def test_portal_customer_has_a_pending_survey_with_its_own_link(self):
        """SUR-1: the survey of the last closed visit of the demo portal customer's company
        is listed on /my/surveys, to be answered with its own token."""
        user_input = self.env.ref("aftersales_survey.survey_input_demo_pending", raise_if_not_found=False)
        if user_input is None:
            self.skipTest("the database was installed without demo data")
        portal_user = self.env.ref("aftersales_service.user_demo_portal")
        self.assertIn(user_input.state, ("new", "in_progress"))
        self.assertEqual(user_input.aftersales_request_id.state, "done")
        self.assertEqual(user_input.partner_id, portal_user.commercial_partner_id)
        self.assertTrue(user_input.access_token)
        self.assertTrue(user_input.invite_token, "its own invitation: attempts are counted per invitation")

        self.authenticate("as_portal", "as_portal")
        response = self.url_open("/my/surveys")
        self.assertEqual(response.status_code, 200)
        self.assertIn(user_input.aftersales_request_id.name, response.text)
        self.assertIn(f"answer_token={user_input.access_token}", response.text)
