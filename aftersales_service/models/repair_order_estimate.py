import hashlib

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class RepairOrderEstimate(models.Model):
    """RPR-7: a paid carry-in repair starts only once the customer signed its estimate
    (Odoo's quotation of the repair, signed in the portal); a changed estimate needs a
    new signature; the customer's choice for the replaced parts is kept."""

    _inherit = "repair.order"

    estimate_labour_hours = fields.Float(
        string="Estimated Labour", copy=False, help="Hours of labour quoted to the customer."
    )
    estimate_digest = fields.Char(readonly=True, copy=False, help="Fingerprint of the approved estimate.")
    estimate_approved_on = fields.Datetime(string="Estimate Approved On", readonly=True, copy=False)
    estimate_state = fields.Selection(
        [
            ("none", "Not Needed"),
            ("todo", "To Send"),
            ("sent", "Waiting for Signature"),
            ("approved", "Signed by Customer"),
            ("changed", "Changed Since Approval"),
        ],
        string="Estimate",
        compute="_compute_estimate_state",
        # the workshop sees the estimate's state without access to every sale order
        compute_sudo=True,
    )
    old_parts_choice = fields.Selection(
        [("take_back", "Customer Takes Them Back"), ("dispose", "Dispose of Them")],
        string="Old Parts",
        tracking=True,
        copy=False,
    )

    @api.depends(
        "under_warranty",
        "aftersales_request_id",
        "estimate_digest",
        "sale_order_id.signature",
        "sale_order_id.order_line.price_subtotal",
        "sale_order_id.order_line.product_uom_qty",
    )
    def _compute_estimate_state(self):
        for repair in self:
            order = repair.sale_order_id
            if not repair._needs_estimate():
                repair.estimate_state = "none"
            elif not order:
                repair.estimate_state = "todo"
            elif not (order.signature and repair.estimate_digest):
                repair.estimate_state = "sent"
            elif repair.estimate_digest != order._get_estimate_digest():
                repair.estimate_state = "changed"
            else:
                repair.estimate_state = "approved"

    def _needs_estimate(self):
        self.ensure_one()
        return bool(self.aftersales_request_id and not self.under_warranty)

    def action_repair_start(self):
        for repair in self:
            if repair._needs_estimate() and repair.estimate_state != "approved":
                message = (
                    self.env._(
                        "The estimate of %(repair)s changed after the customer signed it: "
                        "send the new estimate for signature before starting.",
                        repair=repair.name,
                    )
                    if repair.estimate_state == "changed"
                    else self.env._(
                        "%(repair)s is a paid repair: the customer must sign the estimate before it starts.",
                        repair=repair.name,
                    )
                )
                raise UserError(message)
        return super().action_repair_start()

    def action_send_estimate(self):
        """Opens Odoo's quotation mail for the estimate (created or put back for signing)."""
        self.ensure_one()
        self._prepare_estimate_orders()
        return self.sale_order_id.action_quotation_send()

    def _send_estimate(self):
        """The estimate marked as sent without a mail (demo, tests)."""
        self._prepare_estimate_orders()
        self.sale_order_id.filtered(lambda o: o.state == "draft").action_quotation_sent()

    def _prepare_estimate_orders(self):
        for repair in self:
            if not repair._needs_estimate():
                raise UserError(
                    self.env._("%(repair)s needs no estimate: it is not a paid repair.", repair=repair.name)
                )
            if repair.state in ("done", "cancel"):
                raise UserError(self.env._("%(repair)s is already closed.", repair=repair.name))
            if not repair.sale_order_id:
                repair.action_create_sale_order()
            repair._set_estimate_labour()
            order = repair.sale_order_id
            # A changed estimate goes back to the customer: the old signature no longer holds.
            # The order of a repair delivers nothing itself (the parts are the repair's moves).
            if order.state == "sale" or order.signature:
                order.write({"state": "sent", "signature": False, "signed_by": False, "signed_on": False})
            order.write(
                {
                    "require_signature": True,
                    # paid on return (RPR-5), not in advance
                    "require_payment": False,
                    "commitment_date": repair.schedule_date,
                    "aftersales_request_id": repair.aftersales_request_id.id,
                }
            )
            repair.estimate_digest = False
            order._portal_ensure_token()

    def _set_estimate_labour(self):
        self.ensure_one()
        product = self.aftersales_team_id.labour_product_id
        order = self.sale_order_id
        if not product:
            return
        line = order.order_line.filtered(lambda line: line.product_id == product)[:1]
        if line:
            line.product_uom_qty = self.estimate_labour_hours
        elif self.estimate_labour_hours:
            order.order_line = [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": self.estimate_labour_hours,
                        "price_unit": self.aftersales_team_id.labour_rate,
                    }
                )
            ]

    def _approve_estimate(self):
        """Called when the customer signs the repair's quotation: what was signed is kept."""
        for repair in self.filtered(lambda r: r._needs_estimate()):
            repair.write(
                {
                    "estimate_digest": repair.sale_order_id._get_estimate_digest(),
                    "estimate_approved_on": fields.Datetime.now(),
                }
            )


class SaleOrderEstimate(models.Model):
    _inherit = "sale.order"

    def _get_estimate_digest(self):
        """RPR-7: what the customer approves: each line's product, quantity and price, and the total."""
        self.ensure_one()
        lines = sorted(
            (line.product_id.id, line.product_uom_qty, line.price_unit, line.discount)
            for line in self.order_line
            if not line.display_type
        )
        return hashlib.sha256(repr((lines, self.amount_total)).encode()).hexdigest()

    def _get_estimate_repair(self):
        """The paid after-sales repair this quotation is the estimate of, if any."""
        self.ensure_one()
        return self.repair_order_ids.filtered(lambda repair: repair._needs_estimate())[:1]

    def _set_old_parts_choice(self, choice):
        """RPR-7: the customer chooses, with the estimate, what becomes of the replaced
        parts; the choice can change until the estimate is signed."""
        self.ensure_one()
        repair = self._get_estimate_repair()
        choices = dict(repair._fields["old_parts_choice"].selection)
        if not repair or not self._has_to_be_signed() or choice not in choices:
            raise UserError(self.env._("This estimate cannot take a choice for the old parts now."))
        repair.old_parts_choice = choice

    def write(self, vals):
        result = super().write(vals)
        if vals.get("signature"):
            self.repair_order_ids._approve_estimate()
        return result
