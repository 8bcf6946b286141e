from odoo.exceptions import UserError

from .common import ComplaintCase


class TestComplaintResolution(ComplaintCase):
    """CMP-5 approval authority and CMP-6 resolutions in accounting and stock."""

    def test_authority_tiers(self):
        complaint = self.investigated(resolution_type="compensation", resolution_amount=8000)
        # the invoice is 1,000: the amount check comes after authority; use a big invoice
        self.invoice.button_draft()
        self.invoice.invoice_line_ids.price_unit = 10000
        self.invoice.action_post()
        with self.assertRefused(UserError, "above your approval authority"):
            complaint.with_user(self.manager).action_approve()
        self.assertEqual(complaint.state, "investigated")
        self.assertFalse(complaint.credit_note_id)
        with self.assertRefused(UserError, "above your approval authority"):
            complaint.with_user(self.clerk).action_approve()
        complaint.with_user(self.vice_president).action_approve()
        self.assertEqual(complaint.state, "approved")
        self.assertEqual(complaint.approved_by_id, self.vice_president)

        bigger = self.investigated(resolution_type="compensation", resolution_amount=60000)
        with self.assertRefused(UserError, "above your approval authority"):
            bigger.with_user(self.vice_president).action_approve()

    def test_compensation_becomes_a_linked_credit_note(self):
        complaint = self.investigated(resolution_type="discount", resolution_amount=150)
        complaint.with_user(self.manager).action_approve()
        credit_note = complaint.credit_note_id
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.partner_id, self.customer)
        self.assertEqual(credit_note.amount_total, 150)
        self.assertEqual(credit_note.aftersales_complaint_id, complaint)
        self.assertEqual(credit_note.state, "draft", "the accountant posts it")

    def test_credit_note_larger_than_the_invoice_is_refused(self):
        complaint = self.investigated(resolution_type="compensation", resolution_amount=1000.01)
        with self.assertRefused(UserError, "larger than what is left of invoice"):
            complaint.with_user(self.manager).action_approve()
        self.assertFalse(self.env["account.move"].search([("aftersales_complaint_id", "=", complaint.id)]))
        first = self.investigated(resolution_type="compensation", resolution_amount=600)
        first.with_user(self.manager).action_approve()
        second = self.investigated(resolution_type="compensation", resolution_amount=500)
        with self.assertRefused(UserError, "larger than what is left"):
            second.with_user(self.manager).action_approve()

    def test_return_picking_and_returned_quantity_for_finance(self):
        complaint = self.investigated(resolution_type="return", resolution_qty=3)
        complaint.with_user(self.manager).action_approve()
        picking = complaint.picking_id
        self.assertEqual(picking.picking_type_code, "incoming")
        self.assertEqual(picking.partner_id, self.customer)
        self.assertEqual(picking.move_ids.product_uom_qty, 3)
        self.assertEqual(complaint.return_qty_received, 0)
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
        complaint.invalidate_recordset(["return_qty_received"])
        self.assertEqual((complaint.resolution_qty, complaint.return_qty_received), (3, 2))

    def test_returning_more_than_delivered_is_refused(self):
        complaint = self.investigated(resolution_type="return", resolution_qty=11)
        with self.assertRefused(UserError, "only 10.0 were delivered"):
            complaint.with_user(self.manager).action_approve()
        self.assertFalse(complaint.picking_id)
        first = self.investigated(resolution_type="rework", resolution_qty=8)
        first.with_user(self.manager).action_approve()
        second = self.investigated(resolution_type="return", resolution_qty=3)
        with self.assertRefused(UserError, "only 2.0 were delivered"):
            second.with_user(self.manager).action_approve()

    def test_replacement_is_an_outgoing_delivery(self):
        complaint = self.investigated(resolution_type="replacement", resolution_qty=2)
        complaint.with_user(self.manager).action_approve()
        self.assertEqual(complaint.picking_id.picking_type_code, "outgoing")
        self.assertEqual(complaint.picking_id.move_ids.product_uom_qty, 2)

    def test_rejected_complaint_leaves_receivables_unchanged(self):
        residual = self.invoice.amount_residual
        complaint = self.investigated(resolution_type="rejected")
        complaint.with_user(self.clerk).action_approve()
        self.assertEqual(complaint.state, "approved")
        self.assertFalse(complaint.credit_note_id or complaint.picking_id)
        self.assertEqual(self.invoice.amount_residual, residual)
