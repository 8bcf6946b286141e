from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TRAVEL_MODES = [
    ("train", "Train"),
    ("plane", "Plane"),
    ("coach", "Coach"),
    ("car", "Company Car"),
    ("other", "Other"),
]
APPLICATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("refused", "Refused"),
]


class AftersalesTravelApplication(models.Model):
    """SVC-11: the out-of-town service application (异地服务申请单): the technician asks
    to travel to a customer outside the team's area; the team's manager approves it
    before the technician sets off."""

    _name = "aftersales.travel.application"
    _description = "Out-of-Town Service Application"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    request_id = fields.Many2one(
        "aftersales.request", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    team_id = fields.Many2one(related="request_id.team_id", store=True)
    partner_id = fields.Many2one(related="request_id.partner_id", string="Customer")
    applicant_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True, index=True
    )
    approver_id = fields.Many2one(related="team_id.manager_id", string="To Be Approved By")
    date_from = fields.Date(string="Departure", required=True, default=fields.Date.context_today)
    days = fields.Integer(required=True, default=1, tracking=True)
    travel_mode = fields.Selection(TRAVEL_MODES, required=True, default="train", tracking=True)
    estimated_travel_cost = fields.Monetary(string="Estimated Travel Cost", tracking=True)
    estimated_subsidy = fields.Monetary(string="Estimated Subsidy", tracking=True)
    reason = fields.Text(string="Purpose")
    state = fields.Selection(APPLICATION_STATES, default="draft", required=True, tracking=True, index=True)
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)

    @api.depends("request_id.name", "applicant_id.name")
    def _compute_display_name(self):
        for application in self:
            application.display_name = f"{application.request_id.name} - {application.applicant_id.name}"

    @api.constrains("days", "estimated_travel_cost", "estimated_subsidy")
    def _check_amounts(self):
        for application in self:
            if application.days <= 0:
                raise ValidationError(self.env._("An out-of-town visit lasts at least one day."))
            if application.estimated_travel_cost < 0 or application.estimated_subsidy < 0:
                raise ValidationError(self.env._("Estimated travel costs and subsidies cannot be negative."))

    def action_submit(self):
        for application in self:
            if application.state != "draft":
                raise UserError(self.env._("Only a draft application can be submitted."))
            if not application.approver_id:
                raise UserError(
                    self.env._(
                        "Team %(team)s has no manager to approve out-of-town applications.",
                        team=application.team_id.display_name,
                    )
                )
            application.state = "submitted"
            application.activity_schedule("mail.mail_activity_data_todo", user_id=application.approver_id.id)
        return True

    def action_approve(self):
        self._decide("approved")
        return True

    def action_refuse(self):
        self._decide("refused")
        return True

    def action_reset_to_draft(self):
        for application in self:
            if application.state != "refused" or application.applicant_id != self.env.user:
                raise UserError(self.env._("Only the applicant can rework a refused application."))
        self.write({"state": "draft", "decided_by_id": False, "decided_on": False})
        return True

    def _decide(self, state):
        """Only the team's manager decides, never on their own application."""
        for application in self:
            if application.state != "submitted":
                raise UserError(self.env._("Only a submitted application can be approved or refused."))
            if application.approver_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only the manager of team %(team)s can approve or refuse this application.",
                        team=application.team_id.display_name,
                    )
                )
            if application.applicant_id == self.env.user:
                raise UserError(self.env._("You cannot approve or refuse your own application."))
        self.write({"state": state, "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
