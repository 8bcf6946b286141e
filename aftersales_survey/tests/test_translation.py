from odoo.exceptions import UserError

from .common import SurveyCase


class TestSurveyChinese(SurveyCase):
    """The survey, the callback screens and their errors speak Simplified Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["aftersales_survey"], ["zh_CN"], overwrite=True)
        cls.zh_env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_the_customer_reads_the_survey_in_chinese(self):
        survey = self.survey.with_env(self.zh_env)
        self.assertEqual(survey.title, "客户意见调查")
        self.assertEqual(self.question("attitude").with_env(self.zh_env).title, "技术员的态度如何？")  # noqa: RUF001
        levels = self.question("skill").with_env(self.zh_env).suggested_answer_ids.mapped("value")
        self.assertEqual(levels, ["非常满意", "满意", "一般", "较差"])

    def test_a_chinese_customer_gets_the_invitation_in_chinese(self):
        self.customer.lang = "zh_CN"
        request = self.closed_request()
        user_input = self.send_surveys()
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )
        self.assertIn("我们的服务如何", mail.subject)
        self.assertIn(f"尊敬的 {user_input.nickname}：", mail.body_html)  # noqa: RUF001
        self.assertIn(f"我们的技术员 <strong>{self.tech_a.name}</strong>", mail.body_html)
        self.assertIn(request.name, mail.body_html)
        self.assertIn(">填写调查</a>", mail.body_html)
        self.assertIn(user_input.access_token, mail.body_html)

    def test_menus_and_errors(self):
        menu = self.env.ref("aftersales_survey.menu_aftersales_callbacks").with_env(self.zh_env)
        self.assertEqual(menu.name, "回访")
        request = self.closed_request()
        user_input = self.send_surveys()
        self.answer(user_input, {"attitude": 4, "skill": 4, "arrival": 4, "promise": 4})
        with self.assertRefused(UserError, "不能重复填写"):
            user_input.with_env(self.zh_env)._mark_done()
        callback = request.callback_ids.with_env(self.zh_env)
        with self.assertRefused(UserError, "是否已联系上客户"):
            callback.action_record_outcome()
