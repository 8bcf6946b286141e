from odoo import Command
from odoo.exceptions import AccessError, UserError

from .query_budget import QueryBudgetMixin
from .test_fees import FeesCase


class TestRequestPurchase(QueryBudgetMixin, FeesCase):
    """RPR-9 on site: a part the technician's van lacks is bought on the vendor's draft
    RFQ, linked to the request; a part already on order is refused; the receipt tells
    the technician and the supervisor, each in their language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Board Supplier"})
        cls.board = cls.env["product.product"].create(
            {
                "name": "Main Board",
                "type": "consu",
                "is_storable": True,
                "aftersales_spare_part": True,
                "seller_ids": [Command.create({"partner_id": cls.vendor.id, "price": 80.0})],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.board, cls.parts_location, 1)
        cls.receipt_type = cls.team._get_warehouse().in_type_id

    def short_request(self, quantity=3.0, product=None):
        """On site, using ``quantity`` boards where the van holds one."""
        request = self.on_site_request()
        request.part_ids = [Command.create({"product_id": (product or self.board).id, "quantity": quantity})]
        return request

    def receive(self, order):
        order.button_confirm()
        picking = order.picking_ids
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def load_zh_cn(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)

    def test_shortage_puts_the_part_on_the_vendors_rfq(self):
        request = self.short_request().with_user(self.tech_a)
        self.assertTrue(request.part_ids.is_short)
        self.assertTrue(request.aftersales_parts_to_order, "the button shows")
        request.action_order_missing_parts()

        line = request.sudo().aftersales_purchase_line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual((line.product_id, line.product_qty), (self.board, 2.0), "what the van lacks")
        self.assertEqual(line.aftersales_request_id, request)
        order = line.order_id
        self.assertEqual((order.partner_id, order.state), (self.vendor, "draft"))
        self.assertEqual(order.picking_type_id, self.receipt_type, "received at the team's warehouse")
        self.assertIn(request.name, order.origin)
        request.invalidate_recordset()
        self.assertEqual(request.aftersales_parts_state, "on_order")
        self.assertEqual(request.aftersales_parts_orders, order.name)
        self.assertFalse(request.aftersales_parts_to_order, "the button hides")

        # a repair short of the same part joins the vendor's open RFQ: one flow for both jobs
        repair = self.env["repair.order"].browse(self.on_site_request().action_take_back()["res_id"])
        repair.move_ids = [
            Command.create({"product_id": self.board.id, "product_uom_qty": 20.0, "repair_line_type": "add"})
        ]
        repair.action_validate()
        self.assertEqual(repair.aftersales_purchase_line_ids.order_id, order)
        self.assertIn(repair.name, order.origin)
        self.assertEqual(order.order_line.aftersales_request_id, request)

    def test_what_the_team_warehouse_holds_refills_the_van_and_is_not_bought(self):
        """FLD-3: the van is refilled from the team's warehouse; only the rest is bought."""
        self.env["stock.quant"]._update_available_quantity(self.board, self.warehouse_stock, 1)
        request = self.short_request(quantity=3.0).with_user(self.tech_a)
        request.action_order_missing_parts()
        line = request.sudo().aftersales_purchase_line_ids
        self.assertEqual(line.product_qty, 1.0, "3 used, 1 in the van, 1 in the warehouse")
        self.env["stock.quant"]._update_available_quantity(self.board, self.warehouse_stock, 5)
        other = self.short_request(quantity=3.0).with_user(self.tech_a)
        self.assertFalse(other.aftersales_parts_to_order, "the warehouse can refill the van")
        with self.assertRefused(UserError, "has no missing parts"):
            other.action_order_missing_parts()

    def test_a_line_the_van_covers_needs_no_purchase(self):
        request = self.short_request(quantity=1.0)
        self.assertFalse(request.part_ids.is_short)
        self.assertFalse(request.aftersales_parts_to_order)
        with self.assertRefused(UserError, "has no missing parts"):
            request.action_order_missing_parts()
        # two lines of the part together use more than the van holds
        request.part_ids = [Command.create({"product_id": self.board.id, "quantity": 1.0})]
        self.assertTrue(request.aftersales_parts_to_order)

    def test_a_part_already_on_order_is_refused_and_nothing_is_written(self):
        request = self.short_request().with_user(self.tech_a)
        request.action_order_missing_parts()
        order = request.sudo().aftersales_purchase_line_ids.order_id
        origin, lines = order.origin, order.order_line
        with self.assertRefused(UserError, f"already on order \\({order.name}\\): nothing was ordered again"):
            request.action_order_missing_parts()
        self.assertEqual(order.order_line, lines)
        self.assertEqual(order.origin, origin)
        self.assertEqual(
            self.env["purchase.order.line"].search_count([("aftersales_request_id", "=", request.id)]), 1
        )

    def test_refusals_are_in_the_users_language(self):
        self.load_zh_cn()
        self.tech_a.lang = "zh_CN"
        request = self.short_request().with_user(self.tech_a).with_context(lang="zh_CN")
        request.action_order_missing_parts()
        with self.assertRefused(UserError, "已在采购中.*未重复订购"):
            request.action_order_missing_parts()
        orphan = self.env["product.product"].create(
            {"name": "Odd Gear", "type": "consu", "is_storable": True}
        )
        no_vendor = self.short_request(product=orphan).with_user(self.tech_a).with_context(lang="zh_CN")
        with self.assertRefused(UserError, "Odd Gear.没有可订购的供应商"):
            no_vendor.action_order_missing_parts()
        self.assertFalse(
            self.env["purchase.order.line"].search([("aftersales_request_id", "=", no_vendor.id)])
        )

    def test_only_the_technician_of_the_job_orders_its_parts(self):
        request = self.short_request()
        with self.assertRefused(AccessError, "not to you"):
            request.with_user(self.tech_b).action_order_missing_parts()
        request.with_user(self.supervisor).action_order_missing_parts()
        self.assertEqual(request.aftersales_parts_state, "on_order")

    def test_receipt_tells_the_technician_and_the_supervisor_in_their_language(self):
        self.load_zh_cn()
        self.supervisor.lang = "zh_CN"
        request = self.short_request()
        request.with_user(self.tech_a).action_order_missing_parts()
        self.receive(request.aftersales_purchase_line_ids.order_id)

        self.assertEqual(request.with_user(self.tech_a).aftersales_parts_state, "received")
        received = request.activity_ids.filtered(lambda a: a.summary and request.name in a.summary)
        self.assertEqual(received.user_id, self.tech_a | self.supervisor)
        by_user = {activity.user_id: activity for activity in received}
        self.assertEqual(by_user[self.tech_a].summary, f"Parts received for {request.name}")
        self.assertEqual(by_user[self.supervisor].summary, f"{request.name} 的备件已到货")
        self.assertIn("Main Board", by_user[self.tech_a].note)
        # told once: another receipt round of nothing new tells nobody again
        request._notify_parts_received()
        self.assertEqual(
            request.activity_ids.filtered(lambda a: a.summary and request.name in a.summary), received
        )

    def test_parts_ordered_again_are_told_again(self):
        request = self.short_request()
        request.action_order_missing_parts()
        self.receive(request.aftersales_purchase_line_ids.order_id)
        self.assertTrue(request.parts_received_notified)
        drum = self.env["product.product"].create(
            {
                "name": "Drum Unit",
                "is_storable": True,
                "seller_ids": [Command.create({"partner_id": self.vendor.id})],
            }
        )
        request.part_ids = [Command.create({"product_id": drum.id, "quantity": 1.0})]
        request.action_order_missing_parts()
        self.assertEqual(request.aftersales_parts_state, "on_order")
        self.assertFalse(request.parts_received_notified)

    def test_the_technician_sees_the_state_but_not_the_purchase_lines(self):
        """The state and the PO names come from the request; the purchase lines stay
        with purchasing (the field needs purchase rights; Purchase has no menu for
        technicians)."""
        request = self.short_request()
        request.action_order_missing_parts()
        as_technician = request.with_user(self.tech_a)
        as_technician.invalidate_recordset()
        self.assertEqual(as_technician.aftersales_parts_state, "on_order")
        self.assertEqual(
            as_technician.aftersales_parts_orders, request.aftersales_purchase_line_ids.order_id.name
        )
        with self.assertRaises(AccessError):
            as_technician.read(["aftersales_purchase_line_ids"])
        purchase_menu = self.env.ref("purchase.menu_purchase_root")
        self.assertFalse(purchase_menu.with_user(self.tech_a)._filter_visible_menus())

    def test_the_purchase_line_shows_the_job(self):
        request = self.short_request()
        request.action_order_missing_parts()
        line = request.aftersales_purchase_line_ids
        arch = self.env["purchase.order"].get_view(self.env.ref("purchase.purchase_order_form").id)["arch"]
        self.assertIn('name="aftersales_job"', arch)
        self.assertEqual(line.aftersales_job, request)
        self.assertEqual(line.aftersales_job.display_name, request.name)

    def test_ordering_and_receiving_for_many_requests_queries(self):
        """One RFQ for many requests and one receipt for all of them: the notices issue
        as many queries for 20 requests as for 5; ordering adds only what Odoo's
        purchase line does for each line it creates (its analytic distribution model
        is looked up line by line)."""

        def requests(count):
            batch = self.env["aftersales.request"].browse()
            for _index in range(count):
                batch |= self.short_request()
            return batch

        def received(count):
            batch = requests(count)
            batch._order_missing_parts()
            self.receive(batch.aftersales_purchase_line_ids.order_id)
            # the boards received go out again: the next batch's vans can't be refilled
            Quant = self.env["stock.quant"]
            Quant._update_available_quantity(
                self.board,
                self.warehouse_stock,
                -Quant._get_available_quantity(self.board, self.warehouse_stock),
            )
            batch.activity_ids.unlink()
            batch.parts_received_notified = False
            return batch

        self.assertPerRecordQueries(requests, lambda batch: batch._order_missing_parts(), at_most=1)
        self.assertFlatQueries(received, lambda batch: batch._notify_parts_received())
