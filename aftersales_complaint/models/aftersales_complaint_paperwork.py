from odoo import fields, models
from odoo.exceptions import UserError

CONCLUSION_TEMPLATE = "aftersales_complaint.mail_template_complaint_conclusion"


class AftersalesComplaint(models.Model):
    """CMP-11: the paperwork of a complaint. The conclusion letter (函告) goes to the
    customer when the complaint is closed; a discount or compensation needs the
    discount certificate (销货折扣证明单) signed by the sales vice-president and the
    customer before its credit note is posted."""

    _inherit = "aftersales.complaint"

    discount_vp_id = fields.Many2one(
        "res.users", string="Signed By (Vice-President)", readonly=True, copy=False, tracking=True
    )
    discount_vp_signed_on = fields.Datetime(string="Vice-President Signed On", readonly=True, copy=False)
    discount_signature = fields.Image(
        string="Customer Signature", attachment=True, copy=False, max_width=1024, max_height=1024
    )
    discount_signed_by = fields.Char(string="Signed By (Customer)", readonly=True, copy=False)
    discount_signed_on = fields.Datetime(string="Customer Signed On", readonly=True, copy=False)
    discount_certificate_signed = fields.Boolean(compute="_compute_discount_certificate_signed")

    def _compute_discount_certificate_signed(self):
        for complaint in self:
            complaint.discount_certificate_signed = bool(
                complaint.discount_vp_id and complaint.discount_signature
            )

    def _needs_discount_certificate(self):
        self.ensure_one()
        return self.state in ("approved", "closed") and self.resolution_type in ("discount", "compensation")

    def action_sign_discount_certificate(self):
        """The sales vice-president of the company signs the discount certificate."""
        for complaint in self:
            if not complaint._needs_discount_certificate():
                raise UserError(
                    self.env._("%(complaint)s grants no approved discount to sign.", complaint=complaint.name)
                )
            if self.env.user != complaint.company_id.aftersales_sales_vp_id:
                raise UserError(
                    self.env._(
                        "Only the sales vice-president set on the company signs the discount certificate."
                    )
                )
        self.write({"discount_vp_id": self.env.user.id, "discount_vp_signed_on": fields.Datetime.now()})
        return True

    def _is_discount_signable_by_customer(self):
        self.ensure_one()
        return (
            self._needs_discount_certificate() and bool(self.discount_vp_id) and not self.discount_signature
        )

    def _sign_discount_by_customer(self, name, signature):
        """The customer signs the discount certificate in the portal."""
        self.ensure_one()
        if not self._is_discount_signable_by_customer():
            raise UserError(
                self.env._(
                    "The discount certificate of %(complaint)s cannot be signed now.", complaint=self.name
                )
            )
        if not (name or "").strip() or not signature:
            raise UserError(self.env._("Write your name and sign before confirming."))
        self.write(
            {
                "discount_signature": signature,
                "discount_signed_by": name.strip(),
                "discount_signed_on": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._("Discount certificate signed online by %(name)s.", name=name.strip()),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_close(self):
        result = super().action_close()
        self._send_conclusion_letter()
        return result

    def _send_conclusion_letter(self):
        """The conclusion letter (函告) to the customer, in their language, with its PDF."""
        template = self.env.ref(CONCLUSION_TEMPLATE)
        self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
