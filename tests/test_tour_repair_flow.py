"""Browser test of the carry-in repair and its invoice (RPR-1 → RPR-5, SVC-7)."""

from odoo import Command
from odoo.addons.aftersales_service.tests.common import ESTIMATE_SIGNATURE
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRepairFlowTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.env.ref("base.user_admin")
        team = cls.env["aftersales.team"].create(
            {
                "name": "Workshop Team",
                "supervisor_id": admin.id,
                "member_ids": [Command.set([admin.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Repair Tour Customer",
                "phone": "+86 21 0000 0002",
                "email": "repair.tour@example.com",
                "street": "2 Tour Street",
                "aftersales_team_id": team.id,
            }
        )
        printer = cls.env["product.product"].create(
            {
                "name": "Tour Printer",
                "type": "consu",
                "aftersales_warranty_months": 12,
            }
        )
        cls.env["product.product"].create(
            {"name": "Tour Spare Roller", "type": "consu", "list_price": 40.0, "aftersales_spare_part": True}
        )
        equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": printer.id,
                "serial_number": "SN-REPAIR",
                "purchase_date": "2020-01-01",
            }
        )
        cls.request = cls.env["aftersales.request"].create(
            {
                "partner_id": cls.customer.id,
                "equipment_id": equipment.id,
                "symptom": "Does not feed paper",
                "call_time": "2026-11-16 09:00:00",
                "technician_id": admin.id,
            }
        )
        cls.request.action_dispatch()
        cls.request.action_arrive()

    def test_take_back_repair_inspect_return_invoice(self):
        self.start_tour(
            f"/odoo/aftersales.request/{self.request.id}",
            "aftersales_repair_flow_tour",
            login="admin",
            timeout=180,
        )
        repair = self.request.repair_ids
        # RPR-7: the customer signs the estimate in the portal, with the link of the mail
        order = repair.sale_order_id
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.require_signature)
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/old_parts", {"access_token": order.access_token, "choice": "dispose"}
        )
        self.assertNotIn("error", result)
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"access_token": order.access_token, "name": "Ms. Tour", "signature": ESTIMATE_SIGNATURE},
        )
        self.assertNotIn("error", result)
        self.assertEqual(repair.estimate_state, "approved")
        self.start_tour(
            f"/odoo/repair.order/{repair.id}",
            "aftersales_repair_flow_return_tour",
            login="admin",
            timeout=180,
        )
        self.assertEqual(len(repair), 1)
        self.assertEqual(repair.state, "done")
        self.assertEqual(repair.inspection_state, "passed")
        self.assertEqual(repair.pickup_receipt_state, "void")
        self.assertTrue(repair.goods_out_date)
        invoice = repair.sale_order_id.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_line_ids.product_id.name, "Tour Spare Roller")
        self.assertEqual(invoice.amount_untaxed, 40.0)
        self.assertEqual(invoice.partner_id, self.customer)
