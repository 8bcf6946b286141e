"""Browser test of the on-site entry (SVC-6): time and parts lines on a request, and the
customer's hand-drawn signature."""

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOnSiteEntryTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.env.ref("base.user_admin")
        team = cls.env["aftersales.team"].create(
            {"name": "On-Site Tour Team", "member_ids": [Command.set([admin.id])]}
        )
        customer = cls.env["res.partner"].create(
            {
                "name": "On-Site Tour Customer",
                "phone": "+86 21 0000 0003",
                "street": "3 Tour Street",
                "aftersales_team_id": team.id,
            }
        )
        copier = cls.env["product.product"].create(
            {"name": "Tour Copier", "type": "consu", "aftersales_warranty_months": 12}
        )
        cls.toner = cls.env["product.product"].create(
            {"name": "Tour Toner", "type": "consu", "is_storable": True, "aftersales_spare_part": True}
        )
        equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": customer.id,
                "product_id": copier.id,
                "serial_number": "SN-ON-SITE",
                "purchase_date": "2020-01-01",
            }
        )
        cls.request = cls.env["aftersales.request"].create(
            {
                "partner_id": customer.id,
                "equipment_id": equipment.id,
                "symptom": "Toner smears",
                "call_time": "2026-11-16 09:00:00",
                "technician_id": admin.id,
            }
        )
        cls.request.action_dispatch()
        cls.request.action_arrive()

    def _phone_tour(self):
        """The time-then-part entry on the technician's phone."""
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/aftersales.request/{self.request.id}",
            "aftersales_phone_time_then_part_tour",
            login="admin",
        )

    def test_on_a_phone_a_part_row_follows_a_time_row(self):
        """Item: a part row added right after a time row vanished. On a phone the new time
        row opened its date cell's floating picker, which swallowed the next tap."""
        self._phone_tour()

    def test_time_and_part_lines_and_hand_drawn_signature(self):
        self.start_tour(
            f"/odoo/aftersales.request/{self.request.id}",
            "aftersales_on_site_entry_tour",
            login="admin",
            timeout=180,
        )
        self.assertEqual(self.request.time_spent, 1.0)
        self.assertEqual(self.request.part_ids.product_id, self.toner)
        self.assertEqual(self.request.signed_by, "Ms Zhou")
        self.assertTrue(self.request.signature)
