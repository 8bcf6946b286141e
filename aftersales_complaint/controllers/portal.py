from markupsafe import escape
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.aftersales_service.controllers.portal import AftersalesPortal
from odoo.exceptions import UserError, ValidationError
from odoo.http import request


class AftersalesComplaintPortal(AftersalesPortal):
    """PRT-1/2: the customer's complaints on /my/complaints, and a complaint form that
    registers a complaint with source 'portal' exactly as customer service would."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "aftersales_complaint_count" in counters:
            values["aftersales_complaint_count"] = self._aftersales_count("aftersales.complaint")
        return values

    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_aftersales_complaints(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "date": {"label": request.env._("Newest"), "order": "id desc"},
            "state": {"label": request.env._("Status"), "order": "state, id desc"},
        }
        filters = {
            "all": {"label": request.env._("All"), "domain": []},
            "open": {"label": request.env._("Open"), "domain": [("state", "not in", ("closed", "cancel"))]},
            "closed": {"label": request.env._("Closed"), "domain": [("state", "=", "closed")]},
        }
        values = self._aftersales_list_values(
            "aftersales.complaint", "/my/complaints", page, sortings, filters, sortby, filterby, "complaints"
        )
        values["page_name"] = "aftersales_complaints"
        return request.render("aftersales_complaint.portal_my_complaints", values)

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="public", website=True)
    def portal_my_aftersales_complaint(self, complaint_id, access_token=None, message=None, **kw):
        complaint_sudo = self._aftersales_record_or_404("aftersales.complaint", complaint_id, access_token)
        values = self._get_page_view_values(
            complaint_sudo,
            access_token,
            {"complaint": complaint_sudo, "page_name": "aftersales_complaint", "message": message},
            "complaints_history",
            False,
        )
        return request.render("aftersales_complaint.portal_my_complaint", values)

    @http.route(
        ["/my/complaints/<int:complaint_id>/certificate"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def portal_complaint_certificate(self, complaint_id, access_token=None, download=False, **kw):
        complaint_sudo = self._aftersales_record_or_404("aftersales.complaint", complaint_id, access_token)
        if not complaint_sudo.discount_vp_id:
            raise NotFound()
        return self._show_report(
            model=complaint_sudo,
            report_type="pdf",
            report_ref="aftersales_complaint.action_report_discount_certificate",
            download=download,
        )

    @http.route(["/my/complaints/<int:complaint_id>/sign"], type="jsonrpc", auth="public", website=True)
    def portal_complaint_sign(self, complaint_id, access_token=None, name=None, signature=None):
        """CMP-11: the customer signs the discount certificate online."""
        return self._aftersales_sign(
            "aftersales.complaint",
            complaint_id,
            access_token,
            request.env._("This complaint is not yours."),
            lambda complaint_sudo: complaint_sudo._sign_discount_by_customer(name, signature),
        )

    @http.route(
        ["/my/complaints/new"], type="http", auth="user", website=True, methods=["GET"], readonly=True
    )
    def portal_new_aftersales_complaint(self, **kw):
        return request.render("aftersales_complaint.portal_new_complaint", self._new_complaint_values({}, {}))

    @http.route(["/my/complaints/submit"], type="http", auth="user", website=True, methods=["POST"])
    def portal_submit_aftersales_complaint(self, **post):
        errors = {}
        user = request.env.user
        customer = user.partner_id.commercial_partner_id
        description = (post.get("description") or "").strip()
        if not description:
            errors["description"] = request.env._("Tell us what went wrong.")
        service_request = request.env["aftersales.request"]
        if post.get("request_id"):
            service_request = self._own_record("aftersales.request", post["request_id"])
            if not service_request:
                errors["request_id"] = request.env._("Choose one of your own service requests.")
        attachments = self._read_uploads(request.httprequest.files.getlist("attachments"), errors)
        if errors:
            return request.render(
                "aftersales_complaint.portal_new_complaint", self._new_complaint_values(post, errors)
            )
        vals = {
            "source": "portal",
            "partner_id": customer.id,
            "contact_name": user.partner_id.name,
            "phone": user.partner_id.phone or customer.phone,
            "request_id": service_request.id,
            "company_id": (service_request.company_id or customer.company_id or user.company_id).id,
            # plain text from the customer, stored escaped in the HTML field
            "description": f"<p>{escape(description)}</p>",
            "customer_demand": (post.get("customer_demand") or "").strip(),
        }
        try:
            complaint = request.env["aftersales.complaint"].sudo().create(vals)
        except (UserError, ValidationError) as error:
            errors["form"] = str(error.args[0])
            return request.render(
                "aftersales_complaint.portal_new_complaint", self._new_complaint_values(post, errors)
            )
        team = complaint.team_id
        complaint.user_id = team.callback_user_id or team.supervisor_id or team.manager_id
        self._attach(complaint, attachments)
        complaint.message_subscribe(partner_ids=user.partner_id.ids)
        return request.redirect(complaint.get_portal_url(query_string="&message=submitted"))

    def _new_complaint_values(self, post, errors):
        values = self._prepare_portal_layout_values()
        requests = request.env["aftersales.request"].search(self._aftersales_partner_domain(), limit=50)
        values.update(
            {
                "page_name": "aftersales_complaint_new",
                "service_requests": requests.sudo(),
                "post": post,
                "errors": errors,
            }
        )
        return values
