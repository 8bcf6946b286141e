from odoo import api, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.model
    def _aftersales_mail_models(self):
        # the opinion surveys' invitations (SUR-1) are mails of their answer
        return [*super()._aftersales_mail_models(), "survey.user_input"]
