from odoo import fields, models


class AftersalesReschedule(models.Model):
    """One rescheduling agreed with the customer (SVC-4): the old and new appointment
    and why it moved."""

    _name = "aftersales.reschedule"
    _description = "Service Appointment Reschedule"
    _order = "create_date desc, id desc"

    request_id = fields.Many2one("aftersales.request", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    old_start = fields.Datetime(string="Previous Appointment", readonly=True)
    new_start = fields.Datetime(string="New Appointment", required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, default=lambda self: self.env.user
    )
