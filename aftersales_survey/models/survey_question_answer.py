from odoo import api, fields, models
from odoo.exceptions import ValidationError

# SUR-2: the four levels and the points they are worth in the evaluation (SUR-3).
LEVEL_POINTS = {"very_satisfied": 4, "satisfied": 3, "average": 2, "poor": 1}


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    aftersales_points = fields.Integer(
        string="Rating Points",
        help="Points of this level in the technician's evaluation: very satisfied 4, "
        "satisfied 3, average 2, poor 1.",
    )

    @api.constrains("aftersales_points")
    def _check_aftersales_points(self):
        valid = set(LEVEL_POINTS.values())
        for answer in self:
            if answer.aftersales_points and answer.aftersales_points not in valid:
                raise ValidationError(
                    self.env._("A rating level is worth 1 (poor) to 4 (very satisfied) points.")
                )
