from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint",
        string="Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint whose discount or compensation this credit note grants.",
    )

    def _post(self, soft=True):
        # CMP-11: a complaint's credit note waits for its signed discount certificate
        for move in self.filtered("aftersales_complaint_id"):
            complaint = move.sudo().aftersales_complaint_id
            if not complaint.discount_certificate_signed:
                raise UserError(
                    self.env._(
                        "The credit note of %(complaint)s can be posted once its discount certificate "
                        "is signed by the sales vice-president and the customer.",
                        complaint=complaint.name,
                    )
                )
        return super()._post(soft=soft)

    def _get_alerts(self):
        # CMP-6: finance books the credit note of returned goods against what the
        # warehouse actually received, not against what the complaint approved
        alerts = super()._get_alerts()
        if self.state != "draft":
            return alerts
        for complaint in self._aftersales_returns():
            alerts[f"aftersales_return_{complaint.id}"] = complaint._return_check_alert()
        return alerts

    def _aftersales_returns(self):
        """The approved returns of the customer invoice this credit note reverses (on
        the invoice or on its sales orders). Read as superuser: accountants have no
        after-sales rights, and they see quantities only."""
        self.ensure_one()
        invoice = self.reversed_entry_id._origin
        if self.move_type != "out_refund" or not invoice:
            return self.env["aftersales.complaint"]
        orders = invoice.sudo().invoice_line_ids.sale_line_ids.order_id
        return (
            self.env["aftersales.complaint"]
            .sudo()
            .search(
                Domain("resolution_type", "=", "return")
                & Domain("state", "in", ("approved", "closed"))
                & Domain("company_id", "=", invoice.company_id.id)
                & (Domain("invoice_id", "=", invoice.id) | Domain("sale_order_id", "in", orders.ids))
            )
        )
