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
