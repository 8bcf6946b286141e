from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.aftersales_request import CASH_METHODS
from ..tools.record_locks import lock_or_refuse


class AftersalesCashWizard(models.TransientModel):
    _name = "aftersales.cash.wizard"
    _description = "Record a Payment Collected On Site"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="request_id.currency_id")
    amount_due = fields.Monetary(related="request_id.amount_due")
    amount = fields.Monetary(
        required=True,
        compute="_compute_amount",
        store=True,
        readonly=False,
        help="Proposed: the amount due for the visit; the customer may pay part of it.",
    )
    method = fields.Selection(CASH_METHODS, required=True, default="cash")
    amount_left = fields.Monetary(
        string="Still Due After",
        compute="_compute_amount_left",
        help="What the customer will still owe once this payment is recorded.",
    )

    @api.depends("request_id")
    def _compute_amount(self):
        """SVC-7: the technician collects what the quotation will charge."""
        for wizard in self:
            wizard.amount = wizard.request_id.amount_due

    @api.depends("amount", "amount_due")
    def _compute_amount_left(self):
        for wizard in self:
            wizard.amount_left = max(wizard.amount_due - wizard.amount, 0.0)

    def action_confirm_and_close(self):
        """FLD-2: the last step of a paid visit on the phone: the payment, then the close."""
        self.action_confirm()
        return self.request_id.action_close()

    def action_confirm(self):
        """SVC-7: what the technician collected becomes a posted customer payment in
        the team's cash journal, matched with the invoice once there is one. Booked
        with sudo: the technician hands the money over, accounting owns the entry."""
        self.ensure_one()
        request = self.request_id
        journal = self._check_collectable()
        payment = self.env["account.payment"].sudo().create(self._prepare_payment_vals(journal))
        payment.action_post()
        request.write(
            {
                "cash_amount": self.amount,
                "cash_method": self.method,
                "cash_payment_id": payment.id,
            }
        )
        invoices = request.sudo().sale_order_id.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        request.sudo()._reconcile_cash_with(invoices)
        return {"type": "ir.actions.act_window_close"}

    def _check_collectable(self):
        """The reasons a payment cannot be collected, as the technician reads them; else
        the team's cash journal it goes to."""
        request = self.request_id
        # two collections on one request (two phones, a double tap): one payment
        lock_or_refuse(
            request,
            lambda busy: self.env._(
                "A payment for %(request)s is being recorded by someone else: reload it to see it.",
                request=busy.name,
            ),
        )
        if self.amount <= 0:
            raise UserError(self.env._("The amount collected must be positive."))
        if request.cash_payment_id:
            raise UserError(
                self.env._("A payment was already collected on site for %(request)s.", request=request.name)
            )
        if request.state not in ("in_progress", "done"):
            raise UserError(self.env._("Payments are collected on site, once the technician has arrived."))
        if request.category != "A":
            raise UserError(
                self.env._(
                    "%(request)s is not paid service: nothing is charged per visit.", request=request.name
                )
            )
        journal = request.team_id._get_cash_journal()
        if not journal:
            raise UserError(
                self.env._("Set the on-site cash journal of the team %(team)s.", team=request.team_id.name)
            )
        return journal

    def _prepare_payment_vals(self, journal):
        request = self.request_id
        labels = dict(self._fields["method"]._description_selection(self.env))
        return {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": request.partner_id.commercial_partner_id.id,
            "amount": self.amount,
            "currency_id": request.currency_id.id,
            "journal_id": journal.id,
            "company_id": request.company_id.id,
            "date": fields.Date.context_today(self),
            "memo": f"{request.name} - {labels[self.method]}",
        }
