from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint", string="Complaint", readonly=True, copy=False
    )

    def _notify_supervisor(self):
        """A suggestion or complaint written in the opinion survey is registered as a
        complaint (source survey) for customer service to accept or cancel."""
        result = super()._notify_supervisor()
        complaints = (
            self.env["aftersales.complaint"]
            .sudo()
            .create(
                [
                    {
                        "source": "survey",
                        "partner_id": user_input.partner_id.id
                        or user_input.aftersales_request_id.partner_id.id,
                        "request_id": user_input.aftersales_request_id.id,
                        "survey_input_id": user_input.id,
                        "company_id": user_input.aftersales_request_id.company_id.id,
                        "user_id": (
                            user_input.aftersales_team_id.callback_user_id
                            or user_input.aftersales_request_id.create_uid
                        ).id,
                        "description": user_input.aftersales_suggestion,
                    }
                    for user_input in self
                ]
            )
        )
        for user_input, complaint in zip(self, complaints, strict=True):
            user_input.sudo().aftersales_complaint_id = complaint
        return result

    def action_raise_complaint(self):
        self.ensure_one()
        return self.env["aftersales.complaint"]._new_form_action(
            {
                "default_partner_id": self.partner_id.id,
                "default_request_id": self.aftersales_request_id.id,
                "default_survey_input_id": self.id,
                "default_source": "survey",
                "default_description": self.aftersales_suggestion,
            }
        )
