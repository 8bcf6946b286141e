from odoo.exceptions import UserError

from .common import ComplaintCase


class TestComplaintChinese(ComplaintCase):
    """Complaint screens and errors in Simplified Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["aftersales_complaint"], ["zh_CN"], overwrite=True)
        cls.zh_env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_labels_and_errors(self):
        menu = self.env.ref("aftersales_complaint.menu_aftersales_complaints").with_env(self.zh_env)
        self.assertEqual(menu.name, "客户投诉")
        fields = self.zh_env["aftersales.complaint"].fields_get(["complaint_type", "severity"])
        self.assertEqual(dict(fields["complaint_type"]["selection"])["quality"], "质量异常")
        self.assertEqual(dict(fields["severity"]["selection"])["serious"], "严重")
        complaint = self.investigated(resolution_type="compensation", resolution_amount=800).with_env(
            self.zh_env
        )
        with self.assertRefused(UserError, "超出了您对 .* 的核决权限"):
            complaint.with_user(self.clerk).action_approve()
        with self.assertRefused(UserError, "只有已结案的客户投诉才能重新开启"):
            complaint.action_reopen()
