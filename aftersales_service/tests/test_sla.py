from datetime import datetime

from odoo import Command
from odoo.tests import freeze_time

from .common import AftersalesCase

MONDAY_9 = datetime(2026, 11, 23, 9, 0)
FRIDAY_17 = datetime(2026, 11, 20, 17, 0)


class TestSla(AftersalesCase):
    def test_team_defaults_urban_6_suburban_7(self):
        """ORG-1 / SVC-5: a new team serves urban calls in 6 and suburban in 7 hours."""
        team = self.env["aftersales.team"].create({"name": "New Branch"})
        self.assertEqual((team.sla_hours_urban, team.sla_hours_suburban), (6.0, 7.0))
        self.assertTrue(team.resource_calendar_id, "a team always has working hours")

    def test_urban_and_suburban_deadlines_differ(self):
        """SVC-5: Monday 9:00 + 6 working hours (lunch excluded) = 16:00; suburban 17:00."""
        urban = self.create_request(call_time=MONDAY_9)
        suburban = self.create_request(
            call_time=MONDAY_9, partner_id=self.suburban_customer.id, equipment_id=False
        )
        self.assertEqual(urban.sla_hours, 6.0)
        self.assertEqual(urban.sla_deadline, datetime(2026, 11, 23, 16, 0))
        self.assertEqual(suburban.sla_hours, 7.0)
        self.assertEqual(suburban.sla_deadline, datetime(2026, 11, 23, 17, 0))

    def test_friday_evening_call_is_due_on_monday(self):
        """SVC-5: a call at 17:00 on Friday only starts counting on Monday morning."""
        request = self.create_request(call_time=FRIDAY_17)
        self.assertEqual(request.sla_deadline, datetime(2026, 11, 23, 15, 0))
        suburban = self.create_request(
            call_time=FRIDAY_17, partner_id=self.suburban_customer.id, equipment_id=False
        )
        self.assertEqual(suburban.sla_deadline, datetime(2026, 11, 23, 16, 0))

    def test_deadline_follows_the_team_calendar_time_zone(self):
        """SVC-5 on a Beijing calendar: Friday 17:00 Beijing (09:00 UTC) is due Monday
        15:00 Beijing (07:00 UTC)."""
        self.calendar.tz = "Asia/Shanghai"
        request = self.create_request(call_time=datetime(2026, 11, 20, 9, 0))
        self.assertEqual(request.sla_deadline, datetime(2026, 11, 23, 7, 0))

    def test_public_holiday_does_not_count(self):
        """SVC-5: hours of a company-wide day off are skipped."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 11, 23, 0, 0),
                "date_to": datetime(2026, 11, 23, 23, 59),
            }
        )
        request = self.create_request(call_time=FRIDAY_17)
        self.assertEqual(request.sla_deadline, datetime(2026, 11, 24, 15, 0))

    def test_sla_hours_are_configurable_per_team(self):
        """SVC-5: changing the team's urban hours moves the deadline of its requests."""
        request = self.create_request(call_time=MONDAY_9)
        self.team.sla_hours_urban = 2.0
        self.assertEqual(request.sla_deadline, datetime(2026, 11, 23, 11, 0))

    def test_status_on_time_at_risk_breached_and_search(self):
        """SVC-5: the status follows the clock until arrival, then is fixed by the arrival."""
        request = self.create_request(call_time=MONDAY_9)  # due 16:00, at risk from 15:00
        Request = self.env["aftersales.request"]

        def found(status):
            return request in Request.search([("sla_status", "=", status)])

        with freeze_time("2026-11-23 10:00:00"):
            request.invalidate_recordset(["sla_status"])
            self.assertEqual(request.sla_status, "on_time")
            self.assertTrue(found("on_time"))
            self.assertFalse(found("at_risk"))
        with freeze_time("2026-11-23 15:30:00"):
            request.invalidate_recordset(["sla_status"])
            self.assertEqual(request.sla_status, "at_risk")
            self.assertTrue(found("at_risk"))
        with freeze_time("2026-11-23 16:30:00"):
            request.invalidate_recordset(["sla_status"])
            self.assertEqual(request.sla_status, "breached")
            self.assertTrue(found("breached"))
            self.assertFalse(found("on_time"))

        request.write({"technician_id": self.tech_a.id})
        request.action_dispatch()
        request.arrival_time = datetime(2026, 11, 23, 15, 45)
        request.invalidate_recordset(["sla_status"])
        self.assertEqual(request.sla_status, "on_time", "arrived before the deadline")
        self.assertTrue(found("on_time"))
        request.arrival_time = datetime(2026, 11, 23, 16, 15)
        request.invalidate_recordset(["sla_status"])
        self.assertEqual(request.sla_status, "breached", "arrived after the deadline")
        self.assertTrue(found("breached"))

    def test_team_technicians_are_members_in_the_technician_group(self):
        """ORG-1 / ORG-2: clerks are members but not technicians."""
        self.assertIn(self.tech_a, self.team.technician_ids)
        self.assertIn(self.supervisor, self.team.technician_ids)
        self.assertNotIn(self.clerk, self.team.technician_ids)
        self.team.member_ids = [Command.unlink(self.tech_b.id)]
        self.assertNotIn(self.tech_b, self.team.technician_ids)
