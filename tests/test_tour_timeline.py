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
        now = fields.Datetime.now().replace(second=0, microsecond=0)

        def customer(name, number):
            return cls.env["res.partner"].create(
                {
                    "name": name,
                    "phone": f"+86 21 0000 00{number}",
                    "street": f"{number} Bar Street",
                    "aftersales_team_id": team.id,
                }
            )

        def appointment(partner, symptom, user, confirmation_state):
            booked = cls.env["aftersales.request"].create(
                {
                    "partner_id": partner.id,
                    "symptom": symptom,
                    "call_time": now,
                    "technician_id": user.id,
                    "scheduled_start": now,
                    "planned_hours": 1.0,
                }
            )
            booked.action_verify()
            booked.action_dispatch()
            # SVC-12: the customer's answer to the reminder, shown on the bars and the cards
            booked.confirmation_state = confirmation_state
            return booked

        cls.customer = customer("Timeline Customer", 11)
        cls.request = appointment(cls.customer, "Jams", technician, "confirmed")
        cls.change_asked = appointment(customer("Change Customer", 13), "Noisy", supervisor, "change_asked")
        cls.waiting = cls.env["aftersales.request"].create(
            {
                "partner_id": customer("Queue Customer", 12).id,
                "symptom": "Waiting",
                "call_time": now,
                "planned_hours": 1.0,
            }
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
