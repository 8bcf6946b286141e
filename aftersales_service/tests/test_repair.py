from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import freeze_time
from odoo.tools.safe_eval import safe_eval

from .common import approve_estimate
from .test_completion import SIGNATURE
from .test_fees import FeesCase


class TestRepair(FeesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parts_manager = cls.clerk
        cls.team.parts_manager_id = cls.parts_manager
        cls.parts_location = cls.warehouse_stock  # the workshop's parts, not a van's

    def taken_back(self, equipment=None):
        request = self.on_site_request(equipment=equipment)
        action = request.action_take_back()
        return request, self.env["repair.order"].browse(action["res_id"])

    def repaired(self, equipment=None, parts=0.0, hours=0.0):
        request, repair = self.taken_back(equipment)
        if parts:
            repair.move_ids = [
                Command.create(
                    {
                        "product_id": self.stock_part.id,
                        "product_uom_qty": parts,
                        "repair_line_type": "add",
                    }
                )
            ]
        repair.action_validate()
        if not repair.under_warranty:
            approve_estimate(repair, hours)
        repair.action_repair_start()
        if hours:
            repair.aftersales_time_entry_ids = [
                Command.create({"hours": hours, "user_id": self.tech_a.id, "description": "Bench test"})
            ]
        repair.action_request_inspection()
        repair.with_user(self.supervisor).action_inspection_pass()
        repair.action_repair_end()
        return request, repair

    def render(self, report, repair):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(report, repair.ids)
        return html.decode()

    def test_take_back_creates_the_linked_repair_and_receipt(self):
        """RPR-1: one button creates the repair order for the request's equipment and
        issues the pickup receipt."""
        request, repair = self.taken_back()
        self.assertEqual(repair.aftersales_request_id, request)
        self.assertEqual(repair.aftersales_equipment_id, self.old_equipment)
        self.assertEqual((repair.partner_id, repair.product_id), (self.customer, self.copier))
        self.assertFalse(repair.under_warranty, "paid service: a paid repair")
        self.assertEqual(repair.pickup_receipt_state, "valid")
        self.assertTrue(repair.goods_in_date)
        self.assertEqual(request.repair_ids, repair)
        self.assertIn(repair, self.old_equipment.repair_ids)
        html = self.render("aftersales_service.report_pickup_receipt", repair)
        self.assertIn(repair.name, html)
        self.assertIn("Pickup Receipt", html)
        self.assertNotIn("receipt_void", html)
        with self.assertRefused(UserError, "already in the workshop"):
            request.action_take_back()

    def test_warranty_repair_is_under_warranty(self):
        _request, repair = self.taken_back(equipment=self.equipment)
        self.assertTrue(repair.under_warranty)

    def test_goods_register_lists_held_goods_and_overdue(self):
        """RPR-2: goods held are listed until returned; late ones are overdue."""
        _request, repair = self.taken_back()
        repair.storage_location = "Shelf B-3"
        Repair = self.env["repair.order"]
        self.assertIn(repair, Repair.search([("is_goods_held", "=", True)]))
        self.assertNotIn(repair, Repair.search([("is_overdue", "=", True)]))
        repair.schedule_date = fields.Datetime.now() - timedelta(hours=1)
        self.assertIn(repair, Repair.search([("is_overdue", "=", True)]))

    def test_repair_card_shows_real_time_and_parts(self):
        """RPR-3: the repair card lists each technician's time and the replaced parts."""
        _request, repair = self.repaired(parts=2.0, hours=1.5)
        repair.aftersales_time_entry_ids = [
            Command.create({"hours": 0.5, "user_id": self.tech_b.id, "description": "Cleaning"})
        ]
        self.assertEqual(repair.aftersales_time_spent, 2.0)
        html = self.render("aftersales_service.report_repair_card", repair)
        for expected in (
            "Repair Card",
            "Bench test",
            "Cleaning",
            "01:30",
            "02:00",
            "Fuser Unit",
            self.tech_b.name,
        ):
            self.assertIn(expected, html)

    def test_inspection_is_enforced(self):
        """RPR-4: no end of repair without the supervisor's pass; failing sends it back
        to repair with the reason kept."""
        _request, repair = self.taken_back()
        repair.action_validate()
        approve_estimate(repair)
        repair.action_repair_start()
        with self.assertRefused(UserError, "must pass the supervisor's inspection"):
            repair.action_repair_end()
        repair.action_request_inspection()
        with self.assertRefused(UserError, "Only a service supervisor"):
            repair.with_user(self.tech_a).action_inspection_pass()
        self.env["aftersales.inspection.wizard"].with_user(self.supervisor).create(
            {
                "repair_id": repair.id,
                "reason": "Still streaks on the test page",
            }
        ).action_confirm()
        self.assertEqual(repair.inspection_state, "failed")
        self.assertEqual(repair.state, "under_repair")
        self.assertIn("Still streaks", repair.message_ids[0].body)
        with self.assertRefused(UserError, "must pass the supervisor's inspection"):
            repair.action_repair_end()
        repair.action_request_inspection()
        repair.with_user(self.supervisor).action_inspection_pass()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(repair.inspected_by_id, self.supervisor)

    def test_return_voids_the_receipt(self):
        """RPR-5: return date, signature, pickup receipt voided (VOID on a reprint)."""
        request, repair = self.taken_back()
        with self.assertRefused(UserError, "must be repaired and pass inspection"):
            repair.action_aftersales_return()
        repair.action_validate()
        approve_estimate(repair)
        repair.action_repair_start()
        repair.action_request_inspection()
        repair.with_user(self.supervisor).action_inspection_pass()
        repair.action_repair_end()
        with self.assertRefused(UserError, "the customer signs"):
            repair.action_aftersales_return()
        self.assertFalse(repair.goods_out_date)
        self.assertEqual(repair.pickup_receipt_state, "valid")
        repair.write({"return_signed_by": "Ms. Zhou", "return_signature": SIGNATURE})
        repair.action_aftersales_return()
        self.assertTrue(repair.goods_out_date)
        self.assertEqual(repair.pickup_receipt_state, "void")
        self.assertFalse(repair.is_goods_held)
        self.assertIn("receipt_void", self.render("aftersales_service.report_pickup_receipt", repair))
        self.assertIn("voucher filed", request.message_ids[0].body)
        with self.assertRefused(UserError, "already returned"):
            repair.action_aftersales_return()

    def test_return_after_failed_inspection_is_refused(self):
        _request, repair = self.taken_back()
        repair.action_validate()
        approve_estimate(repair)
        repair.action_repair_start()
        repair.action_request_inspection()
        repair.with_user(self.supervisor)._inspection_fail("Noise")
        repair.return_no_signature_reason = "Customer not present"
        with self.assertRefused(UserError, "must be repaired and pass inspection"):
            repair.action_aftersales_return()
        self.assertFalse(repair.goods_out_date)

    def test_paid_repair_is_invoice_ready_on_return(self):
        """RPR-5 / SVC-7: a paid repair gets a confirmed sale order with its parts and
        the repair card's labour on the day of return; warranty repairs get none."""
        _request, repair = self.repaired(parts=1.0, hours=1.5)
        self.assertEqual(self.stock_of(self.stock_part), 9.0, "RPR-6: the part was consumed")
        repair.return_no_signature_reason = "Signed the paper copy"
        repair.action_aftersales_return()
        order = repair.sale_order_id
        self.assertEqual(order.state, "sale")
        lines = {line.product_id: (line.product_uom_qty, line.price_unit) for line in order.order_line}
        self.assertEqual(lines[self.team.labour_product_id], (1.5, 100.0))
        self.assertEqual(lines[self.stock_part][0], 1.0)
        invoice = order._create_invoices()
        self.assertEqual(invoice.amount_untaxed, 150.0 + 50.0)
        self.assertIn(self.stock_part, self.old_equipment.part_move_ids.product_id)

        _request, warranty_repair = self.repaired(equipment=self.equipment, parts=1.0)
        warranty_repair.return_no_signature_reason = "Signed the paper copy"
        warranty_repair.action_aftersales_return()
        self.assertFalse(warranty_repair.sale_order_id)

    def test_missing_parts_raise_a_purchase_need_and_block_consumption(self):
        """RPR-6: a part out of stock gives the parts administrator an activity, and the
        repair cannot consume it (clear message, nothing consumed)."""
        scarce = self.env["product.product"].create(
            {"name": "Main Board", "type": "consu", "is_storable": True}
        )
        _request, repair = self.taken_back()
        repair.move_ids = [
            Command.create(
                {
                    "product_id": scarce.id,
                    "product_uom_qty": 1,
                    "repair_line_type": "add",
                }
            )
        ]
        repair.action_validate()
        todo = repair.activity_ids.filtered(lambda a: a.user_id == self.parts_manager)
        self.assertEqual(len(todo), 1)
        self.assertIn("Main Board", todo.note)
        approve_estimate(repair)
        repair.action_repair_start()
        repair.action_request_inspection()
        repair.with_user(self.supervisor).action_inspection_pass()
        with self.assertRefused(UserError, "Not enough parts in stock"):
            repair.action_repair_end()
        self.assertEqual(repair.state, "under_repair")
        self.assertFalse(repair.move_ids.filtered(lambda m: m.state == "done"))

    def test_repair_escalation_before_and_on_the_promised_date(self):
        """SVC-9 for repairs: one activity the day before, one once late."""
        _request, repair = self.taken_back()
        repair.schedule_date = fields.Datetime.now() + timedelta(days=3)
        activity_type = self.env.ref("aftersales_service.mail_activity_type_sla_escalation")

        def escalations():
            return repair.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

        Repair = self.env["repair.order"]
        Repair._cron_escalate_repairs()
        self.assertFalse(escalations())
        with freeze_time(fields.Datetime.now() + timedelta(days=2, hours=12)):
            Repair._cron_escalate_repairs()
            Repair._cron_escalate_repairs()
        self.assertEqual(len(escalations()), 1)
        self.assertEqual(escalations().user_id, self.supervisor)
        with freeze_time(fields.Datetime.now() + timedelta(days=4)):
            Repair._cron_escalate_repairs()
            Repair._cron_escalate_repairs()
        self.assertEqual(len(escalations()), 2)

    def test_take_back_puts_the_request_in_the_workshop(self):
        """RPR-1: after the take-back the request shows it is in the workshop, its
        appointment leaves the calendars and the portal, the take-back button goes
        away, and the SLA cron no longer escalates it (taken back before arrival)."""
        request = self.dispatched_request(equipment_id=self.old_equipment.id)
        request.scheduled_start = fields.Datetime.now() + timedelta(hours=2)
        request.action_take_back()
        self.assertEqual(request.state, "in_repair")
        self.assertEqual(request.register_state, "open", "not closed before the product is returned")
        self.assertFalse(request.scheduled_start, "no appointment left on the technician's calendar")
        appointments = self.env["aftersales.request"].search(
            [("technician_id", "=", self.tech_a.id), ("scheduled_start", "!=", False)]
        )
        self.assertNotIn(request, appointments)
        board = self.env.ref("aftersales_service.action_aftersales_request_dispatch")
        self.assertNotIn(request, self.env["aftersales.request"].search(safe_eval(board.domain)))
        form = self.env["aftersales.request"].get_view(
            self.env.ref("aftersales_service.view_aftersales_request_form").id
        )
        button = etree.fromstring(form["arch"]).xpath("//button[@name='action_take_back']")[0]
        self.assertTrue(safe_eval(button.get("invisible"), {"state": request.state}))
        self.assertTrue(request._is_signable_by_customer(), "the customer can still sign the voucher")
        with freeze_time("2026-11-17 10:00:00"):
            self.assertNotIn(request, self.env["aftersales.request"]._cron_escalate())

    def test_return_closes_the_request_in_the_workshop(self):
        """RPR-5: once the product is returned, the request is closed and its register
        entry cleared."""
        request, repair = self.repaired()
        self.assertEqual(request.state, "in_repair")
        repair.write({"return_signed_by": "Ms. Zhou", "return_signature": SIGNATURE})
        repair.action_aftersales_return()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.register_state, "cleared")
        self.assertTrue(request.close_time)

    def test_cancelled_repair_puts_the_request_back_on_site(self):
        request, repair = self.taken_back()
        repair.action_repair_cancel()
        self.assertEqual(request.state, "in_progress")
        request.action_take_back()
        self.assertEqual(request.state, "in_repair", "it can be taken back again")
