from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase

from .common import AftersalesCase


class TestChineseTranslation(AftersalesCase):
    """The product speaks Simplified Chinese: labels, states and error messages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)
        cls.zh_env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_menu_and_states_use_the_seed_words(self):
        menu = self.env.ref("aftersales_service.menu_aftersales_register").with_env(self.zh_env)
        self.assertEqual(menu.name, "叫修登记簿")
        states = dict(self.zh_env["aftersales.request"].fields_get(["state"])["state"]["selection"])
        self.assertEqual(states["new"], "已登记")
        self.assertEqual(states["dispatched"], "已派工")
        zones = dict(self.zh_env["res.partner"].fields_get(["service_zone"])["service_zone"]["selection"])
        self.assertEqual((zones["urban"], zones["suburban"]), ("市区", "郊区"))

    def test_errors_are_translated(self):
        Request = self.zh_env["aftersales.request"]
        with self.assertRefused(ValidationError, "服务请求必须指定客户"):
            Request.create({"symptom": "x"})
        request = self.create_request().with_env(self.zh_env)
        with self.assertRefused(UserError, "只能通过“变更类别”修改"):
            request.category = "A"
        request.technician_id = self.tech_a
        request.action_dispatch()
        request.action_arrive()
        request.work_done = "x"
        with self.assertRefused(UserError, "需要客户在服务凭证上签名"):
            request.action_close()
        self.assertEqual(request.state, "in_progress")

    def test_voucher_prints_in_the_customers_language(self):
        """SVC-3: a Chinese customer gets a Chinese voucher."""
        self.customer.lang = "zh_CN"
        request = self.create_request()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_service.report_service_voucher", request.ids
        )
        self.assertIn("服务凭证", html.decode())


class TestChineseWeek(TransactionCase):
    def test_chinese_weeks_start_on_monday(self):
        """DSP-1: the calendar of a Chinese user starts the week on Monday."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertEqual(self.env["res.lang"]._lang_get("zh_CN").week_start, "1")
