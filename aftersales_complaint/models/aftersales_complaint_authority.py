from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesComplaintAuthority(models.Model):
    """CMP-5 (核决权限): how much a group may grant a complaining customer. A user's
    authority is the highest tier of their groups; a tier without limit grants any
    amount (the general manager)."""

    _name = "aftersales.complaint.authority"
    _description = "Complaint Approval Authority"
    _order = "sequence, max_amount"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    group_id = fields.Many2one("res.groups", required=True, ondelete="cascade")
    unlimited = fields.Boolean(help="Members may approve any amount.")
    max_amount = fields.Monetary(string="Up To", help="Highest amount members of the group may approve.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.constrains("max_amount", "unlimited")
    def _check_max_amount(self):
        for tier in self:
            if not tier.unlimited and tier.max_amount <= 0:
                raise ValidationError(
                    self.env._("An authority tier grants a positive amount, or any amount.")
                )

    @api.model
    def _limit_for(self, user, company):
        """The amount ``user`` may approve in ``company``: ``None`` for no limit, 0 when
        no tier applies."""
        tiers = self.sudo().search(
            [("company_id", "=", company.id), ("group_id", "in", user.all_group_ids.ids)]
        )
        if any(tiers.mapped("unlimited")):
            return None
        return max(tiers.mapped("max_amount"), default=0.0)
