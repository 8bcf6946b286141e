"""SVC-12 (预约确认) from the customer's side and from an attacker's: the reminder the day
before, the token links (right, wrong, old), a change asked in the past."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAppointmentConfirmation(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(
            cls.env,
            "conf_supervisor",
            groups="base.group_user,aftersales_service.group_aftersales_supervisor",
        )
        cls.technician = new_test_user(
            cls.env, "conf_tech", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        cls.team = cls.env["aftersales.team"].create(
            {
                "name": "Confirmation Team",
                "supervisor_id": cls.supervisor.id,
                "member_ids": [Command.set([cls.technician.id, cls.supervisor.id])],
            }
        )
        cls.team.resource_calendar_id.tz = "UTC"
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Confirming Customer",
                "email": "confirm@example.com",
                "street": "5 Bund",
                "tz": "UTC",
                "aftersales_team_id": cls.team.id,
            }
        )

    def visit(self, start):
        request = self.env["aftersales.request"].create(
            {
                "partner_id": self.customer.id,
                "symptom": "Noise",
                "call_time": fields.Datetime.now() - timedelta(hours=2),
                "technician_id": self.technician.id,
                "scheduled_start": start,
            }
        )
        request.action_verify()
        request.action_dispatch()
        return request

    def remind(self):
        return self.env["aftersales.request"]._cron_send_appointment_reminders()

    def test_the_day_before_the_customer_is_reminded_once(self):
        now = fields.Datetime.now()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time()) + timedelta(hours=10)
        later = tomorrow + timedelta(days=2)
        visit, far = self.visit(tomorrow), self.visit(later)
        self.assertEqual(self.remind(), visit)
        self.assertEqual(visit.confirmation_state, "sent")
        self.assertFalse(far.confirmation_state)
        mail = visit.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertEqual(len(mail), 1)
        self.assertIn(visit.confirmation_url, mail.body)
        self.assertIn(self.technician.name, mail.body)
        self.assertFalse(self.remind(), "once")

    def test_the_customer_confirms_from_the_link(self):
        visit = self.visit(fields.Datetime.now() + timedelta(days=1))
        visit.sudo().confirmation_token = "right-token-0123456789"
        visit.confirmation_state = "sent"
        self._link = f"/aftersales/appointment/{visit.id}/right-token-0123456789"
        page = self.url_open(self._link)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.technician.name, page.text)
        self.assertNotIn("5 Bund", page.text, "nothing about the customer beyond the visit")
        response = self.url_open(
            f"/aftersales/appointment/{visit.id}/right-token-0123456789/confirm",
            data={"csrf_token": self.csrf_token()},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_aftersales_confirmed", response.text)
        self.assertEqual(visit.confirmation_state, "confirmed")

    def csrf_token(self):
        page = self.url_open(self._link)
        return page.text.split('name="csrf_token" value="')[1].split('"')[0]

    def test_wrong_old_or_other_tokens_answer_404_and_change_nothing(self):
        visit = self.visit(fields.Datetime.now() + timedelta(days=1))
        other = self.visit(fields.Datetime.now() + timedelta(days=1, hours=3))
        visit.sudo().confirmation_token = "token-of-the-visit-0001"
        other.sudo().confirmation_token = "token-of-the-other-0002"
        (visit | other).confirmation_state = "sent"
        for url in (
            f"/aftersales/appointment/{visit.id}/wrong-token",
            f"/aftersales/appointment/{visit.id}/token-of-the-other-0002",
            f"/aftersales/appointment/{visit.id + 10000}/token-of-the-visit-0001",
            f"/aftersales/appointment/{visit.id}/",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        # the dispatcher moves the visit: the old link stops working
        visit.scheduled_start = fields.Datetime.now() + timedelta(days=2)
        self.assertFalse(visit.confirmation_state)
        self.assertEqual(
            self.url_open(f"/aftersales/appointment/{visit.id}/token-of-the-visit-0001").status_code, 404
        )
        self.assertEqual(other.confirmation_state, "sent")

    def test_asking_another_time_reaches_the_dispatcher_and_the_past_is_refused(self):
        visit = self.visit(fields.Datetime.now() + timedelta(days=1))
        visit.sudo().confirmation_token = "token-change-0003"
        visit.confirmation_state = "sent"
        self._link = f"/aftersales/appointment/{visit.id}/token-change-0003"
        past = (fields.Datetime.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        response = self.url_open(
            f"{self._link}/change", data={"csrf_token": self.csrf_token(), "proposed": past}
        )
        self.assertIn("o_aftersales_error", response.text)
        self.assertEqual(visit.confirmation_state, "sent", "nothing written")
        proposed = (fields.Datetime.now() + timedelta(days=3)).replace(second=0, microsecond=0)
        response = self.url_open(
            f"{self._link}/change",
            data={
                "csrf_token": self.csrf_token(),
                "proposed": proposed.strftime("%Y-%m-%dT%H:%M"),
                "note": "Afternoon",
            },
        )
        self.assertIn("o_aftersales_change_asked", response.text)
        self.assertEqual((visit.confirmation_state, visit.change_asked_time), ("change_asked", proposed))
        activity = visit.activity_ids.filtered(lambda a: a.user_id == self.supervisor)
        self.assertEqual(len(activity), 1)
        self.assertIn("another time", activity.summary)

    def test_the_page_speaks_the_customers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)
        self.customer.lang = "zh_CN"
        visit = self.visit(fields.Datetime.now() + timedelta(days=1))
        visit.sudo().confirmation_token = "token-chinese-0004"
        visit.confirmation_state = "sent"
        page = self.url_open(f"/aftersales/appointment/{visit.id}/token-chinese-0004").text
        self.assertIn("确认此预约", page)
