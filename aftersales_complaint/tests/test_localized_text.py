from freezegun import freeze_time

from .common import ComplaintCase


class TestComplaintLocalizedText(ComplaintCase):
    """X-1: the complaint clocks' activities are written for the supervisor, in their
    language, whoever runs the job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["aftersales_complaint"], ["zh_CN"], overwrite=True)
        cls.supervisor.lang = "zh_CN"

    def test_visit_and_escalation_activities_are_in_the_supervisors_language(self):
        complaint = self.new_complaint()
        with freeze_time("2026-11-16 09:00:00"):
            complaint.with_context(lang="en_US").action_accept()
        visit_type = self.env.ref("aftersales_complaint.mail_activity_type_complaint_visit")
        visit = complaint.activity_ids.filtered(lambda a: a.activity_type_id == visit_type)
        self.assertEqual(visit.summary, f"就客户投诉 {complaint.name} 拜访 {complaint.partner_id.name}")
        with freeze_time("2026-11-18 10:00:00"):
            self.env["aftersales.complaint"].with_context(lang="en_US")._cron_escalate()
        overdue_type = self.env.ref("aftersales_complaint.mail_activity_type_complaint_overdue")
        escalation = complaint.activity_ids.filtered(lambda a: a.activity_type_id == overdue_type)
        self.assertEqual(escalation.user_id, self.supervisor)
        self.assertEqual(escalation.summary, f"调查即将逾期: {complaint.name}")

    def test_conclusion_letter_is_in_the_customers_language(self):
        """CMP-11: the conclusion letter's mail and PDF speak the customer's language."""
        self.customer.lang = "zh_CN"
        complaint = self.investigated(resolution_type="rejected")
        complaint.action_approve()
        self.finish_tasks_and_visit(complaint)
        complaint.with_context(lang="en_US").action_close()
        message = complaint.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertEqual(message.subject, f"关于您的投诉 {complaint.name} 的处理结论")
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_complaint.action_report_complaint_letter", complaint.ids
        )
        self.assertIn("关于您的投诉的函告", html.decode())
