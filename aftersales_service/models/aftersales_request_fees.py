from odoo import Command, api, fields, models

from .aftersales_request import CASH_METHODS


class AftersalesRequestFees(models.Model):
    """SVC-7: what paid service costs — the quotation, the amount due on site and the
    payment collected there, reconciled with the invoice."""

    _inherit = "aftersales.request"

    # --- money ----------------------------------------------------------------
    currency_id = fields.Many2one(related="company_id.currency_id")
    sale_order_id = fields.Many2one(
        "sale.order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Paid service (A): the quotation accountants confirm and invoice as usual.",
    )
    amount_due = fields.Monetary(
        compute="_compute_amount_due",
        help="Paid service (A): what the quotation charges, taxes included — labour, the "
        "visit fee and the parts recorded so far, at the quotation's prices.",
    )
    cash_amount = fields.Monetary(string="Collected On Site", readonly=True, copy=False)
    cash_method = fields.Selection(CASH_METHODS, string="Payment Method", readonly=True, copy=False)
    cash_payment_id = fields.Many2one(
        "account.payment", string="On-Site Payment", readonly=True, copy=False, index="btree_not_null"
    )
    cash_state = fields.Selection(
        [
            ("none", "Nothing Collected"),
            ("to_invoice", "Collected, Not Invoiced"),
            ("reconciled", "Reconciled"),
        ],
        string="Cash Status",
        compute="_compute_cash_state",
        store=True,
    )

    # --- computes -------------------------------------------------------------
    @api.depends(
        "category",
        "state",
        "partner_id",
        "sale_order_id.amount_total",
        "time_spent",
        "part_ids.product_id",
        "part_ids.quantity",
        "part_ids.uom_id",
        "team_id.labour_rate",
        "team_id.travel_fee",
    )
    def _compute_amount_due(self):
        """SVC-7: once closed, what the quotation charges; before, what it will charge,
        priced by Odoo's sales on a draft order that is never saved. Read with sudo:
        the technician sees the amount, not the customer's pricelist or the taxes."""
        for request in self:
            if request.category != "A" or request.state == "cancel":
                request.amount_due = 0.0
            elif request.sale_order_id:
                request.amount_due = request.sudo().sale_order_id.amount_total
            else:
                draft = self.env["sale.order"].sudo().new(request.sudo()._prepare_sale_order_vals())
                request.amount_due = draft.amount_total

    @api.depends("cash_payment_id", "cash_payment_id.is_reconciled")
    def _compute_cash_state(self):
        for request in self:
            if not request.cash_payment_id:
                request.cash_state = "none"
            elif request.cash_payment_id.is_reconciled:
                request.cash_state = "reconciled"
            else:
                request.cash_state = "to_invoice"

    # --- actions --------------------------------------------------------------
    def action_open_cash_wizard(self):
        self.ensure_one()
        return self.env["aftersales.cash.wizard"]._get_records_action(
            name=self.env._("Record On-Site Payment"), target="new", context={"default_request_id": self.id}
        )

    @api.readonly
    def action_view_sale_order(self):
        self.ensure_one()
        return self.sale_order_id._get_records_action(context={})

    # --- business helpers -----------------------------------------------------
    def _create_sale_orders(self):
        """SVC-7: paid service gets a quotation with labour at the team's rate, the visit
        fee and the parts, which accountants confirm and invoice in the normal flow.
        Created with sudo because the technician who closes is not a salesperson."""
        # named by sale itself (its sequence per company and date)
        orders = (
            self.env["sale.order"].sudo().create([request._prepare_sale_order_vals() for request in self])
        )
        for request, order in zip(self, orders, strict=True):
            request.sale_order_id = order

    def _prepare_sale_order_vals(self):
        """SVC-7: the quotation of a paid visit — labour at the team's rate, the visit
        fee and the parts, priced by Odoo's sales (the customer's pricelist, taxes).
        The one description of what a visit charges: the quotation created on close
        and the amount due shown on site both come from it."""
        self.ensure_one()
        team = self.team_id
        if self.resolved_remotely:
            return self._prepare_sale_order_common_vals(self._prepare_sale_order_remote_lines())
        lines = []
        if self.time_spent and team.labour_product_id:
            lines.append(
                {
                    "product_id": team.labour_product_id.id,
                    "product_uom_qty": self.time_spent,
                    "price_unit": team.labour_rate,
                }
            )
        if team.travel_product_id and team.travel_fee:
            lines.append(
                {
                    "product_id": team.travel_product_id.id,
                    "product_uom_qty": 1.0,
                    "price_unit": team.travel_fee,
                }
            )
        lines += self._prepare_sale_order_part_lines()
        return self._prepare_sale_order_common_vals(lines)

    def _prepare_sale_order_remote_lines(self):
        """SVC-10: remote support is charged by the hour at the team's remote rate, with
        no visit fee and no parts."""
        team = self.team_id
        if not (self.time_spent and team.labour_product_id and team.remote_support_rate):
            return []
        return [
            {
                "product_id": team.labour_product_id.id,
                "product_uom_qty": self.time_spent,
                "price_unit": team.remote_support_rate,
            }
        ]

    def _prepare_sale_order_common_vals(self, lines):
        team = self.team_id
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "origin": self.name,
            "client_order_ref": self.name,
            "aftersales_request_id": self._origin.id,
            "warehouse_id": team.warehouse_id.id or False,
            "order_line": [Command.create(line) for line in lines],
        }

    def _get_fee_lines(self):
        """SVC-3 / SVC-7: the fees the voucher prints, one dict per line with its kind
        (``labour``, ``visit`` or ``part``): the quotation's lines once it exists, the
        draft order's (the same prices as the amount due) before. Read with sudo, as
        the amount due is."""
        self.ensure_one()
        if self.category != "A" or self.state == "cancel":
            return []
        request = self.sudo()
        order = request.sale_order_id or self.env["sale.order"].sudo().new(request._prepare_sale_order_vals())
        kinds = {request.team_id.labour_product_id: "labour", request.team_id.travel_product_id: "visit"}
        return [
            {
                "kind": kinds.get(line.product_id, "part"),
                "name": line.product_id.display_name,
                "quantity": line.product_uom_qty,
                "uom": line.product_uom_id.name,
                "amount": line.price_total,
            }
            for line in order.order_line.filtered(lambda line: not line.display_type)
        ]

    def _prepare_sale_order_part_lines(self):
        """The parts of the quotation: once closed, the done moves that took them from
        stock (linked, as Odoo's repair does, so confirming the order delivers nothing
        again and the parts count as delivered); before, the parts written so far."""
        if self.part_move_ids:
            return [
                {
                    "product_id": move.product_id.id,
                    "product_uom_qty": move.quantity,
                    "product_uom_id": move.product_uom.id,
                    "move_ids": [Command.link(move.id)],
                    "qty_delivered": move.quantity,
                }
                for move in self.part_move_ids
            ]
        return [
            {
                "product_id": part.product_id.id,
                "product_uom_qty": part.quantity,
                "product_uom_id": part.uom_id.id,
            }
            for part in self.part_ids.filtered("product_id")
        ]

    def _reconcile_cash_with(self, invoices):
        """Match the on-site payments of these requests with their posted invoices."""
        payments = self.cash_payment_id.filtered(lambda p: p.state != "canceled" and not p.is_reconciled)
        invoices = invoices.filtered(lambda move: move.state == "posted")
        if not payments or not invoices:
            return
        receivable_lines = (invoices.line_ids | payments.move_id.line_ids).filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        receivable_lines.reconcile()
