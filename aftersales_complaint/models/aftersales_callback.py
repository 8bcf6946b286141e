from odoo import fields, models


class AftersalesCallback(models.Model):
    _inherit = "aftersales.callback"

    complaint_id = fields.Many2one(
        "aftersales.complaint", string="Registered Complaint", readonly=True, copy=False
    )

    def _report_complaint(self):
        """A complaint heard on a callback becomes a registered complaint (source
        callback) as well as the supervisor's activity."""
        result = super()._report_complaint()
        complaints = (
            self.env["aftersales.complaint"]
            .sudo()
            .create(
                [
                    {
                        "source": "callback",
                        "partner_id": callback.partner_id.id,
                        "contact_name": callback.contact_person or callback.contact_name,
                        "phone": callback.phone,
                        "request_id": callback.request_id.id,
                        "callback_id": callback.id,
                        "company_id": callback.company_id.id,
                        "user_id": callback.caller_id.id or self.env.user.id,
                        "description": callback.complaint_note,
                    }
                    for callback in self
                ]
            )
        )
        for callback, complaint in zip(self, complaints, strict=True):
            callback.complaint_id = complaint
        return result

    def action_raise_complaint(self):
        self.ensure_one()
        return self.env["aftersales.complaint"]._new_form_action(
            {
                "default_partner_id": self.partner_id.id,
                "default_contact_name": self.contact_person or self.contact_name,
                "default_phone": self.phone,
                "default_request_id": self.request_id.id,
                "default_callback_id": self.id,
                "default_source": "callback",
                "default_description": self.complaint_note,
            }
        )
