from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTimeEntry(models.Model):
    """Time a technician spent on a request; the source of the voucher's hours and of
    the daily reports."""

    _name = "aftersales.time.entry"
    _description = "Service Time Entry"
    _order = "date desc, id desc"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Technician",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    hours = fields.Float(required=True)
    description = fields.Char()

    @api.constrains("hours")
    def _check_hours(self):
        for entry in self:
            if entry.hours <= 0:
                raise ValidationError(self.env._("Time spent must be a positive number of hours."))
            if entry.hours > 24:
                raise ValidationError(self.env._("One time entry cannot exceed 24 hours."))
