"""RPR-7: a paid carry-in repair starts only after the customer signed its estimate in
the portal; a changed estimate needs a new signature; the old parts' fate is printed."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ESTIMATE_SIGNATURE, approve_estimate
from .test_fees import FeesCase


@tagged("post_install", "-at_install")
class TestRepairEstimate(FeesCase, HttpCase):
    def taken_back(self, equipment=None):
        request = self.on_site_request(equipment=equipment)
        repair = self.env["repair.order"].browse(request.action_take_back()["res_id"])
        repair.move_ids = [
            Command.create(
                {"product_id": self.stock_part.id, "product_uom_qty": 1.0, "repair_line_type": "add"}
            )
        ]
        repair.action_validate()
        return repair

    def choose_old_parts(self, order, choice, token=None):
        self.env.invalidate_all()
        return self.make_jsonrpc_request(
            f"/my/orders/{order.id}/old_parts",
            {"access_token": token or order.access_token, "choice": choice},
        )

    def sign(self, order, token=None, name="Ms. Zhou", old_parts="dispose"):
        if old_parts:
            self.assertNotIn("error", self.choose_old_parts(order, old_parts, token))
        self.env.invalidate_all()
        return self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"access_token": token or order.access_token, "name": name, "signature": ESTIMATE_SIGNATURE},
        )

    def test_paid_repair_starts_only_after_the_signed_estimate(self):
        repair = self.taken_back()
        self.assertEqual(repair.estimate_state, "todo")
        with self.assertRefused(UserError, "the customer must sign the estimate"):
            repair.action_repair_start()
        self.assertEqual(repair.state, "confirmed")

        repair.estimate_labour_hours = 2.0
        repair._send_estimate()
        order = repair.sale_order_id
        self.assertEqual((order.state, order.require_signature), ("sent", True))
        self.assertEqual(order.commitment_date, repair.schedule_date, "the expected completion date")
        lines = {line.product_id: (line.product_uom_qty, line.price_unit) for line in order.order_line}
        self.assertEqual(lines[self.team.labour_product_id], (2.0, 100.0))
        self.assertEqual(lines[self.stock_part][0], 1.0)
        with self.assertRefused(UserError, "the customer must sign the estimate"):
            repair.action_repair_start()

        self.assertNotIn("error", self.sign(order))
        self.env.invalidate_all()
        self.assertEqual(order.signed_by, "Ms. Zhou")
        self.assertEqual(order.state, "sale")
        self.assertEqual(repair.estimate_state, "approved")
        self.assertTrue(repair.estimate_approved_on)
        repair.action_repair_start()
        self.assertEqual(repair.state, "under_repair")

    def test_wrong_token_is_refused_and_writes_nothing(self):
        repair = self.taken_back()
        repair._send_estimate()
        order = repair.sale_order_id
        result = self.sign(order, token="not-the-token", old_parts=None)
        self.assertEqual(result.get("error"), "Invalid order.")
        self.assertEqual(
            self.choose_old_parts(order, "dispose", token="not-the-token").get("error"), "Invalid order."
        )
        self.assertFalse(repair.old_parts_choice)
        order.invalidate_recordset()
        self.assertFalse(order.signature)
        self.assertEqual(order.state, "sent")
        self.assertEqual(repair.estimate_state, "sent")
        self.assertFalse(repair.estimate_digest)
        self.url_open(f"/my/orders/{order.id}?access_token=not-the-token", allow_redirects=False)
        with self.assertRefused(UserError, "the customer must sign the estimate"):
            repair.action_repair_start()

    def test_changed_estimate_needs_a_new_signature(self):
        repair = self.taken_back()
        order = approve_estimate(repair, hours=1.0)
        self.assertEqual(repair.estimate_state, "approved")
        # the workshop finds one more part is needed: the quotation follows the repair
        repair.move_ids.filtered(lambda m: m.product_id == self.stock_part).product_uom_qty = 2.0
        self.assertEqual(repair.estimate_state, "changed")
        with self.assertRefused(UserError, "changed after the customer signed it"):
            repair.action_repair_start()
        # approving again without a new signature is refused, nothing written
        signed_on = order.signed_on
        result = self.sign(order, name="Someone Else", old_parts=None)
        self.assertIn("error", result)
        order.invalidate_recordset()
        self.assertEqual((order.signed_by, order.signed_on), ("Customer", signed_on))
        self.assertEqual(repair.estimate_state, "changed")

        repair._send_estimate()
        self.assertEqual((order.state, bool(order.signature)), ("sent", False))
        self.assertEqual(repair.estimate_state, "sent")
        self.assertNotIn("error", self.sign(order))
        self.assertEqual(repair.estimate_state, "approved")
        repair.action_repair_start()
        self.assertEqual(repair.state, "under_repair")

    def test_warranty_repair_needs_no_estimate(self):
        repair = self.taken_back(equipment=self.equipment)
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.estimate_state, "none")
        repair.action_repair_start()
        self.assertEqual(repair.state, "under_repair")
        self.assertFalse(repair.sale_order_id)
        with self.assertRefused(UserError, "needs no estimate"):
            repair._send_estimate()

    def test_the_customer_chooses_the_old_parts_fate_before_signing(self):
        repair = self.taken_back()
        repair._send_estimate()
        order = repair.sale_order_id
        page = self.url_open(f"/my/orders/{order.id}?access_token={order.access_token}").text
        self.assertIn("What should we do with the replaced parts?", page)
        self.assertIn('value="take_back"', page)
        self.assertIn(repair.name, page, "the estimate names the repair")

        result = self.sign(order, old_parts=None)
        self.assertEqual(result.get("error"), "Choose what becomes of your replaced parts before signing.")
        self.env.invalidate_all()
        self.assertFalse(order.signature)
        self.assertEqual(repair.estimate_state, "sent")

        self.assertEqual(
            self.choose_old_parts(order, "melt").get("error"),
            "This estimate cannot take a choice for the old parts now.",
        )
        self.assertNotIn("error", self.choose_old_parts(order, "take_back"))
        self.assertNotIn("error", self.sign(order, old_parts=None))
        self.env.invalidate_all()
        self.assertEqual(repair.old_parts_choice, "take_back")
        self.assertEqual(repair.estimate_state, "approved")
        # once signed, the choice holds: the portal no longer changes it
        self.assertTrue(self.choose_old_parts(order, "dispose").get("error"))
        self.env.invalidate_all()
        self.assertEqual(repair.old_parts_choice, "take_back")
        page = self.url_open(f"/my/orders/{order.id}?access_token={order.access_token}").text
        self.assertIn("Customer Takes Them Back", page)

    def test_old_parts_choice_is_printed(self):
        repair = self.taken_back()
        repair.old_parts_choice = "take_back"
        for report in ("aftersales_service.report_repair_card", "aftersales_service.report_pickup_receipt"):
            html, _format = self.env["ir.actions.report"]._render_qweb_html(report, repair.ids)
            self.assertIn("Customer Takes Them Back", html.decode())
        repair.old_parts_choice = "dispose"
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_service.report_repair_card", repair.ids
        )
        self.assertIn("Dispose of Them", html.decode())

    def test_service_staff_see_the_estimate_of_any_salesperson(self):
        """The supervisor opens a paid repair whose quotation another user made; a plain
        salesperson still sees only their own quotations."""
        repair = self.taken_back()
        repair._send_estimate()
        order = repair.sale_order_id
        self.assertNotEqual(order.user_id, self.supervisor)
        self.assertEqual(repair.with_user(self.supervisor).estimate_state, "sent")
        self.env.invalidate_all()
        self.assertEqual(
            self.env["sale.order"].with_user(self.supervisor).search([("id", "=", order.id)]), order
        )
        self.assertTrue(order.with_user(self.supervisor).order_line.mapped("price_subtotal"))
        seller = new_test_user(self.env, "estimate_seller", groups="sales_team.group_sale_salesman")
        self.assertFalse(self.env["sale.order"].with_user(seller).search([("id", "=", order.id)]))
