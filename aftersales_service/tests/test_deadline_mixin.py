from datetime import datetime, timedelta

from odoo.tests import freeze_time

from .test_fees import FeesCase

NOW = datetime(2026, 11, 24, 10, 0)


class TestDeadlineMixin(FeesCase):
    """aftersales.deadline.mixin: one status rule and one assignee rule for
    requests, repairs and complaints."""

    def held_repair(self):
        request = self.on_site_request()
        action = request.action_take_back()
        return self.env["repair.order"].browse(action["res_id"])

    def test_a_repair_is_overdue_from_its_promised_time_on(self):
        """SVC-9: a repair is late from the promised time on, the moment the cron
        escalates it as late (the list said 'not overdue' for that moment)."""
        repair = self.held_repair()
        Repair = self.env["repair.order"]
        with freeze_time(NOW):
            repair.schedule_date = NOW + timedelta(seconds=1)
            self.assertFalse(repair.is_overdue)
            self.assertNotIn(repair, Repair.search([("is_overdue", "=", True)]))
            repair.schedule_date = NOW
            repair.invalidate_recordset(["is_overdue"])
            self.assertTrue(repair.is_overdue)
            self.assertIn(repair, Repair.search([("is_overdue", "=", True)]))
            Repair._cron_escalate_repairs()
        self.assertTrue(repair.escalation_breached)

    def test_without_supervisor_or_manager_a_repair_goes_to_its_responsible(self):
        """SVC-9: supervisor, else team manager, else the repair's responsible."""
        repair = self.held_repair()
        repair.user_id = self.tech_b
        self.team.write({"supervisor_id": False, "manager_id": False})
        with freeze_time(repair.schedule_date + timedelta(hours=1)):
            self.env["repair.order"]._cron_escalate_repairs()
        activity_type = self.env.ref("aftersales_service.mail_activity_type_sla_escalation")
        escalation = repair.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(escalation.user_id, self.tech_b)
        self.team.manager_id = self.clerk
        self.assertEqual(repair._get_escalation_user(), self.clerk)
