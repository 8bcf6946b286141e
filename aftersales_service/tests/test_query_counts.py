from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command

from .common import AftersalesCase
from .query_budget import QueryBudgetMixin


class TestQueryCounts(QueryBudgetMixin, AftersalesCase):
    """Query-count guard: registration, dispatch, close and the crons issue the same number
    of queries for 5 and for 20 records."""

    def new_vals(self, count, **values):
        base = datetime(2026, 11, 16, 9, 0)
        return [
            {
                "partner_id": self.customer.id,
                "equipment_id": self.equipment.id,
                "symptom": "Jam",
                "call_time": base + timedelta(minutes=index),
                **values,
            }
            for index in range(count)
        ]

    def registered(self, count):
        return self.env["aftersales.request"].create(self.new_vals(count))

    def dispatched(self, count):
        requests = self.registered(count)
        requests.technician_id = self.tech_a
        requests.action_dispatch()
        return requests

    def on_site(self, count):
        requests = self.dispatched(count)
        requests.action_arrive()
        requests.write({"work_done": "Fixed", "no_signature_reason": "Away"})
        return requests

    def test_registration(self):
        counts = self.assertFlatQueries(
            lambda count: self.new_vals(count),
            lambda vals: self.env["aftersales.request"].create(vals),
            ceiling=25,
        )
        self.assertTrue(counts)

    def test_dispatch(self):
        def dispatch(requests):
            requests.technician_id = self.tech_a
            requests.action_dispatch()

        # with the technician's notification of their new jobs (one for the batch)
        self.assertFlatQueries(self.registered, dispatch, ceiling=30)

    def test_close(self):
        """Closing also moves the machines' last service and next maintenance (CTR-6):
        one grouped read for all of them."""
        self.assertFlatQueries(self.on_site, lambda requests: requests.action_close(), ceiling=16)

    def test_close_paid_visits_with_sale_orders(self):
        """Paid (category A) visits: closing makes their quotations too. Odoo's sale
        order creation itself draws each order's reference from its sequence (2), reads
        the analytic distribution model of each line and the quotation documents of
        each order: 5 queries per order are Odoo's, none more may be ours."""
        self.equipment.purchase_date = "2020-01-01"  # out of warranty: category A
        self.on_site(2).action_close()
        counts = []
        for size in (5, 20):
            requests = self.on_site(size)
            counts.append(self.count_queries(requests.action_close))
        small, large = counts
        self.assertLessEqual((large - small) / 15, 5, f"per-order queries: {small} for 5, {large} for 20")

    @freeze_time("2026-11-18 10:00:00")
    def test_carry_over_cron(self):
        self.assertFlatQueries(
            self.registered, lambda requests: self.env["aftersales.request"]._cron_carry_over()
        )

    @freeze_time("2026-11-16 12:30:00")
    def test_escalation_cron(self):
        self.assertFlatQueries(
            self.dispatched, lambda requests: self.env["aftersales.request"]._cron_escalate()
        )

    def contracts(self, count, **values):
        equipment = self.env["aftersales.equipment"].create(
            [{"partner_id": self.customer.id, "product_id": self.copier.id} for _index in range(count)]
        )
        contracts = self.env["aftersales.contract"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "user_id": self.clerk.id,
                    "equipment_ids": [(6, 0, machine.ids)],
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                    "fee": 1200.0,
                    "billing_period": "quarterly",
                    **values,
                }
                for machine in equipment
            ]
        )
        contracts.action_activate()
        return contracts

    @freeze_time("2026-12-10 08:00:00")
    def test_contract_expiry_cron(self):
        """Each expiring contract's customer gets a personal notice: the mail and its PDF
        are rendered per contract (Odoo's mail composer and report engine); the cron's
        own bookkeeping (states, renewal activities) is set-based."""
        self.assertPerRecordQueries(
            self.contracts,
            lambda contracts: self.env["aftersales.contract"]._cron_update_states(),
            at_most=40,
        )

    @freeze_time("2026-03-25 08:00:00")
    def test_maintenance_plan_cron(self):
        """CTR-5: the due plan lines' visits are created in one batch, their working
        days read from each calendar once, their next dates written together."""

        def plan_lines(count):
            contracts = self.contracts(count)
            return self.env["aftersales.contract.plan"].create(
                [{"contract_id": c.id, "equipment_id": c.equipment_ids.id} for c in contracts]
            )

        def plan_visits(lines):
            # as the scheduler runs it: the chatter on
            Plan = self.env["aftersales.contract.plan"].with_context(tracking_disable=False)
            visits = Plan._cron_plan_visits()
            self.assertEqual(len(visits), len(lines))

        self.assertFlatQueries(plan_lines, plan_visits)

    @freeze_time("2026-04-01 08:00:00")
    def test_contract_invoice_cron(self):
        """One draft invoice per contract, created in one batch; what remains per record
        is account.move's own work on each invoice."""
        self.assertPerRecordQueries(
            self.contracts, lambda contracts: self.env["aftersales.contract"]._cron_invoice(), at_most=3
        )

    def test_part_stock_columns(self):
        """FLD-3: the part lines' stock columns (available where the line is taken
        from, and elsewhere) read all the lines' stock in one grouped query, however
        many lines, parts, vans and technicians."""
        Quant = self.env["stock.quant"]
        warehouse_stock = self.team._get_parts_location()
        vans = (self.tech_a | self.tech_b).mapped("aftersales_van_location_id")

        def part_lines(count):
            products = self.env["product.product"].create(
                [
                    {
                        "name": f"Part {index}",
                        "type": "consu",
                        "is_storable": True,
                        "aftersales_spare_part": True,
                    }
                    for index in range(count)
                ]
            )
            for product in products:
                Quant._update_available_quantity(product, warehouse_stock, 5)
                for van in vans:
                    Quant._update_available_quantity(product, van, 2)
            requests = self.registered(count)
            for index, request in enumerate(requests):
                request.technician_id = (self.tech_a, self.tech_b)[index % 2]
            requests.action_dispatch()
            requests.action_arrive()
            lines = self.env["aftersales.request.part"].create(
                [
                    {"request_id": request.id, "product_id": product.id, "quantity": 1}
                    for request, product in zip(requests, products, strict=True)
                ]
            )
            self.env.flush_all()
            self.env.cr.precommit.run()  # the dispatch's chatter is not what is measured
            return lines

        def read_stock_columns(lines):
            lines.mapped("available_qty")
            lines.mapped("available_elsewhere")

        self.assertFlatQueries(part_lines, read_stock_columns, ceiling=12)

    def machines_due(self, count):
        """``count`` machines whose first maintenance falls due this week (CTR-6)."""
        self.copier.write({"aftersales_maintenance_months": 6, "aftersales_first_maintenance_months": 3})
        self.customer.email = "urban@example.com"
        return self.env["aftersales.equipment"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "product_id": self.copier.id,
                    "serial_number": f"SN-DUE-{index}",
                    "purchase_date": "2026-09-01",
                }
                for index in range(count)
            ]
        )

    @freeze_time("2026-11-28 08:00:00")
    def test_maintenance_reminder_cron(self):
        """CTR-6: the search, the contract check, the bookkeeping and the customers'
        mails (rendered a chunk at a time) are set-based."""
        self.assertFlatQueries(
            self.machines_due,
            lambda machines: self.env["aftersales.equipment"]._cron_send_maintenance_reminders(),
            ceiling=40,
        )

    def test_equipment_from_delivery(self):
        """EQP-3: one search for the equipment already on file, one batch create,
        however many delivered units."""
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)
        customers = self.env.ref("stock.stock_location_customers")

        def delivered(count):
            picking = self.env["stock.picking"].create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "partner_id": self.customer.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.copier.id,
                                "product_uom_qty": 1,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": customers.id,
                            }
                        )
                        for __ in range(count)
                    ],
                }
            )
            picking.action_confirm()
            picking.move_ids.write({"quantity": 1, "picked": True})
            return picking.move_ids

        self.assertFlatQueries(delivered, lambda moves: moves._aftersales_create_equipment(), ceiling=15)
