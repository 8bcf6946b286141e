from odoo.addons.aftersales_service.tests.common import smtp_server

from .common import SurveyCase


class TestSurveyFaults(SurveyCase):
    """SUR-1: the opinion surveys go out while the mail server is down."""

    def test_mail_server_down_the_survey_goes_out_once_when_it_is_back(self):
        """The request's survey is "sent" once its invitation is queued: the queue
        delivers it. With the server down nothing is delivered nor marked sent; once
        the server is back the invitation goes out, once, and the cron run again
        makes no second survey."""
        request = self.closed_request()
        user_input = self.send_surveys()
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )
        self.assertEqual(mail.state, "outgoing")
        with smtp_server(self.env, down=True) as delivered:
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(delivered, [])
        self.assertEqual(mail.state, "exception", "not marked sent")
        with smtp_server(self.env) as delivered:
            self.env["mail.mail"].process_email_queue()
            self.assertFalse(self.send_surveys(), "no second survey")
            self.env["mail.mail"].process_email_queue()
        ours = [subject for subject in delivered if request.name in subject]
        self.assertEqual(len(ours), 1, "the invitation went out once the server was back")
        self.assertFalse(mail.exists() and mail.state != "sent")
