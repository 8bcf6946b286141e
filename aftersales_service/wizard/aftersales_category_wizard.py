from odoo import fields, models
from odoo.exceptions import UserError

from ..models.aftersales_request import CATEGORIES


class AftersalesCategoryWizard(models.TransientModel):
    _name = "aftersales.category.wizard"
    _description = "Change the Service Category"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade")
    current_category = fields.Selection(related="request_id.category", string="Current Category")
    category = fields.Selection(CATEGORIES, string="New Category", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        """SVC-2: the category changes only with a reason, kept in the chatter."""
        self.ensure_one()
        request = self.request_id
        if request.state in ("done", "cancel"):
            raise UserError(
                self.env._(
                    "The category of a closed request cannot change (%(request)s).", request=request.name
                )
            )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for changing the category."))
        if self.category == request.category:
            raise UserError(self.env._("The request is already in this category."))
        labels = dict(self._fields["category"]._description_selection(self.env))
        old_label = labels.get(request.category, "")
        request.with_context(aftersales_category_reason=True).write({"category": self.category})
        request.message_post(
            body=self.env._(
                "Service category changed from %(old)s to %(new)s. Reason: %(reason)s",
                old=old_label,
                new=labels[self.category],
                reason=self.reason,
            )
        )
        return {"type": "ir.actions.act_window_close"}
