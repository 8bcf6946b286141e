from datetime import datetime

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..models.aftersales_request import OPEN_STATES
from ..tools.uploads import MAX_ATTACHMENT_SIZE, attach, read_uploads


class AftersalesPortal(CustomerPortal):
    """PRT-1/2/3: the customer's service requests, equipment and contracts on /my, a
    request form and online signature of the service voucher. Lists are read as the
    portal user (record rules: the commercial partner's records) and always filtered on
    the commercial partner as well; a record page is opened only through
    ``_document_check_access`` (rules or the record's access token), otherwise 404."""

    # --- helpers ---------------------------------------------------------------------
    def _aftersales_partner_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.id)]

    def _aftersales_count(self, model):
        Model = request.env[model]
        return Model.search_count(self._aftersales_partner_domain()) if Model.has_access("read") else 0

    def _aftersales_list_values(self, model, url, page, sortings, filters, sortby, filterby, records_key):
        """Values of a sorted, filtered, paged list of the customer's ``model`` records."""
        sortby = sortby if sortby in sortings else next(iter(sortings))
        filterby = filterby if filterby in filters else next(iter(filters))
        domain = self._aftersales_partner_domain() + filters[filterby]["domain"]
        Model = request.env[model]
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=Model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = Model.search(
            domain, order=sortings[sortby]["order"], limit=self._items_per_page, offset=pager["offset"]
        )
        request.session[f"{records_key}_history"] = records.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                records_key: records.sudo(),
                "pager": pager,
                "default_url": url,
                "searchbar_sortings": sortings,
                "searchbar_filters": filters,
                "sortby": sortby,
                "filterby": filterby,
            }
        )
        return values

    def _aftersales_customer_tz(self):
        """The time zone the customer reads and types times in: their own setting,
        else the browser's (the ``tz`` cookie the web client sets), else their
        company's, else the service company's."""
        user = request.env.user.sudo()  # the portal user may not read the company partners
        candidates = (
            user.tz,
            request.cookies.get("tz"),
            user.partner_id.commercial_partner_id.tz,
            user.company_id.partner_id.tz,
        )
        return next((tz for tz in candidates if tz in pytz.all_timezones_set), "UTC")

    def _aftersales_render(self, template, values):
        """Render with every date and time in the customer's time zone."""
        request.update_context(tz=self._aftersales_customer_tz())
        return request.render(template, values)

    def _aftersales_record_or_404(self, model, record_id, access_token):
        try:
            return self._document_check_access(model, record_id, access_token)
        except (AccessError, MissingError) as error:
            raise NotFound() from error

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for key, model in (
            ("aftersales_request_count", "aftersales.request"),
            ("aftersales_equipment_count", "aftersales.equipment"),
            ("aftersales_contract_count", "aftersales.contract"),
        ):
            if key in counters:
                values[key] = self._aftersales_count(model)
        return values

    # --- service requests ------------------------------------------------------------
    @http.route(["/my/requests", "/my/requests/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_aftersales_requests(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "date": {"label": request.env._("Newest"), "order": "call_time desc, id desc"},
            "name": {"label": request.env._("Reference"), "order": "name desc"},
            "state": {"label": request.env._("Status"), "order": "state, call_time desc"},
        }
        filters = {
            "all": {"label": request.env._("All"), "domain": []},
            "open": {
                "label": request.env._("Ongoing"),
                "domain": [("state", "in", OPEN_STATES)],
            },
            "done": {"label": request.env._("Closed"), "domain": [("state", "=", "done")]},
        }
        values = self._aftersales_list_values(
            "aftersales.request",
            "/my/requests",
            page,
            sortings,
            filters,
            sortby,
            filterby,
            "service_requests",
        )
        values["page_name"] = "aftersales_requests"
        return self._aftersales_render("aftersales_service.portal_my_requests", values)

    @http.route(["/my/requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_my_aftersales_request(self, request_id, access_token=None, message=None, **kw):
        request_sudo = self._aftersales_record_or_404("aftersales.request", request_id, access_token)
        values = self._get_page_view_values(
            request_sudo,
            access_token,
            {
                "service_request": request_sudo,
                "page_name": "aftersales_request",
                "message": message,
                "customer_files": self._aftersales_customer_files(request_sudo),
            },
            "service_requests_history",
            False,
        )
        return self._aftersales_render("aftersales_service.portal_my_request", values)

    def _aftersales_customer_files(self, request_sudo):
        """The files of the request's messages the customer may read (the customer's
        uploads among them), each with an access token for its link. The token is only
        handed out on this page, which is itself shown only to the request's customer or
        to the holder of the request's token; without it the files stay closed to
        others (the attachments are not public)."""
        comment = request.env.ref("mail.mt_comment")
        messages = request_sudo.website_message_ids.filtered(
            lambda message: not message.is_internal and message.subtype_id == comment
        )
        files = messages.attachment_ids.filtered(
            lambda attachment: (
                attachment.res_model == request_sudo._name and attachment.res_id == request_sudo.id
            )
        ).sorted("id")
        files.generate_access_token()
        return files

    @http.route(
        ["/my/requests/<int:request_id>/voucher"], type="http", auth="public", website=True, readonly=True
    )
    def portal_aftersales_voucher(self, request_id, access_token=None, download=False, **kw):
        request_sudo = self._aftersales_record_or_404("aftersales.request", request_id, access_token)
        return self._show_report(
            model=request_sudo,
            report_type="pdf",
            report_ref="aftersales_service.action_report_service_voucher",
            download=download,
        )

    @http.route(["/my/requests/<int:request_id>/sign"], type="jsonrpc", auth="public", website=True)
    def portal_aftersales_sign(self, request_id, access_token=None, name=None, signature=None):
        return self._aftersales_sign(
            "aftersales.request",
            request_id,
            access_token,
            request.env._("This service request is not yours."),
            lambda request_sudo: request_sudo._sign_by_customer(name, signature),
        )

    def _aftersales_sign(self, model, record_id, access_token, not_yours, sign):
        """A document signed online: ``sign(record_sudo)`` once the token or the portal
        rules let the visitor in; answers as the portal's signature dialog expects."""
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            record_sudo = self._document_check_access(model, record_id, access_token=access_token)
        except (AccessError, MissingError):
            return {"error": not_yours}
        try:
            sign(record_sudo)
        except (UserError, ValidationError) as error:
            return {"error": str(error.args[0])}
        except (TypeError, ValueError):
            return {"error": request.env._("The signature could not be read.")}
        return {
            "force_refresh": True,
            "redirect_url": record_sudo.get_portal_url(query_string="&message=signed"),
        }

    @http.route(["/my/requests/new"], type="http", auth="user", website=True, methods=["GET"], readonly=True)
    def portal_new_aftersales_request(self, **kw):
        return self._aftersales_render(
            "aftersales_service.portal_new_request",
            # CTR-6: the maintenance reminder's link opens the form on the machine
            self._new_request_values({"equipment_id": kw.get("equipment_id", "")}, {}),
        )

    @http.route(["/my/requests/submit"], type="http", auth="user", website=True, methods=["POST"])
    def portal_submit_aftersales_request(self, **post):
        """PRT-2: the request lands in the back office exactly as a phone registration
        would, with channel 'portal'. Every check runs before anything is written."""
        errors = {}
        vals = self._parse_request_form(post, errors)
        files = request.httprequest.files.getlist("attachments")
        attachments = self._read_uploads(files, errors)
        if errors:
            return self._aftersales_render(
                "aftersales_service.portal_new_request", self._new_request_values(post, errors)
            )
        try:
            service_request = request.env["aftersales.request"].sudo().create(vals)
        except (UserError, ValidationError) as error:
            errors["form"] = str(error.args[0])
            return self._aftersales_render(
                "aftersales_service.portal_new_request", self._new_request_values(post, errors)
            )
        self._attach(service_request, attachments)
        service_request.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        return request.redirect(service_request.get_portal_url(query_string="&message=submitted"))

    def _new_request_values(self, post, errors):
        values = self._prepare_portal_layout_values()
        equipment = request.env["aftersales.equipment"].search(self._aftersales_partner_domain())
        values.update(
            {
                "page_name": "aftersales_request_new",
                "equipment": equipment.sudo(),
                "post": post,
                "errors": errors,
                "max_attachment_mb": MAX_ATTACHMENT_SIZE // (1024 * 1024),
            }
        )
        return values

    def _parse_request_form(self, post, errors):
        user = request.env.user
        customer = user.partner_id.commercial_partner_id
        vals = {
            "partner_id": customer.id,
            "contact_name": user.partner_id.name,
            "channel": "portal",
            "company_id": (customer.company_id or user.company_id).id,
        }
        symptom = (post.get("symptom") or "").strip()
        if not symptom:
            errors["symptom"] = request.env._("Describe the problem.")
        vals["symptom"] = symptom
        if post.get("equipment_id"):
            equipment = self._own_record("aftersales.equipment", post["equipment_id"])
            if not equipment:
                errors["equipment_id"] = request.env._("Choose one of your own machines.")
            vals["equipment_id"] = equipment.id
        if post.get("preferred_time"):
            preferred = self._parse_local_datetime(post["preferred_time"])
            if not preferred:
                errors["preferred_time"] = request.env._("The preferred time is not a valid date and time.")
            elif preferred < fields.Datetime.now():
                errors["preferred_time"] = request.env._("The preferred time is in the past.")
            vals["preferred_time"] = preferred
        vals.update(self._contact_details(user.partner_id, customer))
        return vals

    def _contact_details(self, contact, customer):
        return request.env["aftersales.request"].sudo()._get_contact_vals(contact, customer)

    def _own_record(self, model, record_id):
        """The customer's own record with this id (read through the portal rules and the
        commercial partner), or an empty recordset for anybody else's or a bad id."""
        try:
            record_id = int(record_id)
        except (TypeError, ValueError):
            return request.env[model]
        return request.env[model].search([("id", "=", record_id), *self._aftersales_partner_domain()])

    def _parse_local_datetime(self, value):
        try:
            local = datetime.strptime(value, "%Y-%m-%dT%H:%M")
        except (TypeError, ValueError):
            return False
        tz = pytz.timezone(self._aftersales_customer_tz())
        return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _read_uploads(self, files, errors):
        return read_uploads(request.env, files, errors)

    def _attach(self, record, uploads):
        attach(record, uploads, request.env.user.partner_id)

    # --- equipment and contracts -----------------------------------------------------
    @http.route(["/my/equipment", "/my/equipment/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_aftersales_equipment_list(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "name": {"label": request.env._("Name"), "order": "name"},
            "warranty": {"label": request.env._("Warranty End"), "order": "warranty_end desc"},
        }
        filters = {
            "all": {"label": request.env._("All"), "domain": []},
            "warranty": {"label": request.env._("In Warranty"), "domain": [("in_warranty", "=", True)]},
        }
        values = self._aftersales_list_values(
            "aftersales.equipment",
            "/my/equipment",
            page,
            sortings,
            filters,
            sortby,
            filterby,
            "equipment_list",
        )
        values["page_name"] = "aftersales_equipment"
        return self._aftersales_render("aftersales_service.portal_my_equipment_list", values)

    @http.route(["/my/equipment/<int:equipment_id>"], type="http", auth="public", website=True)
    def portal_my_aftersales_equipment(self, equipment_id, access_token=None, **kw):
        equipment_sudo = self._aftersales_record_or_404("aftersales.equipment", equipment_id, access_token)
        values = self._get_page_view_values(
            equipment_sudo,
            access_token,
            {"equipment": equipment_sudo, "page_name": "aftersales_equipment_detail"},
            "equipment_list_history",
            False,
        )
        return self._aftersales_render("aftersales_service.portal_my_equipment", values)

    @http.route(["/my/contracts", "/my/contracts/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_aftersales_contracts(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "end": {"label": request.env._("End Date"), "order": "date_end desc"},
            "name": {"label": request.env._("Reference"), "order": "name"},
        }
        filters = {
            "all": {"label": request.env._("All"), "domain": []},
            "active": {
                "label": request.env._("Running"),
                "domain": [("state", "in", ("active", "expiring"))],
            },
        }
        values = self._aftersales_list_values(
            "aftersales.contract", "/my/contracts", page, sortings, filters, sortby, filterby, "contracts"
        )
        values["page_name"] = "aftersales_contracts"
        return self._aftersales_render("aftersales_service.portal_my_contracts", values)

    @http.route(["/my/contracts/<int:contract_id>"], type="http", auth="public", website=True)
    def portal_my_aftersales_contract(self, contract_id, access_token=None, **kw):
        contract_sudo = self._aftersales_record_or_404("aftersales.contract", contract_id, access_token)
        values = self._get_page_view_values(
            contract_sudo,
            access_token,
            {"contract": contract_sudo, "page_name": "aftersales_contract"},
            "contracts_history",
            False,
        )
        return self._aftersales_render("aftersales_service.portal_my_contract", values)
