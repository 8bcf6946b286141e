from odoo import api, fields, models
from odoo.exceptions import ValidationError

COST_KINDS = [
    ("travel", "Travel"),
    ("subsidy", "Subsidy"),
    ("other", "Other"),
]


class AftersalesRequestCost(models.Model):
    """SVC-11 / SVC-13: what a visit cost besides labour and parts: the actual travel
    expenses and subsidies of an out-of-town visit (差旅费、补贴费列入服务成本)."""

    _name = "aftersales.request.cost"
    _description = "Service Cost"
    _order = "date desc, id desc"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(COST_KINDS, required=True, default="travel")
    amount = fields.Monetary(required=True)
    description = fields.Char()
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.constrains("amount")
    def _check_amount(self):
        if any(cost.amount < 0 for cost in self):
            raise ValidationError(self.env._("A service cost cannot be negative."))
