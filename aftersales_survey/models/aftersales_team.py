from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTeam(models.Model):
    _inherit = "aftersales.team"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Opinion Survey",
        default=lambda self: self.env.ref(
            "aftersales_survey.survey_customer_opinion", raise_if_not_found=False
        ),
        help="Survey sent to the customer after every closed request.",
    )
    callback_user_id = fields.Many2one(
        "res.users",
        string="Callback Agent",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("aftersales_service.group_aftersales_user").id)
        ],
        help="Customer-service user who calls the customers back. Without one, "
        "the user who registered the request calls back.",
    )
    callback_delay_days = fields.Integer(
        string="Callback After (Days)",
        default=3,
        help="Days after closing a request when the callback is due.",
    )
    callback_attempts = fields.Integer(
        default=3,
        help="Calls tried before giving up and sending the customer a thank-you email.",
    )

    @api.constrains("callback_delay_days", "callback_attempts")
    def _check_callback_settings(self):
        for team in self:
            if team.callback_delay_days < 0 or team.callback_attempts < 1:
                raise ValidationError(
                    self.env._(
                        "Callbacks are due zero or more days after closing, with at least one attempt."
                    )
                )
