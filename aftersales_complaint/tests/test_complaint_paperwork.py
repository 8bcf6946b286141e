from lxml import html as lxml_html

from odoo.exceptions import UserError

from .common import ComplaintCase

LETTER = "aftersales_complaint.action_report_complaint_letter"
CERTIFICATE = "aftersales_complaint.action_report_discount_certificate"
SIGNATURE = "R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw=="


class TestComplaintPaperwork(ComplaintCase):
    """CMP-11: the conclusion letter to the customer and the signed discount certificate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.aftersales_sales_vp_id = cls.vice_president

    def discounted(self):
        complaint = self.investigated(resolution_type="discount", resolution_amount=80)
        complaint.with_user(self.general_manager).action_approve()
        return complaint

    def test_closing_mails_the_conclusion_letter(self):
        complaint = self.investigated(resolution_type="rejected")
        complaint.action_approve()
        self.finish_tasks_and_visit(complaint)
        complaint.action_close()
        message = complaint.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn("Conclusion Letter", message.attachment_ids.name)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(LETTER, complaint.ids)
        doc = lxml_html.fromstring(html.decode())
        self.assertIn(self.env.company.name, doc.get_element_by_id("letterhead").text_content())
        self.assertIn(self.customer.name, doc.get_element_by_id("letter_addressee").text_content())
        # the letter, not the internal form: the conclusion, no responsibility or penalty
        self.assertIn("Wrong toner batch", doc.get_element_by_id("letter_conclusion").text_content())
        self.assertNotIn("Responsible", doc.text_content())
        self.assertEqual(self.env.ref(LETTER).get_paperformat().format, "A4")

    def test_credit_note_waits_for_both_signatures(self):
        complaint = self.discounted()
        credit_note = complaint.credit_note_id
        with self.assertRefused(UserError, "discount certificate"):
            credit_note.action_post()
        self.assertEqual(credit_note.state, "draft")
        complaint.with_user(self.vice_president).action_sign_discount_certificate()
        with self.assertRefused(UserError, "discount certificate"):
            credit_note.action_post()
        complaint._sign_discount_by_customer("王经理", SIGNATURE)
        credit_note.action_post()
        self.assertEqual(credit_note.state, "posted")

    def test_only_the_companys_vice_president_signs(self):
        complaint = self.discounted()
        with self.assertRefused(UserError, "sales vice-president"):
            complaint.with_user(self.general_manager).action_sign_discount_certificate()
        self.assertFalse(complaint.discount_vp_id)

    def test_customer_signs_after_the_vice_president(self):
        complaint = self.discounted()
        with self.assertRefused(UserError, "cannot be signed now"):
            complaint._sign_discount_by_customer("王经理", SIGNATURE)
        self.assertFalse(complaint.discount_signature)

    def test_certificate_is_a4_with_both_signature_boxes(self):
        complaint = self.discounted()
        complaint.with_user(self.vice_president).action_sign_discount_certificate()
        complaint._sign_discount_by_customer("王经理", SIGNATURE)
        self.assertEqual(self.env.ref(CERTIFICATE).get_paperformat().format, "A4")
        html, _format = self.env["ir.actions.report"]._render_qweb_html(CERTIFICATE, complaint.ids)
        doc = lxml_html.fromstring(html.decode())
        self.assertIn(self.env.company.name, doc.get_element_by_id("letterhead").text_content())
        boxes = doc.get_element_by_id("certificate_signature").text_content()
        self.assertIn(self.vice_president.name, boxes)
        self.assertIn("王经理", boxes)

    def test_receiving_more_than_approved_is_refused(self):
        complaint = self.investigated(resolution_type="return", resolution_qty=3)
        complaint.with_user(self.manager).action_approve()
        picking = complaint.picking_id
        self.assertEqual(picking.aftersales_approved_qty, 3)
        picking.move_ids.quantity = 4
        picking.move_ids.picked = True
        with self.assertRefused(UserError, "4 received on .* is more than the 3 approved"):
            picking.button_validate()
        self.assertNotEqual(picking.state, "done")
        self.assertEqual(complaint.return_qty_received, 0)
