from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesComplaintReview(models.Model):
    """CMP-9: by the 10th of every month the general manager's office reviews last
    month's closed complaints, approves the penalties and bonus deductions, and the
    penalty notices (奖罚通知单) are issued."""

    _name = "aftersales.complaint.review"
    _description = "Monthly Complaint Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, help="First day of the month reviewed.")
    date_deadline = fields.Date(string="Review By", compute="_compute_name", store=True)
    state = fields.Selection(
        [("draft", "To Review"), ("approved", "Approved"), ("issued", "Notices Issued")],
        default="draft",
        required=True,
        tracking=True,
    )
    complaint_ids = fields.One2many(
        "aftersales.complaint", "review_id", string="Closed Complaints", readonly=True
    )
    penalty_complaint_ids = fields.Many2many(
        "aftersales.complaint", compute="_compute_penalty_complaint_ids", string="Penalty Notices"
    )
    total_loss = fields.Monetary(compute="_compute_totals")
    total_penalty = fields.Monetary(compute="_compute_totals")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False)
    issued_on = fields.Date(readonly=True, copy=False)

    _month_company_unique = models.Constraint(
        "UNIQUE(month, company_id)", "Each month is reviewed once per company."
    )

    @api.depends("month")
    def _compute_name(self):
        for review in self:
            review.name = review.month and review.month.strftime("%Y-%m")
            review.date_deadline = review.month and review.month + relativedelta(months=1, day=10)

    @api.depends("complaint_ids.penalty_type", "complaint_ids.responsible_user_id")
    def _compute_penalty_complaint_ids(self):
        for review in self:
            review.penalty_complaint_ids = review.complaint_ids.filtered("penalty_type")

    @api.depends("complaint_ids.loss_amount", "complaint_ids.penalty_amount")
    def _compute_totals(self):
        for review in self:
            review.total_loss = sum(review.complaint_ids.mapped("loss_amount"))
            review.total_penalty = sum(review.complaint_ids.mapped("penalty_amount"))

    @api.model
    def _open_for_month(self, month, company=None):
        """The review of ``month`` (any day in it), created with the complaints closed
        that month if it does not exist yet."""
        company = company or self.env.company
        month = fields.Date.start_of(month, "month")
        review = self.search([("month", "=", month), ("company_id", "=", company.id)])
        if not review:
            review = self.create({"month": month, "company_id": company.id})
            review._load_complaints()
            review._plan_review_activity()
        return review

    def _load_complaints(self):
        for review in self:
            start = fields.Datetime.to_datetime(review.month)
            end = start + relativedelta(months=1)
            complaints = self.env["aftersales.complaint"].search(
                [
                    ("company_id", "=", review.company_id.id),
                    ("state", "=", "closed"),
                    ("closed_on", ">=", start),
                    ("closed_on", "<", end),
                    ("review_id", "=", False),
                ]
            )
            complaints.review_id = review

    def _plan_review_activity(self):
        general_managers = self.env.ref("aftersales_complaint.group_complaint_general_manager").all_user_ids
        user = general_managers[:1] or self.env.user
        for review in self:
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=review.date_deadline,
                summary=self.env._("Review last month's closed complaints and approve the penalties"),
                user_id=user.id,
            )

    def action_approve(self):
        if not self.env.user.has_group("aftersales_complaint.group_complaint_general_manager"):
            raise UserError(self.env._("Only the general manager approves penalties."))
        if any(review.state != "draft" for review in self):
            raise UserError(self.env._("This review is already approved."))
        self.write(
            {"state": "approved", "approved_by_id": self.env.user.id, "approved_on": fields.Datetime.now()}
        )
        self.activity_ids.action_feedback(feedback=self.env._("Approved."))
        return True

    def action_issue(self):
        """Issue the penalty notices: only once the general manager approved them."""
        for review in self:
            if review.state != "approved":
                raise UserError(
                    self.env._("Penalties are issued only after the general manager approved the review.")
                )
        self.write({"state": "issued", "issued_on": fields.Date.context_today(self)})
        return self.env.ref("aftersales_complaint.action_report_penalty_notice").report_action(self)

    @api.model
    def _cron_monthly_review(self):
        """On the first days of the month: last month's review, for every company with
        closed complaints; re-running finds the existing review."""
        last_month = fields.Date.context_today(self) - relativedelta(months=1)
        companies = self.env["aftersales.complaint"]._read_group(
            [("state", "=", "closed"), ("review_id", "=", False)], ["company_id"]
        )
        reviews = self.browse()
        for (company,) in companies:
            reviews |= self.with_company(company)._open_for_month(last_month, company)
        return reviews
