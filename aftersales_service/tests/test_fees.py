from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form

from .common import AftersalesCase
from .test_completion import SIGNATURE


class FeesCase(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cash_journal = cls.env["account.journal"].create(
            {
                "name": "On-Site Cash",
                "code": "OSC",
                "type": "cash",
            }
        )
        cls.team.write({"labour_rate": 100.0, "travel_fee": 80.0, "cash_journal_id": cls.cash_journal.id})
        cls.old_equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.copier.id,
                "serial_number": "SN-OLD",
                "purchase_date": "2020-01-01",
            }
        )
        cls.stock_part = cls.env["product.product"].create(
            {
                "name": "Fuser Unit",
                "type": "consu",
                "is_storable": True,
                "list_price": 50.0,
                "taxes_id": [Command.clear()],
            }
        )
        for product in (cls.team.labour_product_id, cls.team.travel_product_id):
            product.taxes_id = [Command.clear()]
        # FLD-3: on site the parts come from the technician's van; in the workshop a
        # repair takes them from the team's warehouse
        cls.parts_location = cls.tech_a.aftersales_van_location_id
        cls.env["stock.quant"]._update_available_quantity(cls.stock_part, cls.parts_location, 10)
        cls.warehouse_stock = cls.team._get_parts_location()
        cls.env["stock.quant"]._update_available_quantity(cls.stock_part, cls.warehouse_stock, 10)

    def on_site_request(self, equipment=None, technician=None):
        request = self.dispatched_request(
            equipment_id=(equipment or self.old_equipment).id, technician=technician
        )
        request.action_arrive()
        return request

    def record_work(self, request, hours=2.0, part_qty=1.0):
        request.write(
            {
                "work_done": "Replaced the fuser",
                "time_entry_ids": [Command.create({"hours": hours, "user_id": request.technician_id.id})],
                "part_ids": [Command.create({"product_id": self.stock_part.id, "quantity": part_qty})],
                "signed_by": "Ms. Zhou",
                "signature": SIGNATURE,
            }
        )

    def stock_of(self, product):
        return self.env["stock.quant"]._get_available_quantity(product, self.parts_location)

    def collect(self, request, amount, method="cash"):
        self.env["aftersales.cash.wizard"].create(
            {
                "request_id": request.id,
                "amount": amount,
                "method": method,
            }
        ).action_confirm()


