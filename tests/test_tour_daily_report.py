"""Browser test of the supervisor daily report and its approval (RPT-2)."""

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDailyReportTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(
            cls.env,
            "report_sup",
            name="Report Supervisor",
            groups="base.group_user,aftersales_service.group_aftersales_supervisor",
        )
        technician = new_test_user(
            cls.env,
            "report_tech",
            name="Report Technician",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
        )
        cls.team = cls.env["aftersales.team"].create(
            {
                "name": "Report Team",
                "supervisor_id": cls.supervisor.id,
                "manager_id": cls.env.ref("base.user_admin").id,
                "member_ids": [Command.set([cls.supervisor.id, technician.id])],
            }
        )
        customer = cls.env["res.partner"].create(
            {
                "name": "Report Customer",
                "phone": "1",
                "aftersales_team_id": cls.team.id,
            }
        )
        request = cls.env["aftersales.request"].create(
            {
                "partner_id": customer.id,
                "symptom": "Noise",
                "technician_id": technician.id,
                "call_time": "2026-11-16 09:00:00",
            }
        )
        cls.env["aftersales.time.entry"].create(
            {
                "request_id": request.id,
                "user_id": technician.id,
                "hours": 2.5,
                # the supervisor's today, as the wizard proposes it (the test's own user
                # may live in another time zone, where the date has already changed)
                "date": fields.Date.context_today(request.with_user(cls.supervisor)),
            }
        )

    def test_create_submit_approve_send(self):
        self.start_tour(
            "/odoo/action-aftersales_service.action_aftersales_daily_report_wizard",
            "aftersales_daily_report_submit_tour",
            login="report_sup",
            timeout=120,
        )
        report = self.env["aftersales.daily.report"].search([("team_id", "=", self.team.id)])
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_by_id, self.supervisor)
        self.assertEqual(report.total_hours, 2.5)
        self.start_tour(
            f"/odoo/aftersales.daily.report/{report.id}",
            "aftersales_daily_report_approve_tour",
            login="admin",
            timeout=120,
        )
        self.assertEqual(report.state, "sent")
        self.assertEqual(report.approved_by_id, self.env.ref("base.user_admin"))
        self.assertTrue(report.sent_on)
