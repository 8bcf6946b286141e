from datetime import datetime

from odoo.tests import freeze_time

from .common import AftersalesCase


class TestCarryOver(AftersalesCase):
    def test_carry_over_flags_yesterdays_undispatched_requests_once(self):
        """SVC-8: next morning, yesterday's undispatched calls are flagged and raised
        one priority step; a second run changes nothing."""
        yesterday = self.create_request(call_time=datetime(2026, 11, 22, 15, 0))
        urgent = self.create_request(call_time=datetime(2026, 11, 22, 15, 0), priority="1")
        dispatched = self.dispatched_request(call_time=datetime(2026, 11, 22, 15, 0))
        today = self.create_request(call_time=datetime(2026, 11, 23, 6, 0))
        Request = self.env["aftersales.request"]
        with freeze_time("2026-11-23 07:00:00"):
            Request._cron_carry_over()
            self.assertTrue(yesterday.carried_over)
            self.assertEqual(yesterday.priority, "1")
            self.assertEqual(urgent.priority, "2")
            self.assertEqual(str(yesterday.carry_over_date), "2026-11-23")
            self.assertFalse(dispatched.carried_over)
            self.assertFalse(today.carried_over)
            Request._cron_carry_over()
        self.assertEqual(yesterday.priority, "1", "flagged once: priority raised once")
        self.assertEqual(urgent.priority, "2")
        carried = Request.search([("carried_over", "=", True), ("state", "=", "new")])
        self.assertEqual(carried & (yesterday | urgent | today | dispatched), yesterday | urgent)

    def test_carry_over_shows_the_priority_bump_in_the_chatter(self):
        """SVC-8: the raised priority is tracked like a change by hand: the chatter of
        the request shows Normal -> High, once."""
        request = self.create_request(call_time=datetime(2026, 11, 22, 15, 0))
        with freeze_time("2026-11-23 07:00:00"):
            self.env["aftersales.request"]._cron_carry_over()
            self.env["aftersales.request"]._cron_carry_over()
        self.env.cr.precommit.run()  # Odoo's own tracking would write its note only now
        changes = request.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "priority"
        )
        self.assertEqual(len(changes), 1)
        self.assertEqual((changes.old_value_char, changes.new_value_char), ("Normal", "High"))

    def test_carry_over_uses_the_team_time_zone(self):
        """SVC-8: 'earlier days' are days of the team's calendar (Beijing here):
        a call at 23:00 UTC on the 22nd is 07:00 on the 23rd in Beijing."""
        self.calendar.tz = "Asia/Shanghai"
        same_day = self.create_request(call_time=datetime(2026, 11, 22, 23, 0))
        day_before = self.create_request(call_time=datetime(2026, 11, 22, 15, 0))
        with freeze_time("2026-11-23 01:00:00"):  # 09:00 in Beijing
            self.env["aftersales.request"]._cron_carry_over()
        self.assertFalse(same_day.carried_over)
        self.assertTrue(day_before.carried_over)

    def test_a_backlog_is_carried_over_in_batches_earliest_call_first(self):
        """A run flags one batch, earliest call first, and asks the scheduler
        for another run at once; the next run flags the rest and asks for no more."""
        earlier = self.create_request(call_time=datetime(2026, 11, 21, 15, 0))
        later = self.create_request(call_time=datetime(2026, 11, 22, 15, 0))
        cron = "aftersales_service.ir_cron_aftersales_carry_over"
        with freeze_time("2026-11-23 07:00:00"):
            progress = self.run_cron(cron, "_cron_carry_over", batch_size=1)
            self.assertEqual((earlier | later).mapped("carried_over"), [True, False])
            self.assertGreater(progress["remaining"], 0, "another run at once")
            progress = self.run_cron(cron, "_cron_carry_over", batch_size=1)
        self.assertEqual((earlier | later).mapped("priority"), ["1", "1"])
        self.assertEqual(progress["remaining"], 0, "no more runs")

    def test_cron_records_exist_for_administrators(self):
        for xmlid in (
            "aftersales_service.ir_cron_aftersales_carry_over",
            "aftersales_service.ir_cron_aftersales_escalate",
        ):
            self.assertTrue(self.env.ref(xmlid).active)


