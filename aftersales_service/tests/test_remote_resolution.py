from datetime import datetime

from odoo.exceptions import UserError

from .test_fees import FeesCase


class TestRemoteResolution(FeesCase):
    """SVC-10: technical support solves a request by phone or remote help; it closes
    as a visit closes (register cleared, paid support quoted at the team's rate)."""

    def resolve(self, request, solution="Reset the paper tray sensor by phone", hours=0.5, user=None):
        wizard = (
            self.env["aftersales.remote.wizard"]
            .with_user(user or self.clerk)
            .create({"request_id": request.id, "solution": solution, "hours": hours})
        )
        return wizard.action_confirm()

    def test_remote_resolution_closes_and_clears_register(self):
        request = self.create_request()
        self.assertEqual(request.register_state, "open")
        self.resolve(request)
        self.assertEqual(request.state, "done")
        self.assertEqual(request.register_state, "cleared", "the register entry is cleared")
        self.assertTrue(request.resolved_remotely)
        self.assertEqual(request.work_done, "Reset the paper tray sensor by phone")
        self.assertEqual(request.time_entry_ids.user_id, self.clerk)
        self.assertEqual(request.time_spent, 0.5)
        self.assertTrue(request.close_time)

    def test_dispatched_request_not_yet_on_the_way_can_be_resolved(self):
        request = self.dispatched_request()
        self.resolve(request)
        self.assertEqual(request.state, "done")

    def test_on_site_request_refused(self):
        request = self.on_site_request()
        with self.assertRefused(UserError, "cannot be resolved remotely"):
            self.resolve(request)
        self.assertEqual(request.state, "in_progress")
        self.assertFalse(request.resolved_remotely)

    def test_technician_on_the_way_refused(self):
        request = self.dispatched_request()
        request.on_my_way_time = datetime(2026, 11, 16, 10, 0)
        with self.assertRefused(UserError, "cannot be resolved remotely"):
            request.action_open_remote_resolution()

    def test_solution_and_time_required(self):
        request = self.create_request()
        with self.assertRefused(UserError, "Describe the solution"):
            self.resolve(request, solution="   ")
        with self.assertRefused(UserError, "time spent"):
            self.resolve(request, hours=0)
        self.assertEqual(request.state, "new")
        self.assertFalse(request.time_entry_ids)

    def test_paid_remote_support_quoted_at_team_rate(self):
        self.team.remote_support_rate = 60.0
        request = self.create_request(equipment_id=self.old_equipment.id)
        self.assertEqual(request.category, "A")
        self.resolve(request, hours=1.5)
        lines = request.sale_order_id.order_line
        self.assertEqual(lines.product_id, self.team.labour_product_id, "no visit fee, no parts")
        self.assertEqual(lines.product_uom_qty, 1.5)
        self.assertEqual(lines.price_unit, 60.0)

    def test_free_remote_support_without_rate(self):
        request = self.create_request(equipment_id=self.old_equipment.id)
        self.resolve(request)
        self.assertFalse(request.sale_order_id, "no rate: remote support is free")

    def test_kpi_remote_resolution_rate(self):
        self.resolve(self.create_request())
        self.on_site_request().write({"work_done": "x", "no_signature_reason": "test"})
        on_site = self.env["aftersales.request"].search(
            [("state", "=", "in_progress"), ("team_id", "=", self.team.id)]
        )
        on_site.action_close()
        self.env.flush_all()
        [(rate,)] = self.env["aftersales.kpi"]._read_group(
            [("team_id", "=", self.team.id), ("kind", "=", "request")], [], ["remote_resolution_rate:avg"]
        )
        self.assertEqual(rate, 50.0)
