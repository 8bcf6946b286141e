from odoo import fields, models


class AftersalesComplaintReviewWizard(models.TransientModel):
    """CMP-9: open (or prepare) the monthly complaint review of a chosen month."""

    _name = "aftersales.complaint.review.wizard"
    _description = "Monthly Complaint Review"

    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.subtract(
            fields.Date.start_of(fields.Date.context_today(self), "month"), months=1
        ),
        help="Any day of the month to review.",
    )

    def action_open(self):
        review = self.env["aftersales.complaint.review"]._open_for_month(self.month)
        return review._get_records_action(context={})
