from odoo import fields, models

# SUR-2: what each question of the customer opinion survey rates.
RATED_CRITERIA = [
    ("attitude", "Attitude"),
    ("skill", "Skill"),
    ("arrival", "Arrival Time"),
    ("promise", "Promised Items Handled"),
]
CRITERIA = [*RATED_CRITERIA, ("suggestion", "Suggestions or Complaints")]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    aftersales_criterion = fields.Selection(
        CRITERIA,
        string="After-Sales Criterion",
        help="What this question measures in the technician's monthly evaluation. "
        "Rated criteria take one of four levels; the suggestion question is free text.",
    )