class TestEscalation(AftersalesCase):
    def escalations(self, request):
        activity_type = self.env.ref("aftersales_service.mail_activity_type_sla_escalation")
        return request.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def supervisor_reads(self, source, request):
        """An escalation summary as the supervisor reads it: in their language (X-1)."""
        return self.env(context={"lang": self.supervisor.lang})._(source, request=request.name)

    def test_escalation_before_and_after_the_deadline_once_each(self):
        """SVC-9: one activity for the supervisor when at risk, one more when breached,
        however often the cron runs."""
        request = self.dispatched_request(call_time=datetime(2026, 11, 23, 9, 0))  # due 16:00
        Request = self.env["aftersales.request"]
        with freeze_time("2026-11-23 12:00:00"):
            Request._cron_escalate()
        self.assertFalse(self.escalations(request), "not yet at risk")
        with freeze_time("2026-11-23 15:10:00"):
            Request._cron_escalate()
            Request._cron_escalate()
        warning = self.escalations(request)
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.user_id, self.supervisor)
        self.assertEqual(warning.summary, self.supervisor_reads("SLA at risk: %(request)s", request))
        with freeze_time("2026-11-23 16:30:00"):
            Request._cron_escalate()
            Request._cron_escalate()
        activities = self.escalations(request)
        self.assertEqual(len(activities), 2)
        self.assertEqual(
            (activities - warning).summary, self.supervisor_reads("SLA breached: %(request)s", request)
        )

    def test_no_escalation_once_the_technician_arrived(self):
        request = self.dispatched_request(call_time=datetime(2026, 11, 23, 9, 0))
        with freeze_time("2026-11-23 10:00:00"):
            request.action_arrive()
        with freeze_time("2026-11-23 17:00:00"):
            self.env["aftersales.request"]._cron_escalate()
        self.assertFalse(self.escalations(request))

    def test_request_found_already_breached_gets_one_activity(self):
        """A request whose deadline passed between two runs is escalated once as breached."""
        request = self.create_request(call_time=datetime(2026, 11, 23, 9, 0))
        with freeze_time("2026-11-24 09:00:00"):
            self.env["aftersales.request"]._cron_escalate()
            self.env["aftersales.request"]._cron_escalate()
        activities = self.escalations(request)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.summary, self.supervisor_reads("SLA breached: %(request)s", request))

    def test_without_a_supervisor_the_team_manager_is_escalated_to(self):
        """SVC-9: the cron picks the escalation user in SQL; it must make the same choice
        as _get_escalation_user (supervisor, else the team manager)."""
        self.team.write({"supervisor_id": False, "manager_id": self.clerk.id})
        request = self.dispatched_request(call_time=datetime(2026, 11, 23, 9, 0))  # due 16:00
        with freeze_time("2026-11-23 16:30:00"):
            self.env["aftersales.request"]._cron_escalate()
        self.assertEqual(self.escalations(request).user_id, self.clerk)
        self.assertEqual(request._get_escalation_user(), self.clerk)

    def test_a_backlog_is_escalated_in_batches_earliest_deadline_first(self):
        """After downtime a run escalates one batch, earliest deadline first,
        and asks the scheduler for another run at once; the next run does the rest."""
        late = self.create_request(call_time=datetime(2026, 11, 23, 9, 0))
        later = self.create_request(call_time=datetime(2026, 11, 23, 10, 0))
        others = self.env["aftersales.request"].search([("id", "not in", (late | later).ids)])
        others.write({"escalation_warned": True, "escalation_breached": True})  # demo data
        cron = "aftersales_service.ir_cron_aftersales_escalate"
        with freeze_time("2026-11-24 09:00:00"):
            progress = self.run_cron(cron, "_cron_escalate", batch_size=1)
            self.assertEqual(len(self.escalations(late)), 1)
            self.assertFalse(self.escalations(later))
            self.assertGreater(progress["remaining"], 0, "another run at once")
            progress = self.run_cron(cron, "_cron_escalate", batch_size=1)
        self.assertEqual(len(self.escalations(later)), 1)
        self.assertEqual(progress["remaining"], 0, "no more runs")

    def test_supervisor_follows_and_gets_one_notification_per_run(self):
        """SVC-9 "activity + notification": the supervisor follows each escalated request
        and receives one notification listing that run's escalations."""
        requests = self.create_request(call_time=datetime(2026, 11, 23, 9, 0)) | self.create_request(
            call_time=datetime(2026, 11, 23, 9, 30)
        )
        others = self.env["aftersales.request"].search([("id", "not in", requests.ids)])
        others.write({"escalation_warned": True, "escalation_breached": True})  # demo data
        Message = self.env["mail.message"]
        before = Message.search([("partner_ids", "in", self.supervisor.partner_id.ids)])
        with freeze_time("2026-11-24 09:00:00"):
            self.env["aftersales.request"]._cron_escalate()
        for request in requests:
            self.assertIn(self.supervisor.partner_id, request.message_partner_ids)
        notices = Message.search([("partner_ids", "in", self.supervisor.partner_id.ids)]) - before
        self.assertEqual(len(notices), 1)
        self.assertIn("2 new activities", notices.subject)
        for request in requests:
            self.assertIn(request.name, str(notices.body))
