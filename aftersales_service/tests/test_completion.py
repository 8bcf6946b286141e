import base64
from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import AftersalesCase

# a 1x1 PNG: what the signature widget stores
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)


class TestCompletion(AftersalesCase):
    def on_site_request(self):
        request = self.dispatched_request()
        request.with_user(self.tech_a).action_arrive()
        return request

    def test_arrival_is_recorded(self):
        """SVC-6: arriving puts the request on site with the arrival time."""
        request = self.on_site_request()
        self.assertEqual(request.state, "in_progress")
        self.assertTrue(request.arrival_time)

    def test_arrival_before_the_call_is_refused(self):
        """Bad input: arrival earlier than the call."""
        request = self.dispatched_request(call_time=datetime(2026, 11, 23, 9, 0))
        with self.assertRefused(ValidationError, "cannot arrive before the customer called"):
            request.arrival_time = datetime(2026, 11, 23, 8, 0)
        self.assertFalse(request.arrival_time)

    def test_negative_or_zero_time_is_refused(self):
        """Bad input: negative time spent."""
        request = self.on_site_request()
        for hours in (-1.0, 0.0):
            with self.assertRefused(ValidationError, "positive number of hours"):
                request.write(
                    {"time_entry_ids": [Command.create({"hours": hours, "user_id": self.tech_a.id})]}
                )
        self.assertFalse(request.time_entry_ids)
        self.assertEqual(request.time_spent, 0.0)

    def test_close_with_signature_clears_the_register_entry(self):
        """SVC-6: work, time and parts are recorded, the customer signs, the request
        closes and its register entry is cleared (注销)."""
        request = self.on_site_request()
        request.with_user(self.tech_a).write(
            {
                "work_done": "Replaced the feed roller",
                "time_entry_ids": [
                    Command.create({"hours": 1.5, "user_id": self.tech_a.id}),
                    Command.create({"hours": 0.5, "user_id": self.tech_a.id}),
                ],
                "part_ids": [Command.create({"product_id": self.part.id, "quantity": 2})],
                "signed_by": "Ms. Zhou",
                "signature": SIGNATURE,
            }
        )
        self.assertEqual(request.time_spent, 2.0)
        self.assertTrue(request.signed_on)
        request.with_user(self.tech_a).action_close()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.register_state, "cleared")
        self.assertTrue(request.close_time)
        open_register = self.env["aftersales.request"].search([("register_state", "=", "open")])
        self.assertNotIn(request, open_register)

    def test_close_without_signature_needs_a_reason(self):
        """Bad input: closing with neither a signature nor a reason."""
        request = self.on_site_request()
        request.work_done = "Cleaned"
        with self.assertRefused(UserError, "signature"):
            request.action_close()
        self.assertEqual(request.state, "in_progress")
        self.assertEqual(request.register_state, "open")
        request.no_signature_reason = "Customer left before the end; signs the paper copy"
        request.action_close()
        self.assertEqual(request.state, "done")

    def test_close_before_arrival_or_without_work_is_refused(self):
        request = self.dispatched_request()
        request.no_signature_reason = "n/a"
        with self.assertRefused(UserError, "once the technician is on site"):
            request.action_close()
        request.action_arrive()
        with self.assertRefused(UserError, "Describe the work done"):
            request.action_close()
        self.assertEqual(request.state, "in_progress")

    def test_negative_part_quantity_is_refused(self):
        request = self.on_site_request()
        with self.assertRefused(ValidationError, "must be positive"):
            request.write({"part_ids": [Command.create({"product_id": self.part.id, "quantity": -1})]})
        self.assertFalse(request.part_ids)

    def test_signed_or_closed_requests_are_archived_not_deleted(self):
        """Records with signatures are archived, never deleted."""
        request = self.on_site_request()
        request.write({"work_done": "Done", "signature": SIGNATURE})
        with self.assertRefused(UserError, "archive them"):
            request.unlink()
        request.action_close()
        request.action_archive()
        self.assertFalse(request.active)

    def test_voucher_shows_what_the_technician_needs(self):
        """SVC-3: the voucher carries number, customer, product, category, symptom,
        work, time, parts and the signature box."""
        request = self.on_site_request()
        request.write(
            {
                "work_done": "Replaced the feed roller",
                "time_entry_ids": [Command.create({"hours": 1.25, "user_id": self.tech_a.id})],
                "part_ids": [Command.create({"product_id": self.part.id, "quantity": 2})],
                "signed_by": "Ms. Zhou",
                "signature": SIGNATURE,
            }
        )
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_service.report_service_voucher", request.ids
        )
        html = html.decode()
        for expected in (
            request.name,
            "Urban Customer",
            "Copier",
            "SN-0001",
            "Paper jam",
            "Replaced the feed roller",
            "01:15",
            "Roller",
            "Ms. Zhou",
            "Customer Signature",
            "data:image/png;base64",
        ):
            self.assertIn(expected, html)
