from odoo import api, models
from odoo.exceptions import ValidationError

from .survey_question import RATED_CRITERIA


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        user_inputs = self.env["survey.user_input"].browse(
            {vals.get("user_input_id") for vals in vals_list} - {None, False}
        )
        user_inputs._check_not_answered()
        return super().create(vals_list)

    def write(self, vals):
        self.user_input_id._check_not_answered()
        return super().write(vals)

    @api.constrains("question_id", "suggested_answer_id", "answer_type", "skipped")
    def _check_aftersales_rating_level(self):
        """SUR-2: a rating is one of the question's four levels, nothing else."""
        rated = {criterion for criterion, _label in RATED_CRITERIA}
        for line in self:
            if line.skipped or line.question_id.aftersales_criterion not in rated:
                continue
            answer = line.suggested_answer_id
            if (
                line.answer_type != "suggestion"
                or answer.question_id != line.question_id
                or not answer.aftersales_points
            ):
                raise ValidationError(
                    self.env._(
                        "“%(question)s” is rated very satisfied, satisfied, average or poor; "
                        "no other answer is accepted.",
                        question=line.question_id.title,
                    )
                )
