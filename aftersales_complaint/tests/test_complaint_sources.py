from freezegun import freeze_time

from .common import ComplaintCase


class TestComplaintSources(ComplaintCase):
    """CMP-1: complaints raised from a request, a survey answer or a callback; RPT-3
    complaint rate on the dashboard."""

    def test_survey_suggestion_becomes_a_registered_complaint(self):
        request = self.closed_request()
        user_input = self.send_surveys()
        self.answer(user_input, {"attitude": 1, "skill": 2, "arrival": 1, "promise": 1}, "Rude and late")
        complaint = user_input.aftersales_complaint_id
        self.assertEqual(complaint.source, "survey")
        self.assertEqual(complaint.request_id, request)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertIn("Rude and late", str(complaint.description))
        self.assertEqual(complaint.state, "new")

    def test_complaint_found_on_callback_is_registered(self):
        with freeze_time("2026-11-18 10:00:00"):
            request = self.closed_request()
            callback = request.callback_ids.with_user(self.clerk)
            callback.write(
                {
                    "result": "reached",
                    "satisfaction": "poor",
                    "complaint_found": True,
                    "complaint_note": "Still noisy",
                }
            )
            callback.action_record_outcome()
        complaint = callback.complaint_id
        self.assertEqual(complaint.source, "callback")
        self.assertEqual(complaint.user_id, self.clerk)
        self.assertIn("Still noisy", str(complaint.description))

    def test_one_click_from_the_request(self):
        request = self.closed_request()
        action = request.action_raise_complaint()
        self.assertEqual(action["res_model"], "aftersales.complaint")
        complaint = (
            self.env["aftersales.complaint"]
            .with_context(**action["context"])
            .create({"description": "<p>x</p>"})
        )
        self.assertEqual((complaint.partner_id, complaint.request_id), (self.customer, request))
        self.assertEqual(request.complaint_count, 1)

    def test_complaint_rate_on_the_dashboard(self):
        with_complaint, without = self.closed_request(), self.closed_request()
        self.new_complaint(request_id=with_complaint.id)
        self.env.flush_all()
        [[rate]] = self.env["aftersales.kpi"]._read_group(
            [("kind", "=", "request"), ("team_id", "=", self.team.id)], [], ["complaint_rate:avg"]
        )
        self.assertEqual(rate, 50.0)
        self.assertTrue(without)
