from odoo import Command
from odoo.exceptions import AccessError, UserError

from .test_fees import FeesCase


class TestRepairPurchase(FeesCase):
    """RPR-9: a part missing on a repair is bought on the vendor's RFQ, linked to the
    repair; the technician and the supervisor are told when it is received."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.parts_manager_id = cls.clerk
        cls.vendor = cls.env["res.partner"].create({"name": "Board Supplier"})
        cls.board = cls.env["product.product"].create(
            {
                "name": "Main Board",
                "type": "consu",
                "is_storable": True,
                "seller_ids": [Command.create({"partner_id": cls.vendor.id, "price": 80.0})],
            }
        )

    def confirmed_repair(self, product=None, quantity=2.0):
        request = self.on_site_request()
        repair = self.env["repair.order"].browse(request.action_take_back()["res_id"])
        repair.user_id = self.tech_a
        repair.move_ids = [
            Command.create(
                {
                    "product_id": (product or self.board).id,
                    "product_uom_qty": quantity,
                    "repair_line_type": "add",
                }
            )
        ]
        repair.action_validate()
        return repair

    def test_shortage_puts_the_part_on_the_vendors_rfq(self):
        repair = self.confirmed_repair()
        line = repair.aftersales_purchase_line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual((line.product_id, line.product_qty), (self.board, 2.0))
        self.assertEqual(line.order_id.partner_id, self.vendor)
        self.assertEqual(line.order_id.state, "draft")
        self.assertIn(repair.name, line.order_id.origin)
        self.assertEqual(repair.aftersales_parts_state, "on_order")
        self.assertEqual(repair.aftersales_parts_orders, line.order_id.name)
        # the second repair short of the same part joins the vendor's open RFQ
        other = self.confirmed_repair(quantity=1.0)
        self.assertEqual(other.aftersales_purchase_line_ids.order_id, line.order_id)
        self.assertIn(other.name, line.order_id.origin)

    def test_a_part_already_on_order_is_not_ordered_twice(self):
        repair = self.confirmed_repair()
        with self.assertRefused(UserError, "already on order"):
            repair.action_order_missing_parts()
        self.assertEqual(
            len(self.env["purchase.order.line"].search([("aftersales_repair_id", "=", repair.id)])), 1
        )

    def test_a_part_without_vendor_stays_with_the_parts_administrator(self):
        orphan = self.env["product.product"].create(
            {"name": "Odd Gear", "type": "consu", "is_storable": True}
        )
        repair = self.confirmed_repair(product=orphan)
        self.assertFalse(repair.aftersales_purchase_line_ids)
        self.assertTrue(repair.activity_ids.filtered(lambda a: a.user_id == self.clerk))
        with self.assertRefused(UserError, "no vendor"):
            repair.action_order_missing_parts()

    def test_receipt_tells_the_technician_and_the_supervisor(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)
        self.supervisor.lang = "zh_CN"
        repair = self.confirmed_repair()
        order = repair.aftersales_purchase_line_ids.order_id
        order.button_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = 2.0
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(repair.aftersales_parts_state, "received")
        received = repair.activity_ids.filtered(lambda a: "received" in a.summary or "到货" in a.summary)
        self.assertEqual(received.user_id, self.tech_a | self.supervisor)
        by_user = {activity.user_id: activity.summary for activity in received}
        self.assertEqual(by_user[self.tech_a], f"Parts received for {repair.name}")
        self.assertEqual(by_user[self.supervisor], f"{repair.name} 的备件已到货")
        # a second receipt of the repair's parts does not tell them again
        repair._notify_parts_received()
        self.assertEqual(len(repair.activity_ids.filtered(lambda a: a.summary in by_user.values())), 2)

    def test_the_technician_sees_the_state_but_not_the_purchase_lines(self):
        repair = self.confirmed_repair()
        as_technician = repair.with_user(self.tech_a)
        as_technician.invalidate_recordset()
        self.assertEqual(as_technician.aftersales_parts_state, "on_order")
        self.assertTrue(as_technician.aftersales_parts_orders)
        with self.assertRaises(AccessError):
            as_technician.read(["aftersales_purchase_line_ids"])
