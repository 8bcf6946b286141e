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
    # set by the work timer (FLD-2): the entry's span, so that two cannot overlap
    start_time = fields.Datetime(readonly=True)
    end_time = fields.Datetime(readonly=True)

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

    @api.constrains("start_time", "end_time", "user_id")
    def _check_no_overlap(self):
        """FLD-2: a technician works on one job at a time: timed entries of the same
        technician cannot overlap, nor end before they start."""
        timed = self.filtered(lambda entry: entry.start_time and entry.end_time)
        for entry in timed:
            if entry.end_time < entry.start_time:
                raise ValidationError(self.env._("A time entry cannot end before it starts."))
        overlapping = (
            self.search_fetch(
                [
                    ("user_id", "in", timed.user_id.ids),
                    ("start_time", "!=", False),
                    ("start_time", "<", max(timed.mapped("end_time"), default=False)),
                    ("end_time", ">", min(timed.mapped("start_time"), default=False)),
                ],
                ["user_id", "start_time", "end_time", "request_id", "repair_id"],
            )
            if timed
            else self.browse()
        )
        for entry in timed:
            for other in overlapping:
                if (
                    other != entry
                    and other.user_id == entry.user_id
                    and other.start_time < entry.end_time
                    and other.end_time > entry.start_time
                ):
                    raise ValidationError(
                        self.env._(
                            "This time overlaps %(job)s, already recorded for %(technician)s.",
                            job=(other.request_id or other.repair_id).display_name,
                            technician=entry.user_id.name,
                        )
                    )
