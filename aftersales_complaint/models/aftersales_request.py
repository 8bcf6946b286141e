from odoo import api, fields, models
from odoo.addons.aftersales_service.tools.record_counts import count_per_record


class AftersalesRequest(models.Model):
    _inherit = "aftersales.request"

    complaint_ids = fields.One2many(
        "aftersales.complaint",
        "request_id",
        string="Complaints",
        groups="aftersales_service.group_aftersales_user",
    )
    complaint_count = fields.Integer(
        compute="_compute_complaint_count", groups="aftersales_service.group_aftersales_user"
    )

    def _compute_complaint_count(self):
        counts = count_per_record(self, "aftersales.complaint", "request_id")
        for request in self:
            request.complaint_count = counts.get(request, 0)

    def action_raise_complaint(self):
        """CMP-1: one click from the request to a complaint form filled from it."""
        self.ensure_one()
        return self.env["aftersales.complaint"]._new_form_action(
            {
                "default_partner_id": self.partner_id.id,
                "default_contact_name": self.contact_name,
                "default_phone": self.phone,
                "default_request_id": self.id,
                "default_product_id": self.product_id.id,
                "default_sale_order_id": self.sale_order_id.id,
                "default_source": "phone",
            }
        )

    @api.readonly
    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_complaint.action_aftersales_complaint"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id, "default_partner_id": self.partner_id.id}
        return action
