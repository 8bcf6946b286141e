import re
from collections import defaultdict
from datetime import datetime

from lxml import etree

from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user

from .common import AftersalesCase

MODULES = ("aftersales_service", "aftersales_survey", "aftersales_complaint")
RULE_ID = re.compile(r"\b(SVC|SUR|CMP|RPR|CTR|RPT|EQP|ORG|PRT|FLD|DSP|X)-\d")


class TestLocalizedText(AftersalesCase):
    """X-1: what the product writes for people is in the reader's language and time
    zone, and what it stores is codes, not sentences."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["mail", *MODULES], ["zh_CN"], overwrite=True)
        cls.clerk.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.supervisor.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})

    def as_user(self, user, records):
        """``records`` as ``user`` reads them in the web client (which puts the user's
        language in the context)."""
        return records.with_user(user).with_context(lang=user.lang)

    def test_reschedule_message_shows_the_local_time_to_the_minute(self):
        request = self.create_request(call_time=datetime(2026, 11, 30, 9, 0))
        wizard = self.as_user(self.clerk, self.env["aftersales.reschedule.wizard"]).create(
            {
                "request_id": request.id,
                "new_start": datetime(2026, 12, 2, 2, 0),  # 10:00 in Beijing
                "reason": "客户要求改期",
            }
        )
        wizard.action_confirm()
        body = request.message_ids[0].body
        self.assertIn("预约已改至 2026/12/02 10:00。", body)
        self.assertNotIn("02:00", body)

    def escalations(self, records):
        activity_type = self.env.ref("aftersales_service.mail_activity_type_sla_escalation")
        return records.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_escalation_activity_is_in_the_supervisors_language_and_time_zone(self):
        """SVC-9 escalations are written by the cron (no one's language) for the
        supervisor: Chinese, with the deadline in Beijing time, to the minute."""
        request = self.dispatched_request(call_time=datetime(2026, 11, 23, 9, 0))  # due 16:00 UTC
        with freeze_time("2026-11-23 15:10:00"):
            self.env["aftersales.request"]._cron_escalate()
        activity = self.escalations(request)
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertEqual(activity.summary, f"SLA 有风险：{request.name}")  # noqa: RUF001
        self.assertIn("截止时间 2026/11/24 00:00，", activity.note)  # noqa: RUF001
        self.assertNotIn("16:00", activity.note)

    def test_escalation_deadline_falls_back_to_the_team_calendar_time_zone(self):
        self.supervisor.tz = False
        self.calendar.tz = "Asia/Shanghai"
        request = self.dispatched_request(call_time=datetime(2026, 11, 23, 1, 0))  # 09:00 in Beijing
        with freeze_time("2026-11-24 09:00:00"):
            self.env["aftersales.request"]._cron_escalate()
        self.assertEqual(request.sla_deadline, datetime(2026, 11, 23, 8, 0))
        self.assertIn("截止时间 2026/11/23 16:00，", self.escalations(request).note)  # noqa: RUF001

    def test_repair_escalation_is_in_the_supervisors_language(self):
        request = self.dispatched_request()
        request.action_arrive()
        repair = self.env["repair.order"].create(
            dict(request._prepare_repair_vals(), schedule_date=datetime(2026, 11, 20, 8, 0))
        )
        with freeze_time("2026-11-21 09:00:00"):
            self.env["repair.order"]._cron_escalate_repairs()
        self.assertEqual(self.escalations(repair).summary, f"维修逾期：{repair.name}")  # noqa: RUF001

    def test_verification_issues_store_codes_and_show_labels_in_the_readers_language(self):
        request = self.create_request(equipment_id=False, symptom=False)
        self.assertEqual(request.verification_issues, "product,serial,symptom")
        english = request.with_context(lang="en_US")
        self.assertEqual(english.verification_issues_label, "product model, serial number, and symptom")
        chinese = request.with_context(lang="zh_CN")
        self.assertEqual(chinese.verification_issues_label, "产品型号、序列号和故障现象")
        request.technician_id = self.tech_a
        with self.assertRefused(UserError, "产品型号、序列号和故障现象"):
            self.as_user(self.clerk, request).action_dispatch()
        found = (
            self.env["aftersales.request"]
            .with_context(lang="zh_CN")
            .search([("verification_issues_label", "ilike", "序列号")])
        )
        self.assertIn(request, found)

    def test_no_rule_id_in_what_users_see(self):
        """Rule IDs (SVC-2 ...) belong in comments and tests, not on screens."""
        data = self.env["ir.model.data"].search([("module", "in", MODULES)])
        fields = self.env["ir.model.fields"].browse(
            data.filtered(lambda d: d.model == "ir.model.fields").mapped("res_id")
        )
        names = defaultdict(list)
        for field in fields:
            names[field.model].append(field.name)
        for lang in ("en_US", "zh_CN"):
            env = self.env(context={"lang": lang})
            for model, field_names in names.items():
                for name, description in env[model].fields_get(field_names, ["string", "help"]).items():
                    for text in (description.get("string"), description.get("help")):
                        self.assertFalse(text and RULE_ID.search(text), f"{lang} {model}.{name}: {text}")
            views = env["ir.ui.view"].browse(
                data.filtered(lambda d: d.model == "ir.ui.view").mapped("res_id")
            )
            for view in views:
                arch = etree.fromstring(view.arch_db.encode())
                for comment in arch.xpath("//comment()"):
                    comment.getparent().remove(comment)
                text = etree.tostring(arch, encoding="unicode")
                self.assertFalse(RULE_ID.search(text), f"{lang} view {view.xml_id}: {RULE_ID.search(text)}")

    def test_no_two_fields_of_a_model_share_a_label(self):
        """Odoo warns on every install and update when they do, and users can't tell
        them apart in filters, exports and the list's optional columns."""
        for model_name, model in self.env.registry.items():
            ours = [field for field in model._fields.values() if field._module in MODULES]
            if not ours:
                continue
            by_label = defaultdict(list)
            for field in model._fields.values():
                by_label[field.string].append(field.name)
            for field in ours:
                self.assertEqual(by_label[field.string], [field.name], f"{model_name}: {field.string}")

    def test_creation_line_of_the_chatter_is_in_the_readers_language(self):
        """Registered by an English-speaking clerk, read by a Chinese one: the chatter
        (what /mail/thread/messages sends the web client) says 服务请求."""
        english_clerk = new_test_user(
            self.env,
            "t_clerk_en",
            groups="base.group_user,aftersales_service.group_aftersales_user",
            lang="en_US",
        )
        request = (
            self.env["aftersales.request"]
            .with_user(english_clerk)
            .with_context(tracking_disable=False, lang="en_US")
            .create({"partner_id": self.customer.id, "equipment_id": self.equipment.id, "symptom": "Jam"})
        )
        creation = request.message_ids.filtered(lambda m: m.message_type == "notification")[-1:]
        self.assertTrue(creation)
        data = Store().add(self.as_user(self.clerk, creation)).get_result()
        message = data["mail.message"][0]
        subtypes = {subtype["id"]: subtype for subtype in data.get("mail.message.subtype", [])}
        body = (
            message["body"][1] if isinstance(message["body"], list) else message["body"]
        )  # ["markup", html]
        # the chatter hides a body marked as a notification summary and shows the
        # subtype's description instead
        shown = "" if 'summary="o_mail_notification"' in body else re.sub("<[^>]+>", "", body)
        shown += subtypes.get(message["subtype_id"], {}).get("description") or ""
        self.assertIn("服务请求", shown)
        self.assertNotIn("Service Request", shown)
