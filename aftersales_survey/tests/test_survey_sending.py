from psycopg2 import IntegrityError

from odoo.tools import mute_logger

from .common import SurveyCase


class TestSurveySending(SurveyCase):
    """SUR-1: every closed request gets the opinion survey, exactly once."""

    def test_every_closed_request_gets_one_survey_even_if_the_cron_runs_twice(self):
        closed = self.closed_request() | self.closed_request(technician=self.tech_b)
        still_open = self.dispatched_request()

        self.send_surveys()
        self.send_surveys()

        inputs = self.env["survey.user_input"].search(
            [("aftersales_request_id", "in", (closed | still_open).ids)]
        )
        self.assertEqual(
            inputs.aftersales_request_id, closed, "one survey per closed request, none for open ones"
        )
        self.assertEqual(len(inputs), 2)
        self.assertEqual(inputs.survey_id, self.survey)
        self.assertEqual(set(inputs.mapped("partner_id")), {self.customer})
        self.assertEqual(
            inputs.filtered(lambda i: i.aftersales_request_id == closed[1]).aftersales_technician_id,
            self.tech_b,
        )
        self.assertEqual(set(closed.mapped("survey_state")), {"sent"})

    def test_the_invitation_mail_carries_the_answer_link(self):
        request = self.closed_request()
        user_input = self.send_surveys()
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("buyer@urban.example.com", [mail.email_to, *mail.recipient_ids.mapped("email")])
        self.assertIn(request.name, mail.subject)
        self.assertIn(user_input.access_token, mail.body_html, "the link opens this customer's own answer")
        self.assertIn(f"/survey/start/{self.survey.access_token}?answer_token=", mail.body_html)
        self.assertIn(">Answer the survey</a>", mail.body_html)
        self.assertIn(f"Dear {user_input.nickname},", mail.body_html)
        for shown in (self.tech_a.name, request.name, request.company_id.name):
            self.assertIn(shown, mail.body_html)

    def test_the_invitation_is_filled_in_without_compiling_a_template_per_mail(self):
        """The invitation body uses field paths only (INVITATION_EXPRESSIONS), so Odoo's
        mail engine fills it with a regular expression; a method call or an "or" in it
        would compile QWeb for every one of the day's invitations."""
        template = self.env.ref("aftersales_survey.mail_template_survey_invite")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_survey"], ["zh_CN"], overwrite=True)
        self.assertIn("尊敬的", template.with_context(lang="zh_CN").body_html)
        for lang in ("en_US", "zh_CN"):
            body = template.with_context(lang=lang).body_html
            self.assertFalse(
                self.env["mail.render.mixin"]._has_unsafe_expression_template_qweb(body, "survey.user_input"),
                f"the {lang} invitation body needs QWeb",
            )

    def test_customer_without_email_still_gets_the_survey_without_mail(self):
        self.suburban_customer.write({"email": False, "phone": "+86 21 0000 0000"})
        request = self.closed_request(partner_id=self.suburban_customer.id, equipment_id=False)
        request.email = False
        user_input = self.send_surveys()
        self.assertEqual(user_input.aftersales_request_id, request)
        mails = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )
        self.assertFalse(mails)

    def test_database_refuses_a_second_survey_for_the_same_request(self):
        request = self.closed_request()
        self.send_surveys()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["survey.user_input"].create(
                {
                    "survey_id": self.survey.id,
                    "aftersales_request_id": request.id,
                    "partner_id": self.customer.id,
                }
            )

    def test_a_backlog_is_sent_in_batches_and_the_cron_runs_again_at_once(self):
        """A run sends one batch; when more wait, the scheduler is asked to run
        the cron again right away, until every closed request has its survey."""
        closed = self.closed_request() | self.closed_request() | self.closed_request()
        cron = "aftersales_survey.ir_cron_aftersales_send_surveys"

        progress = self.run_cron(cron, "_cron_send_surveys", batch_size=2)
        first = progress["records"]

        self.assertEqual(len(first), 2)
        self.assertGreater(progress["remaining"], 0, "another run at once")
        progress = self.run_cron(cron, "_cron_send_surveys", batch_size=2)
        last = progress["records"]
        self.assertEqual(len(last), 1)
        self.assertEqual(progress["remaining"], 0, "done: no new run")
        self.assertEqual((first | last).aftersales_request_id, closed)
