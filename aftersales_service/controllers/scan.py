from datetime import datetime

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request

from ..tools.uploads import MAX_ATTACHMENT_SIZE, MAX_ATTACHMENTS, attach, read_uploads

FORM_FIELDS = ("symptom", "contact_name", "phone", "preferred_time")


class AftersalesScan(http.Controller):
    """PRT-4/PRT-5: the page a scanned QR label opens, without login, and the live
    status of the request sent from it. Pages are found by their random token only:
    a wrong, guessed or replaced token answers 404. The pages read their values from
    one model method each, and show nothing about the customer."""

    def _equipment_or_404(self, token):
        equipment = request.env["aftersales.equipment"]._find_by_label_token(token)
        if not equipment:
            raise NotFound()
        return equipment

    def _request_or_404(self, token):
        service_request = request.env["aftersales.request"]._find_by_status_token(token)
        if not service_request:
            raise NotFound()
        return service_request

    def _render_scan(self, equipment, token, post=None, errors=None, status=200):
        values = equipment._get_scan_page_values()
        values.update(
            token=token,
            post=post or {},
            errors=errors or {},
            photos_hint=request.env._(
                "At most %(count)s photos, %(size)s MB each.",
                count=MAX_ATTACHMENTS,
                size=MAX_ATTACHMENT_SIZE // (1024 * 1024),
            ),
        )
        return request.render("aftersales_service.scan_page", values, status=status)

    def _local_tz(self, customer, team):
        """The time zone the visitor reads and types times in: their phone's (the
        ``tz`` cookie the page sets), else the customer's, else the service team's.
        Read lazily: the cookie, when there, costs no query."""
        candidates = (
            lambda: request.cookies.get("tz"),
            lambda: customer.tz,
            lambda: team.resource_calendar_id.tz,
        )
        for candidate in candidates:
            tz = candidate()
            if tz in pytz.all_timezones_set:
                return tz
        return "UTC"

    @http.route(
        "/aftersales/scan/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def scan(self, token, **kwargs):
        return self._render_scan(self._equipment_or_404(token), token)

    @http.route(
        "/aftersales/scan/<string:token>", type="http", auth="public", methods=["POST"], sitemap=False
    )
    def scan_submit(self, token, **post):
        """Every check runs before anything is written."""
        equipment = self._equipment_or_404(token)
        post = {key: (post.get(key) or "").strip() for key in FORM_FIELDS}
        errors = {}
        reporter = self._parse_reporter(equipment, post, errors)
        uploads = read_uploads(
            request.env, request.httprequest.files.getlist("photos"), errors, images_only=True
        )
        Submission = request.env["aftersales.scan.submission"]
        ip = request.httprequest.remote_addr or ""
        if not errors and not Submission._is_allowed(ip, equipment):
            errors["form"] = request.env._("Too many requests were sent from here. Please call the hotline.")
            return self._render_scan(equipment, token, post, errors, status=429)
        if errors:
            return self._render_scan(equipment, token, post, errors)
        service_request = request.env["aftersales.request"]._create_from_scan(equipment, reporter)
        Submission.sudo().create({"ip": ip, "equipment_id": equipment.id, "request_id": service_request.id})
        attach(service_request, uploads, request.env.user.partner_id)
        user_partner = request.env.user.partner_id
        if not request.env.user._is_public() and user_partner.commercial_partner_id == equipment.partner_id:
            service_request.message_subscribe(partner_ids=user_partner.ids)
        service_request._send_scan_acknowledgement()
        return request.redirect(f"/aftersales/status/{service_request.status_token}?submitted=1")

    def _parse_reporter(self, equipment, post, errors):
        env = request.env
        if not post["symptom"]:
            errors["symptom"] = env._("Describe the problem.")
        if len(post["symptom"]) > 2000:
            errors["symptom"] = env._("Describe the problem in at most 2000 characters.")
        if not post["contact_name"]:
            errors["contact_name"] = env._("Give your name.")
        if len(post["phone"].replace(" ", "")) < 7 or len(post["phone"]) > 30:
            errors["phone"] = env._("Give a phone number we can call you back on.")
        preferred = False
        if post["preferred_time"]:
            try:
                local = datetime.strptime(post["preferred_time"], "%Y-%m-%dT%H:%M")
            except ValueError:
                errors["preferred_time"] = env._("The preferred time is not a valid date and time.")
            else:
                customer = equipment.partner_id
                tz = pytz.timezone(self._local_tz(customer, customer.aftersales_team_id))
                preferred = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
                if preferred < fields.Datetime.now():
                    errors["preferred_time"] = env._("The preferred time is in the past.")
        return {
            "symptom": post["symptom"],
            "contact_name": post["contact_name"][:100],
            "phone": post["phone"],
            "preferred_time": preferred,
        }

    # --- live status ------------------------------------------------------------
    @http.route(
        "/aftersales/status/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def status(self, token, submitted=None, **kwargs):
        service_request = self._request_or_404(token)
        values = service_request._get_status_page_values()
        values.update(
            token=token,
            submitted=bool(submitted),
            status_url=service_request._get_status_url(),
            tz=self._local_tz(service_request.partner_id, service_request.team_id),
        )
        return request.render("aftersales_service.status_page", values)

    def _render_slots(self, service_request, token, error=None):
        tz = self._local_tz(service_request.partner_id, service_request.team_id)
        values = {
            "request_name": service_request.name,
            "slots": service_request._get_free_slots()
            if service_request._get_live_stage() == "registered"
            else [],
            "token": token,
            "tz": tz,
            "error": error,
        }
        return request.render("aftersales_service.status_slots_page", values)

    @http.route(
        "/aftersales/status/<string:token>/slots",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def slots(self, token, **kwargs):
        return self._render_slots(self._request_or_404(token), token)

    @http.route(
        "/aftersales/status/<string:token>/slots", type="http", auth="public", methods=["POST"], sitemap=False
    )
    def pick_slot(self, token, slot=None, **kwargs):
        service_request = self._request_or_404(token)
        try:
            start = fields.Datetime.to_datetime(slot)
        except ValueError:
            start = None
        try:
            if not start:
                raise UserError(request.env._("Pick one of the times offered."))
            service_request._pick_slot(start)
        except UserError as error:
            return self._render_slots(service_request, token, error=error.args[0])
        return request.redirect(f"/aftersales/status/{token}?picked=1")

    @http.route(
        "/aftersales/status/<string:token>/voucher",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def voucher(self, token, **kwargs):
        service_request = self._request_or_404(token)
        if service_request.state != "done":
            raise NotFound()
        pdf, _format = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("aftersales_service.action_report_service_voucher", service_request.ids)
        )
        headers = [("Content-Type", "application/pdf"), ("Content-Length", len(pdf))]
        return request.make_response(pdf, headers=headers)
