from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from .survey_question import RATED_CRITERIA

_lt = LazyTranslate(__name__)

# What the invitation mail (SUR-1) may show of a survey answer. With field paths only,
# Odoo's mail engine fills the template with a regular expression instead of compiling
# its QWeb for every mail, a large share of what an invitation costs.
INVITATION_EXPRESSIONS = (
    "object.nickname",
    "object.aftersales_technician_id.name",
    "object.aftersales_request_id.name",
    "object.aftersales_request_id.company_id.name",
    "object.aftersales_answer_button",
)
ANSWER_BUTTON_STYLE = (
    "background-color: #875A7B; padding: 8px 16px; text-decoration: none; color: #FFFFFF; border-radius: 5px;"
)


class SurveyUserInput(models.Model):
    """SUR-1/2: one customer opinion survey per closed request, carrying the request,
    technician and team it rates, and the four ratings read from its answers."""

    _inherit = "survey.user_input"

    aftersales_request_id = fields.Many2one(
        "aftersales.request",
        string="Service Request",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    aftersales_technician_id = fields.Many2one(
        related="aftersales_request_id.technician_id", string="Technician", store=True, index="btree_not_null"
    )
    aftersales_team_id = fields.Many2one(
        related="aftersales_request_id.team_id", string="Service Team", store=True
    )
    aftersales_score_attitude = fields.Integer(
        string="Attitude", compute="_compute_aftersales_scores", store=True
    )
    aftersales_score_skill = fields.Integer(string="Skill", compute="_compute_aftersales_scores", store=True)
    aftersales_score_arrival = fields.Integer(
        string="Arrival Time", compute="_compute_aftersales_scores", store=True
    )
    aftersales_score_promise = fields.Integer(
        string="Promised Items Handled", compute="_compute_aftersales_scores", store=True
    )
    aftersales_overall_score = fields.Float(
        string="Overall Score",
        compute="_compute_aftersales_scores",
        store=True,
        digits=(3, 2),
        help="Average of the rated criteria, from 1 (poor) to 4 (very satisfied).",
    )
    aftersales_suggestion = fields.Text(
        string="Suggestions or Complaints", compute="_compute_aftersales_scores", store=True
    )

    aftersales_answer_button = fields.Html(
        string="Answer Button",
        compute="_compute_aftersales_answer_button",
        sanitize=False,
        help="The invitation mail's button that opens this customer's own answer.",
    )

    _aftersales_request_unique = models.Constraint(
        "UNIQUE(aftersales_request_id)",
        "A service request gets one opinion survey only.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # SUR-1: one attempt per request, not per customer. Odoo's survey counts a
        # partner's attempts over all its answers unless each answer carries its own
        # invite token, which survey._create_answer() gives every answer of a survey with
        # limited attempts; opinion surveys are created in batches (cron, demo data)
        # without that method, which checks and creates one answer at a time.
        for vals in vals_list:
            if vals.get("aftersales_request_id") and not vals.get("invite_token"):
                vals["invite_token"] = self._generate_invite_token()
        return super().create(vals_list)

    @api.depends(
        "user_input_line_ids.suggested_answer_id.aftersales_points",
        "user_input_line_ids.value_text_box",
        "user_input_line_ids.question_id.aftersales_criterion",
    )
    def _compute_aftersales_scores(self):
        for user_input in self:
            points = {}
            suggestion = False
            for line in user_input.user_input_line_ids:
                criterion = line.question_id.aftersales_criterion
                if criterion == "suggestion" and line.value_text_box:
                    suggestion = line.value_text_box.strip() or False
                elif criterion and line.suggested_answer_id.aftersales_points:
                    points[criterion] = line.suggested_answer_id.aftersales_points
            for criterion, _label in RATED_CRITERIA:
                user_input[f"aftersales_score_{criterion}"] = points.get(criterion, 0)
            user_input.aftersales_overall_score = sum(points.values()) / len(points) if points else 0.0
            user_input.aftersales_suggestion = suggestion

    @api.depends("access_token", "survey_id.access_token")
    @api.depends_context("lang")
    def _compute_aftersales_answer_button(self):
        # a field rather than get_start_url() in the template, see INVITATION_EXPRESSIONS
        label = self.env._("Answer the survey")
        for user_input in self:
            user_input.aftersales_answer_button = Markup('<a href="%s" style="%s">%s</a>') % (
                user_input.get_start_url(),
                ANSWER_BUTTON_STYLE,
                label,
            )

    def mail_allowed_qweb_expressions(self):
        return super().mail_allowed_qweb_expressions() + INVITATION_EXPRESSIONS

    def _save_lines(self, question, answer, comment=None, overwrite_existing=True):
        self._check_not_answered()
        return super()._save_lines(question, answer, comment=comment, overwrite_existing=overwrite_existing)

    def _mark_done(self):
        self._check_not_answered()
        result = super()._mark_done()
        self.filtered(lambda i: i.aftersales_request_id and i.aftersales_suggestion)._notify_supervisor()
        return result

    def _aftersales_answerable_by(self, partner):
        """Whether a signed-in ``partner`` may answer this opinion survey (SUR-1): the
        partner it was sent to or, when it was sent to the company, any of the company's
        contacts (/my/surveys lists the company's surveys to all of them). Odoo's survey
        lets a signed-in user answer only the answers of that user's very partner."""
        self.ensure_one()
        if not (self.aftersales_request_id and self.partner_id):
            return False
        return self.partner_id in partner | partner.commercial_partner_id

    def _check_not_answered(self):
        answered = self.filtered(lambda i: i.aftersales_request_id and i.state == "done")
        if answered:
            raise UserError(
                self.env._(
                    "The opinion survey of %(request)s has already been answered; it cannot be answered twice.",
                    request=answered[0].aftersales_request_id.name,
                )
            )

    def _notify_supervisor(self):
        """A suggestion or complaint written in the survey lands with the team's service
        supervisor as an activity on the request."""
        self.aftersales_request_id.sudo()._notify_feedback(
            _lt("Customer wrote in the opinion survey"),
            {i.aftersales_request_id.sudo(): i.aftersales_suggestion for i in self},
        )
