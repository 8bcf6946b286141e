from datetime import datetime

import pytz
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class AftersalesAppointment(http.Controller):
    """SVC-12: the customer answers the appointment reminder from its link, without
    logging in. The link holds the request's current confirmation token; a wrong or
    old token (the appointment was moved since) answers 404."""

    def _service_request(self, request_id, token):
        service_request = request.env["aftersales.request"].sudo().browse(request_id).exists()
        if not service_request or not service_request._check_confirmation_token(token):
            raise NotFound()
        return service_request

    def _render(self, service_request, token, **values):
        tz = service_request._get_customer_tz()
        # the page speaks the customer's language, like the reminder that links to it
        lang = service_request.partner_id.lang or request.env.lang
        request.update_context(lang=lang)
        service_request = service_request.with_context(lang=lang, tz=tz)
        return request.render(
            "aftersales_service.appointment_confirmation_page",
            {"service_request": service_request, "token": token, "tz": tz, **values},
        )

    @http.route(
        "/aftersales/appointment/<int:request_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def appointment(self, request_id, token, **kwargs):
        return self._render(self._service_request(request_id, token), token)

    @http.route(
        "/aftersales/appointment/<int:request_id>/<string:token>/confirm",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def confirm(self, request_id, token, **kwargs):
        service_request = self._service_request(request_id, token)
        service_request._confirm_appointment()
        return self._render(service_request, token, answered="confirmed")

    @http.route(
        "/aftersales/appointment/<int:request_id>/<string:token>/change",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def change(self, request_id, token, proposed=None, note=None, **kwargs):
        service_request = self._service_request(request_id, token)
        tz = pytz.timezone(service_request._get_customer_tz())
        try:
            local = datetime.strptime(proposed or "", "%Y-%m-%dT%H:%M")
            service_request._ask_appointment_change(
                tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None), (note or "").strip()[:500]
            )
        except ValueError:
            return self._render(
                service_request, token, error=request.env._("Give the date and time you propose.")
            )
        except UserError as error:
            return self._render(service_request, token, error=error.args[0])
        return self._render(service_request, token, answered="change_asked")
