"""Browser test of the main flow in headless Chromium (SVC-1 → SVC-6)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestServiceFlowTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        technician = new_test_user(
            cls.env,
            "tour_tech",
            name="Tour Technician",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
        )
        cls.team = cls.env["aftersales.team"].create(
            {
                "name": "Tour Team",
                "member_ids": [Command.set([technician.id, cls.env.ref("base.user_admin").id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "street": "1 Tour Street",
                "phone": "+86 21 0000 0001",
                "aftersales_team_id": cls.team.id,
            }
        )
        copier = cls.env["product.product"].create(
            {
                "name": "Tour Copier",
                "type": "consu",
                "aftersales_warranty_months": 120,
            }
        )
        cls.equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": copier.id,
                "serial_number": "SN-TOUR",
                "purchase_date": "2026-01-01",
            }
        )
        cls.technician = technician

    def test_register_dispatch_sign_close(self):
        self.start_tour("/odoo", "aftersales_service_flow_tour", login="admin", timeout=180)
        request = self.env["aftersales.request"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "done")
        self.assertEqual(request.register_state, "cleared")
        self.assertEqual(request.category, "C")
        self.assertEqual(request.equipment_id, self.equipment)
        self.assertEqual(request.technician_id, self.technician)
        self.assertEqual(request.work_done, "Replaced the feed roller")
        self.assertEqual(request.time_spent, 1.5)
        self.assertEqual(request.signed_by, "Ms Zhou")
        self.assertTrue(request.signature)
        self.assertTrue(request.arrival_time)
