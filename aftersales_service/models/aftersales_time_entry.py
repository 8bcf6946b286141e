from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTimeEntry(models.Model):
    """Time a technician spent on an on-site request or a workshop repair; the source
    of the voucher's and repair card's hours and of the daily reports."""

    _name = "aftersales.time.entry"
    _description = "Service Time Entry"
    _order = "date desc, id desc"

    request_id = fields.Many2one("aftersales.request", ondelete="cascade", index="btree_not_null")
    repair_id = fields.Many2one("repair.order", ondelete="cascade", index="btree_not_null")
    company_id = fields.Many2one("res.company", compute="_compute_company_id", store=True, index=True)
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

    @api.depends("request_id.company_id", "repair_id.company_id")
    def _compute_company_id(self):
        for entry in self:
            entry.company_id = entry.request_id.company_id or entry.repair_id.company_id

    @api.constrains("hours")
    def _check_hours(self):
        for entry in self:
            if entry.hours <= 0:
                raise ValidationError(self.env._("Time spent must be a positive number of hours."))
            if entry.hours > 24:
                raise ValidationError(self.env._("One time entry cannot exceed 24 hours."))

    @api.constrains("request_id", "repair_id")
    def _check_one_job(self):
        for entry in self:
            if bool(entry.request_id) == bool(entry.repair_id):
                raise ValidationError(
                    self.env._("A time entry belongs to either a service request or a repair.")
                )
