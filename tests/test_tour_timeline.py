"""DSP-1 in a real browser: dragging an appointment on the dispatcher's timeline goes
through the reschedule dialog, which records the reason and tells the customer."""

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTimelineTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        supervisor = new_test_user(
            cls.env, "t_timeline_sup", groups="base.group_user,aftersales_service.group_aftersales_supervisor"
        )
        technician = new_test_user(
            cls.env,
            "t_timeline_tech",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
        )
        idle = new_test_user(
            cls.env,
            "t_timeline_idle",
            name="Idle Technician",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
        )
        # round the clock, so that wherever the bar lands the technician works
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Round the clock",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 0, "hour_to": 24}
                    )
                    for day in range(7)
                ],
            }
        )
        team = cls.env["aftersales.team"].create(
            {
                "name": "Timeline Team",
                "resource_calendar_id": calendar.id,
                "supervisor_id": supervisor.id,
                "member_ids": [Command.set([supervisor.id, technician.id, idle.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Timeline Customer",
                "phone": "+86 21 0000 0011",
                "street": "11 Bar Street",
                "aftersales_team_id": team.id,
            }
        )
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        cls.request = cls.env["aftersales.request"].create(
            {
                "partner_id": cls.customer.id,
                "symptom": "Jams",
                "call_time": now,
                "technician_id": technician.id,
                "scheduled_start": now,
                "planned_hours": 1.0,
            }
        )
        cls.request.action_verify()
        cls.request.action_dispatch()
        # SVC-12: the customers' answers to the reminder, shown on the bars and the cards
        cls.request.confirmation_state = "confirmed"
        change_customer = cls.env["res.partner"].create(
            {
                "name": "Change Customer",
                "phone": "+86 21 0000 0013",
                "street": "13 Later Lane",
                "aftersales_team_id": team.id,
            }
        )
        cls.change_asked = cls.env["aftersales.request"].create(
            {
                "partner_id": change_customer.id,
                "symptom": "Noisy",
                "call_time": now,
                "technician_id": supervisor.id,
                "scheduled_start": now,
                "planned_hours": 1.0,
            }
        )
        cls.change_asked.action_verify()
        cls.change_asked.action_dispatch()
        cls.change_asked.confirmation_state = "change_asked"
        queue_customer = cls.env["res.partner"].create(
            {
                "name": "Queue Customer",
                "phone": "+86 21 0000 0012",
                "street": "12 Queue Road",
                "aftersales_team_id": team.id,
            }
        )
        cls.waiting = cls.env["aftersales.request"].create(
            {"partner_id": queue_customer.id, "symptom": "Waiting", "call_time": now, "planned_hours": 1.0}
        )

    def test_dragging_a_bar_reschedules_with_the_reason(self):
        self.browser_size = "1440x900"
        before = self.request.scheduled_start
        self.start_tour("/odoo/dispatch-timeline", "aftersales_timeline_tour", login="t_timeline_sup")
        self.assertGreater(self.request.scheduled_start, before, "moved later")
        (log,) = self.request.reschedule_ids
        self.assertEqual(log.reason, "The customer is out until noon")
        self.assertTrue(
            self.request.message_ids.filtered(lambda m: self.customer in m.partner_ids and "moved" in m.body),
            "the customer is told",
        )
        self.assertTrue(self.waiting.technician_id, "assigned from the queue beside the timeline")
        self.assertTrue(self.waiting.scheduled_start)
        self.assertFalse(self.request.confirmation_state, "the new time is to be confirmed anew")

    def test_the_board_shows_the_customers_answers(self):
        """SVC-12: the dispatch board's cards show confirmed / change asked."""
        self.browser_size = "1440x900"
        self.start_tour("/odoo/dispatch-board", "aftersales_board_confirmation_tour", login="t_timeline_sup")
