"""Browser test of a paid carry-in repair (RPR-7, RPR-9): the customer signs the
estimate on a phone, the workshop starts, the missing part is bought and received,
the repair ends."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRepairEstimateTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.env.ref("base.user_admin")
        team = cls.env["aftersales.team"].create(
            {"name": "Estimate Team", "supervisor_id": admin.id, "member_ids": [Command.set([admin.id])]}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Estimate Tour Customer",
                "phone": "+86 21 0000 0003",
                "email": "estimate.tour@example.com",
                "street": "3 Tour Street",
                "aftersales_team_id": team.id,
            }
        )
        cls.portal_user = new_test_user(
            cls.env,
            "estimate_portal",
            groups="base.group_portal",
            name=cls.customer.name,
            partner_id=cls.customer.id,
        )
        printer = cls.env["product.product"].create(
            {"name": "Tour Estimate Printer", "type": "consu", "aftersales_warranty_months": 12}
        )
        vendor = cls.env["res.partner"].create({"name": "Tour Parts Supplier"})
        cls.part = cls.env["product.product"].create(
            {
                "name": "Tour Fuser Unit",
                "type": "consu",
                "is_storable": True,
                "list_price": 300.0,
                "aftersales_spare_part": True,
                "seller_ids": [Command.create({"partner_id": vendor.id, "price": 180.0})],
            }
        )
        equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": printer.id,
                "serial_number": "SN-ESTIMATE",
                "purchase_date": "2020-01-01",
            }
        )
        request = cls.env["aftersales.request"].create(
            {
                "partner_id": cls.customer.id,
                "equipment_id": equipment.id,
                "symptom": "Fuser too hot",
                "call_time": "2026-11-16 09:00:00",
                "technician_id": admin.id,
            }
        )
        request.action_dispatch()
        request.action_arrive()
        cls.repair = cls.env["repair.order"].browse(request.action_take_back()["res_id"])
        cls.repair.move_ids = [
            Command.create({"product_id": cls.part.id, "product_uom_qty": 1.0, "repair_line_type": "add"})
        ]
        cls.repair.action_validate()
        cls.repair.estimate_labour_hours = 1.5
        cls.repair._send_estimate()

    def test_customer_signs_workshop_buys_the_part_and_ends_the_repair(self):
        repair, order = self.repair, self.repair.sale_order_id
        purchase_line = repair.aftersales_purchase_line_ids
        self.assertEqual(purchase_line.product_id, self.part, "the missing part is on the vendor's RFQ")

        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            f"/my/orders/{order.id}", "aftersales_repair_estimate_sign_tour", login="estimate_portal"
        )
        self.assertEqual(repair.old_parts_choice, "take_back")
        self.assertEqual(order.signed_by, self.customer.name)
        self.assertEqual(repair.estimate_state, "approved")

        self.browser_size = "1440x900"
        self.touch_enabled = False
        self.start_tour(
            f"/odoo/repair.order/{repair.id}", "aftersales_repair_estimate_start_tour", login="admin"
        )
        self.assertEqual(repair.state, "under_repair")

        self.start_tour(
            f"/odoo/purchase.order/{purchase_line.order_id.id}",
            "aftersales_repair_estimate_purchase_tour",
            login="admin",
        )
        self.assertEqual(purchase_line.qty_received, 1.0)
        self.assertEqual(repair.aftersales_parts_state, "received")
        self.assertIn(
            f"Parts received for {repair.name}", repair.activity_ids.mapped("summary"), "the workshop is told"
        )
        self.assertNotIn(
            f"Parts to purchase for {repair.name}",
            repair.activity_ids.mapped("summary"),
            "the purchase is done",
        )

        self.start_tour(
            f"/odoo/repair.order/{repair.id}", "aftersales_repair_estimate_end_tour", login="admin"
        )
        self.assertEqual(repair.state, "done")
        self.assertEqual(repair.move_ids.filtered(lambda m: m.product_id == self.part).state, "done")
