from odoo.addons.aftersales_service.tests.common import AftersalesCase, close_on_site


class SurveyCase(AftersalesCase):
    """After-sales data plus the opinion survey, a callback agent and helpers to close
    requests and answer their surveys the way the survey page does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("aftersales_survey.survey_customer_opinion")
        cls.team.write({"callback_user_id": cls.clerk.id, "callback_delay_days": 3, "callback_attempts": 2})
        cls.customer.email = "buyer@urban.example.com"
        cls.manager = cls.env["res.users"].create(
            {
                "name": "Service Manager",
                "login": "t_manager",
                "email": "manager@example.com",
                "group_ids": [(6, 0, [cls.env.ref("aftersales_service.group_aftersales_manager").id])],
            }
        )

    @classmethod
    def closed_request(cls, technician=None, **values):
        return close_on_site(cls.create_request(**values), technician or cls.tech_a)

    def question(self, criterion):
        return self.survey.question_ids.filtered(lambda q: q.aftersales_criterion == criterion)

    def level(self, criterion, points):
        return self.question(criterion).suggested_answer_ids.filtered(lambda a: a.aftersales_points == points)

    def answer(self, user_input, points, suggestion=None):
        """Answer as the survey controller does: save each line, then mark done.
        ``points`` maps criterion → 4/3/2/1."""
        for criterion, value in points.items():
            user_input._save_lines(self.question(criterion), str(self.level(criterion, value).id))
        if suggestion is not None:
            user_input._save_lines(self.question("suggestion"), suggestion)
        user_input._mark_done()
        return user_input

    def send_surveys(self):
        return self.env["aftersales.request"]._cron_send_surveys()
