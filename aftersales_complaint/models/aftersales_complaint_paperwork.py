from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, formatLang

CONCLUSION_TEMPLATE = "aftersales_complaint.mail_template_complaint_conclusion"
# the resolutions that take goods back from the customer (seed: 退货、重处理)
RETURN_SLIP_TYPES = ("return", "rework")


class AftersalesComplaint(models.Model):
    """CMP-11: the paperwork of a complaint. The conclusion letter (函告) goes to the
    customer when the complaint is closed; a discount or compensation needs the
    discount certificate (销货折扣证明单) signed by the sales vice-president and the
    customer before its credit note is posted. An approved return (or rework) gets the
    product return slip (产品退货单) the warehouse receives against and finance checks."""

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

    def _check_return_slip(self):
        """The product return slip is printed for an approved return or rework only:
        before that there is no approved quantity for the warehouse to receive."""
        for complaint in self:
            approved = (
                complaint.state in ("approved", "closed") and complaint.resolution_type in RETURN_SLIP_TYPES
            )
            if not (approved and complaint.picking_id):
                raise UserError(
                    self.env._(
                        "%(complaint)s has no approved return: the product return slip is printed once a "
                        "return or a rework is approved.",
                        complaint=complaint.name,
                    )
                )

    def _return_slip_lots(self):
        """The lots or serial numbers received on the return transfer, else the complaint's."""
        self.ensure_one()
        received = self.picking_id.move_line_ids.filtered(lambda line: line.state == "done").lot_id
        return received or self.lot_id

    def _return_check_alert(self):
        """The alert of the credit note for the returned goods: the approved quantity
        beside what the return transfer actually received."""
        self.ensure_one()
        uom = self.product_id.uom_id.name

        def quantity(value):
            return f"{formatLang(self.env, value, dp='Product Unit')} {uom}"

        values = {
            "complaint": self.name,
            "approved": quantity(self.resolution_qty),
            "product": self.product_id.display_name,
            "picking": self.picking_id.name,
        }
        if self.picking_id.state != "done":
            message = self.env._(
                "Complaint %(complaint)s approved the return of %(approved)s of %(product)s: nothing is received "
                "yet on %(picking)s.",
                **values,
            )
            return {"level": "warning", "message": message}
        message = self.env._(
            "Complaint %(complaint)s approved the return of %(approved)s of %(product)s: %(received)s actually "
            "received on %(picking)s.",
            received=quantity(self.return_qty_received),
            **values,
        )
        short = float_compare(self.return_qty_received, self.resolution_qty, precision_digits=6) != 0
        return {"level": "warning" if short else "info", "message": message}

    def action_close(self):
        result = super().action_close()
        self._send_conclusion_letter()
        return result

    def _send_conclusion_letter(self):
        """The conclusion letter (函告) to the customer, in their language, with its PDF."""
        template = self.env.ref(CONCLUSION_TEMPLATE)
        self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