class TestFees(FeesCase):
    def test_paid_service_produces_a_quotation(self):
        """SVC-7: category A closes into a quotation: labour at the team's rate, the
        visit fee and the parts used."""
        request = self.on_site_request()
        self.assertEqual(request.category, "A")
        self.record_work(request, hours=2.0, part_qty=1.0)
        request.with_user(self.tech_a).action_close()
        order = request.sale_order_id
        self.assertTrue(order)
        self.assertEqual(order.state, "draft", "a quotation until the accountant confirms it")
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.aftersales_request_id, request)
        lines = {line.product_id: (line.product_uom_qty, line.price_unit) for line in order.order_line}
        self.assertEqual(lines[self.team.labour_product_id], (2.0, 100.0))
        self.assertEqual(lines[self.team.travel_product_id], (1.0, 80.0))
        self.assertEqual(lines[self.stock_part], (1.0, 50.0))
        self.assertEqual(order.amount_untaxed, 330.0)
        self.assertEqual(self.stock_of(self.stock_part), 9.0, "the part left stock on close")

    def test_accountant_path_end_to_end(self):
        """SVC-7: request → quotation → confirmed → invoice posted → the cash collected
        on site is reconciled → invoice paid; the part is not delivered twice."""
        request = self.on_site_request()
        self.record_work(request)
        request.action_close()
        order = request.sale_order_id
        self.collect(request, order.amount_total)
        payment = request.cash_payment_id
        self.assertIn(payment.state, ("in_process", "paid"), "a posted payment")
        self.assertEqual(payment.amount, order.amount_total)
        self.assertEqual(payment.journal_id, self.cash_journal)
        self.assertEqual(request.cash_state, "to_invoice")
        self.assertIn(request, self.env["aftersales.request"].search([("cash_state", "=", "to_invoice")]))

        # the accountant's clicks: Confirm, Create Invoice, Confirm
        order.action_confirm()
        self.assertFalse(order.picking_ids, "the part used on site is not delivered again")
        self.assertEqual(self.stock_of(self.stock_part), 9.0)
        part_line = order.order_line.filtered(lambda line: line.product_id == self.stock_part)
        self.assertEqual(part_line.qty_delivered, 1.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_total, order.amount_total)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(request.cash_state, "reconciled")
        self.assertNotIn(request, self.env["aftersales.request"].search([("cash_state", "=", "to_invoice")]))

        with self.assertRefused(UserError, ""):
            order._create_invoices()
        self.assertEqual(len(order.invoice_ids), 1, "invoicing twice is refused")

    def test_partial_cash_leaves_the_rest_due(self):
        request = self.on_site_request()
        self.record_work(request)
        request.action_close()
        self.collect(request, 100.0)
        order = request.sale_order_id
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, order.amount_total - 100.0)

    def test_cash_collected_after_the_invoice_is_reconciled_at_once(self):
        request = self.on_site_request()
        self.record_work(request)
        request.action_close()
        order = request.sale_order_id
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.collect(request, order.amount_total)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(request.cash_state, "reconciled")

    def test_cash_twice_or_negative_is_refused(self):
        """Bad input: a negative amount, and a second collection for the same request."""
        request = self.on_site_request()
        Payment = self.env["account.payment"]
        before = Payment.search_count([])
        for amount in (-10.0, 0.0):
            with self.assertRefused(UserError, "must be positive"):
                self.collect(request, amount)
        self.collect(request, 50.0)
        with self.assertRefused(UserError, "already collected"):
            self.collect(request, 50.0)
        self.assertEqual(Payment.search_count([]), before + 1)
        self.assertEqual(request.cash_amount, 50.0)

    def test_technician_closes_and_collects_without_sales_or_accounting_rights(self):
        request = self.on_site_request()
        self.record_work(request)
        request.with_user(self.tech_a).action_close()
        self.env["aftersales.cash.wizard"].with_user(self.tech_a).create(
            {
                "request_id": request.id,
                "amount": 30.0,
                "method": "wechat",
            }
        ).action_confirm()
        self.assertTrue(request.sale_order_id)
        self.assertEqual(request.cash_method, "wechat")

    def test_warranty_contract_and_internal_work_are_not_charged(self):
        """SVC-7: no sale order for C / B / D, but the parts still leave stock and show
        on the equipment history (RPR-6)."""
        for category in ("C", "B", "D"):
            request = self.on_site_request(equipment=self.equipment)
            if request.category != category:
                self.env["aftersales.category.wizard"].create(
                    {
                        "request_id": request.id,
                        "category": category,
                        "reason": "test",
                    }
                ).action_confirm()
            self.record_work(request)
            request.action_close()
            self.assertFalse(request.sale_order_id, category)
            with self.assertRefused(UserError, "not paid service"):
                self.collect(request, 10.0)
        self.assertEqual(self.stock_of(self.stock_part), 7.0)
        self.assertEqual(len(self.equipment.part_move_ids), 3)
        self.assertEqual(self.equipment.part_move_ids.product_id, self.stock_part)

    def test_closing_with_parts_out_of_stock_consumes_nothing(self):
        """Bad input: parts with no stock → clear message, nothing consumed, still open."""
        request = self.on_site_request()
        self.record_work(request, part_qty=25.0)
        with self.assertRefused(UserError, "Not enough parts in stock"):
            request.action_close()
        self.assertEqual(request.state, "in_progress")
        self.assertFalse(request.part_move_ids)
        self.assertFalse(request.sale_order_id)
        self.assertEqual(self.stock_of(self.stock_part), 10.0)

    def test_cash_defaults_to_the_amount_due(self):
        """SVC-7: the technician sees what is due on the request, and the on-site
        payment proposes it: labour at the team's rate, the visit fee and the parts."""
        request = self.on_site_request()
        self.assertEqual(request.amount_due, 80.0, "the visit fee is due as soon as the technician is there")
        self.record_work(request, hours=2.0, part_qty=1.0)
        self.assertEqual(request.with_user(self.tech_a).amount_due, 330.0)
        Wizard = self.env["aftersales.cash.wizard"].with_user(self.tech_a)
        wizard = Form(Wizard.with_context(default_request_id=request.id))
        self.assertEqual(wizard.amount, 330.0)
        wizard.method = "alipay"
        wizard.save().action_confirm()
        self.assertEqual(request.cash_amount, 330.0)
        views = request.with_user(self.tech_a).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        self.assertTrue(arch.xpath("//page[@name='fees']//field[@name='amount_due']"), "shown on the request")

    def test_amount_due_is_what_the_quotation_charges(self):
        """SVC-7: the due amount uses the prices the quotation will use (the customer's
        pricelist, the taxes), so what is collected on site settles the invoice."""
        tax = self.env["account.tax"].create({"name": "VAT 13%", "amount": 13.0, "type_tax_use": "sale"})
        self.stock_part.taxes_id = tax
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Key Accounts",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.stock_part.id,
                            "compute_price": "fixed",
                            "fixed_price": 40.0,
                        }
                    )
                ],
            }
        )
        self.customer.property_product_pricelist = pricelist
        request = self.on_site_request()
        self.record_work(request, hours=1.5, part_qty=2.0)
        due_on_site = request.amount_due
        # 1.5 h x 100 + 80 + 2 x 40 x 1.13
        self.assertAlmostEqual(due_on_site, 150.0 + 80.0 + 90.4)
        request.action_close()
        order = request.sale_order_id
        self.assertEqual(order.amount_total, due_on_site)
        self.assertEqual(request.amount_due, order.amount_total)
        self.collect(request, request.amount_due)
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "paid")

    def test_nothing_is_due_for_unpaid_categories(self):
        request = self.on_site_request(equipment=self.equipment)
        self.assertEqual(request.category, "C")
        self.record_work(request)
        self.assertEqual(request.amount_due, 0.0)

    def test_part_lines_show_availability(self):
        request = self.on_site_request()
        self.record_work(request)
        self.assertEqual(request.part_ids.available_qty, 10.0)
