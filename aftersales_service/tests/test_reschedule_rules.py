from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import freeze_time

from .common import AftersalesCase


@freeze_time("2026-11-23 07:00:00")  # Monday; the team works 8-12 and 13-17 (UTC)
class TestRescheduleRules(AftersalesCase):
    """DSP-1: a bar moved on the timeline goes through the reschedule rules: another
    technician of the team, in their working hours and not on leave; an overlap only
    when confirmed; the reason recorded and the customer told."""

    def setUp(self):
        super().setUp()
        self.customer.email = "customer@example.com"
        self.request = self.dispatched_request(scheduled_start=datetime(2026, 11, 23, 9, 0))

    def move(self, start, technician=None, **values):
        return (
            self.env["aftersales.reschedule.wizard"]
            .with_user(self.supervisor)
            .create(
                {
                    "request_id": self.request.id,
                    "new_start": start,
                    "technician_id": (technician or self.tech_a).id,
                    "reason": "Customer asked",
                    **values,
                }
            )
        )

    def test_to_another_technician_of_the_team_in_their_hours(self):
        self.move(datetime(2026, 11, 23, 14, 0), self.tech_b).action_confirm()
        self.assertEqual(
            (self.request.technician_id, self.request.scheduled_start),
            (self.tech_b, datetime(2026, 11, 23, 14, 0)),
        )
        told = self.request.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertIn("is moved to", told.body)

    def test_outside_the_team_outside_hours_or_on_leave_is_refused(self):
        with self.assertRefused(UserError, "not a technician of"):
            self.move(datetime(2026, 11, 23, 14, 0), self.outsider_tech).action_confirm()
        with self.assertRefused(UserError, "does not work at that time"):
            self.move(datetime(2026, 11, 23, 12, 0)).action_confirm()  # lunch
        self.give_leave(self.tech_b, datetime(2026, 11, 23, 13, 0), datetime(2026, 11, 23, 17, 0), "Leave")
        with self.assertRefused(UserError, "does not work at that time"):
            self.move(datetime(2026, 11, 23, 14, 0), self.tech_b).action_confirm()
        self.assertEqual(self.request.scheduled_start, datetime(2026, 11, 23, 9, 0))
        self.assertFalse(self.request.reschedule_ids)

    def test_an_overlap_only_when_confirmed(self):
        other = self.dispatched_request(technician=self.tech_b, scheduled_start=datetime(2026, 11, 23, 14, 0))
        wizard = self.move(datetime(2026, 11, 23, 14, 30), self.tech_b)
        self.assertEqual(wizard.conflicting_request_ids, other)
        with self.assertRefused(UserError, other.name):
            wizard.action_confirm()
        self.move(datetime(2026, 11, 23, 14, 30), self.tech_b, book_anyway=True).action_confirm()
        self.assertEqual(self.request.technician_id, self.tech_b)

    def test_the_timeline_rows_show_every_technician_their_hours_and_leaves(self):
        """DSP-1: idle technicians get a row too, with their working hours and leaves."""
        self.give_leave(self.tech_b, datetime(2026, 11, 23, 13, 0), datetime(2026, 11, 23, 17, 0), "Training")
        rows = (
            self.env["aftersales.request"]
            .with_user(self.supervisor)
            .get_timeline_rows("2026-11-23 00:00:00", "2026-11-24 00:00:00")
        )
        self.assertIn(self.tech_b.id, [row["id"] for row in rows["technicians"]], "idle, still a row")
        work_b = [(w["start"], w["end"]) for w in rows["work"] if w["group"] == self.tech_b.id]
        self.assertEqual(work_b, [("2026-11-23 08:00:00", "2026-11-23 12:00:00")])
        self.assertEqual(
            [(leave["group"], leave["name"]) for leave in rows["leaves"]], [(self.tech_b.id, "Training")]
        )
