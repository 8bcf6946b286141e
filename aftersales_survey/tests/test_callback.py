from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SurveyCase


@freeze_time("2026-11-18 10:00:00")
class TestCallback(SurveyCase):
    """SUR-4: a callback per closed request, retries, thank-you mail, follow-up,
    complaint found, manager confirmation."""

    def setUp(self):
        super().setUp()
        self.request = self.closed_request()
        self.callback = self.request.callback_ids

    def record(self, callback, user=None, **values):
        callback = callback.with_user(user or self.clerk)
        callback.write(values)
        callback.action_record_outcome()
        return callback

    def test_closing_plans_one_callback_for_the_team_agent(self):
        self.assertEqual(len(self.callback), 1)
        self.assertEqual(self.callback.user_id, self.clerk)
        self.assertEqual(self.callback.due_date, date(2026, 11, 21), "closed on the 18th, due 3 days later")
        self.assertEqual(self.callback.state, "todo")
        self.assertEqual(self.callback.partner_id, self.customer)

    def test_request_closed_by_the_return_of_its_product_gets_its_callback(self):
        """RPR-5: a request whose product went to the workshop is closed when the product
        is returned, and is called back like a visit closed on site."""
        request = self.create_request()
        request.action_verify()
        request.technician_id = self.tech_a
        request.action_dispatch()
        request.action_arrive()
        repair = self.env["repair.order"].browse(request.action_take_back()["res_id"])
        repair.action_validate()
        repair.action_repair_start()
        repair.action_request_inspection()
        repair.with_user(self.supervisor).action_inspection_pass()
        repair.action_repair_end()
        repair.return_no_signature_reason = "Signed the paper copy"
        repair.action_aftersales_return()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.callback_ids.user_id, self.clerk)

    def test_history_shows_the_equipment_earlier_requests(self):
        earlier = self.closed_request(call_time=datetime(2026, 11, 2, 9, 0))
        other_customer = self.create_request(partner_id=self.suburban_customer.id, equipment_id=False)
        self.assertIn(earlier, self.callback.history_request_ids)
        self.assertNotIn(self.request, self.callback.history_request_ids)
        self.assertNotIn(other_customer, self.callback.history_request_ids)

    def test_reached_keeps_the_outcome_and_the_caller(self):
        self.record(
            self.callback,
            result="reached",
            contact_person="Mr. Wang",
            product_working="yes",
            satisfaction="very_satisfied",
            next_maintenance_date="2027-02-01",
        )
        self.assertEqual(self.callback.state, "done")
        self.assertEqual(self.callback.caller_id, self.clerk)
        self.assertEqual(self.callback.call_time, datetime(2026, 11, 18, 10, 0))
        self.assertFalse(self.callback.next_callback_id)

    def test_outcome_without_result_is_refused(self):
        with self.assertRefused(UserError, "whether the customer was reached"):
            self.record(self.callback)
        self.assertEqual(self.callback.state, "todo")
        self.assertFalse(self.callback.caller_id)
        with self.assertRefused(UserError, "how satisfied"):
            self.record(self.callback, result="reached")
        self.assertEqual(self.callback.state, "todo")

    def test_not_reached_retries_next_day_then_sends_the_thank_you_mail(self):
        self.record(self.callback, result="not_reached")
        retry = self.callback.next_callback_id
        self.assertEqual(retry.kind, "retry")
        self.assertEqual(retry.attempt, 2)
        self.assertEqual(retry.due_date, date(2026, 11, 19))
        self.assertEqual(retry.user_id, self.clerk)
        self.assertFalse(self.callback.thank_you_sent)

        self.record(retry, result="not_reached")  # the team tries twice
        self.assertFalse(retry.next_callback_id, "no third attempt")
        self.assertTrue(retry.thank_you_sent)
        message = retry.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn("Thank you for choosing our service", message.subject)

    def test_follow_up_date_schedules_a_second_callback(self):
        self.record(self.callback, result="reached", satisfaction="satisfied", follow_up_date="2026-12-01")
        follow_up = self.callback.next_callback_id
        self.assertEqual(follow_up.kind, "follow_up")
        self.assertEqual(follow_up.due_date, date(2026, 12, 1))
        self.assertEqual(follow_up.state, "todo")
        with self.assertRefused(ValidationError, "due after this one"):
            follow_up.follow_up_date = "2026-11-30"

    def test_complaint_found_goes_to_the_supervisor(self):
        with self.assertRefused(UserError, "Write down the customer's complaint"):
            self.record(self.callback, result="reached", satisfaction="poor", complaint_found=True)
        self.assertFalse(self.callback.complaint_found, "the refused outcome left nothing written")
        self.record(
            self.callback,
            result="reached",
            satisfaction="poor",
            complaint_found=True,
            complaint_note="Noise is back after two days.",
        )
        activity = self.request.activity_ids
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertIn("Noise is back", str(activity.note))

    def test_manager_confirms_but_not_their_own_callback(self):
        self.record(self.callback, result="reached", satisfaction="satisfied")
        with self.assertRefused(UserError, "Only a service supervisor"):
            self.callback.with_user(self.clerk).action_confirm()
        self.callback.with_user(self.supervisor).action_confirm()
        self.assertEqual(self.callback.state, "confirmed")
        self.assertEqual(self.callback.confirmed_by_id, self.supervisor)

        own = self.closed_request().callback_ids
        self.record(own, user=self.supervisor, result="reached", satisfaction="satisfied")
        with self.assertRefused(UserError, "made this callback yourself"):
            own.with_user(self.supervisor).action_confirm()
        self.assertEqual(own.state, "done")

    def test_technicians_cannot_read_callbacks(self):
        with self.assertRaises(AccessError):
            self.callback.with_user(self.tech_a).read(["satisfaction"])
