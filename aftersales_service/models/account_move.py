from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_contract_id = fields.Many2one(
        "aftersales.contract",
        string="Maintenance Contract",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(lambda move: move.move_type == "out_invoice")._reconcile_onsite_payments()
        return posted

    def _reconcile_onsite_payments(self):
        """SVC-7: cash a technician collected on site was booked as a customer payment;
        once the invoice of the same service is posted, both are matched so the invoice
        shows as paid and nothing is counted twice."""
        for invoice in self:
            orders = invoice.line_ids.sale_line_ids.order_id
            requests = orders.aftersales_request_id | orders.repair_order_ids.aftersales_request_id
            requests._reconcile_cash_with(invoice)
