from datetime import date, datetime

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time

from .common import AftersalesCase


class TestContract(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.clerk
        cls.contract = cls.env["aftersales.contract"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.salesperson.id,
                "equipment_ids": [Command.set(cls.equipment.ids)],
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "fee": 1200.0,
                "billing_period": "quarterly",
                "visit_allowance": 2,
            }
        )
        cls.contract.action_activate()

    def test_requests_on_covered_equipment_are_contract_service(self):
        """SVC-2 / CTR-1: an open contract on the call date makes the request B."""
        request = self.create_request(call_time=datetime(2026, 11, 16, 9, 0))
        self.assertEqual(request.category, "B")
        self.assertEqual(request.contract_id, self.contract)
        after_end = self.create_request(call_time=datetime(2027, 1, 5, 9, 0))
        self.assertEqual(after_end.category, "C", "contract over, still in warranty")
        self.assertFalse(after_end.contract_id)

    def test_visits_beyond_the_allowance_are_flagged(self):
        first, second, third = (
            self.create_request(call_time=datetime(2026, 11, d, 9, 0)) for d in (16, 17, 18)
        )
        self.assertFalse(first.over_allowance)
        self.assertFalse(second.over_allowance)
        self.assertTrue(third.over_allowance)
        self.assertEqual(self.contract.visit_count, 3)

    def test_contract_ending_before_it_starts_is_refused(self):
        Contract = self.env["aftersales.contract"]
        before = Contract.search_count([])
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            Contract.create(
                {
                    "partner_id": self.customer.id,
                    "date_start": date(2026, 5, 1),
                    "date_end": date(2026, 4, 1),
                }
            )
        self.assertEqual(Contract.search_count([]), before)

    def test_overlapping_open_contracts_on_the_same_equipment_are_refused(self):
        other = self.env["aftersales.contract"].create(
            {
                "partner_id": self.customer.id,
                "equipment_ids": [Command.set(self.equipment.ids)],
                "date_start": date(2026, 6, 1),
                "date_end": date(2027, 5, 31),
            }
        )
        with self.assertRefused(ValidationError, "already covered by"):
            other.action_activate()
        self.assertEqual(other.state, "draft")

    def test_expiry_notice_sent_once(self):
        """CTR-3: one month before the end the customer gets the notice (mail + PDF)
        once, and the salesperson an activity, however often the cron runs."""
        Contract = self.env["aftersales.contract"]
        with freeze_time("2026-11-15"):
            Contract._cron_update_states()
        self.assertEqual(self.contract.state, "active", "not yet within 30 days")
        with freeze_time("2026-12-05"):
            Contract._cron_update_states()
            Contract._cron_update_states()
        self.assertEqual(self.contract.state, "expiring")
        self.assertTrue(self.contract.expiry_notice_sent)
        notices = self.contract.message_ids.filtered(lambda m: "ends on" in (m.subject or ""))
        self.assertEqual(len(notices), 1)
        self.assertIn(self.customer, notices.partner_ids)
        self.assertTrue(notices.attachment_ids, "the PDF notice is attached")
        activities = self.contract.activity_ids.filtered(lambda a: a.user_id == self.salesperson)
        self.assertEqual(len(activities), 1)
        # written for the salesperson, in their language
        salesperson_env = self.env(context={"lang": self.salesperson.lang})
        self.assertEqual(
            activities.summary, salesperson_env._("Win the renewal of %(c)s", c=self.contract.name)
        )
        with freeze_time("2027-01-02"):
            Contract._cron_update_states()
        self.assertEqual(self.contract.state, "expired")

    def test_a_backlog_of_expiry_notices_is_sent_in_batches(self):
        """Each notice renders its own PDF, so a run sends a bounded batch and
        asks the scheduler to run again at once while notices are waiting."""
        Contract = self.env["aftersales.contract"]
        machine = self.env["aftersales.equipment"].create(
            {"partner_id": self.customer.id, "product_id": self.copier.id, "serial_number": "SN-BATCH-2"}
        )
        second = Contract.create(
            {
                "partner_id": self.customer.id,
                "equipment_ids": [Command.set(machine.ids)],
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
            }
        )
        second.action_activate()
        cron = "aftersales_service.ir_cron_aftersales_contract_states"
        with freeze_time("2026-12-05"):
            progress = self.run_cron(cron, "_cron_update_states", batch_size=1)
            self.assertGreater(progress["remaining"], 0, "another run at once")
            self.assertEqual(sorted((self.contract | second).mapped("state")), ["active", "expiring"])
            progress = self.run_cron(cron, "_cron_update_states", batch_size=1)
        self.assertEqual((self.contract | second).mapped("state"), ["expiring", "expiring"])
        self.assertEqual(progress["remaining"], 0, "no more runs")

    def test_renewal_creates_the_successor_and_keeps_the_chain(self):
        """CTR-4."""
        action = self.contract.action_renew()
        successor = self.env["aftersales.contract"].browse(action["res_id"])
        self.assertEqual(self.contract.state, "renewed")
        self.assertEqual(self.contract.successor_id, successor)
        self.assertEqual(successor.predecessor_id, self.contract)
        self.assertEqual((successor.date_start, successor.date_end), (date(2027, 1, 1), date(2027, 12, 31)))
        self.assertEqual(successor.equipment_ids, self.equipment)
        self.assertEqual(successor.state, "draft")
        self.assertEqual(successor.renewal_order_id.amount_untaxed, 1200.0)
        with self.assertRefused(UserError, "already renewed"):
            self.contract.action_renew()
        successor.action_activate()
        self.assertEqual(successor.state, "active")

    def test_recurring_invoice_with_the_right_amounts(self):
        """CTR-2: the fee is invoiced on schedule, once per period."""
        Contract = self.env["aftersales.contract"]
        with freeze_time("2026-01-01"):
            invoices = Contract._cron_invoice()
            Contract._cron_invoice()
        mine = invoices.filtered(lambda m: m.aftersales_contract_id == self.contract)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.move_type, "out_invoice")
        self.assertEqual(mine.partner_id, self.customer)
        self.assertEqual(mine.amount_untaxed, 1200.0)
        self.assertEqual(self.contract.next_invoice_date, date(2026, 4, 1))
        with freeze_time("2026-04-01"):
            Contract._cron_invoice()
        self.assertEqual(len(self.contract.invoice_ids), 2)
        self.assertEqual(self.contract.next_invoice_date, date(2026, 7, 1))
