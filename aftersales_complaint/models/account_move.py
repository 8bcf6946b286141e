from odoo import fields, models
from odoo.exceptions import UserError


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
