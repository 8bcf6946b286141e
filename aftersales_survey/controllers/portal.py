from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.http import request


class AftersalesSurveyPortal(CustomerPortal):
    """SUR-1: the opinion surveys of the customer's company on /my/surveys. Portal users
    have no rights on survey answers: the list is read as superuser, restricted to the
    commercial partner's contacts, and each answer is opened with its own token."""

    def _aftersales_survey_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("aftersales_request_id", "!=", False), ("partner_id", "child_of", partner.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "aftersales_survey_count" in counters:
            values["aftersales_survey_count"] = (
                request.env["survey.user_input"]
                .sudo()
                .search_count([*self._aftersales_survey_domain(), ("state", "!=", "done")])
            )
        return values

    @http.route(["/my/surveys", "/my/surveys/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_aftersales_surveys(self, page=1, **kw):
        UserInput = request.env["survey.user_input"].sudo()
        domain = self._aftersales_survey_domain()
        pager = portal_pager(
            url="/my/surveys", total=UserInput.search_count(domain), page=page, step=self._items_per_page
        )
        surveys = UserInput.search(
            domain, order="state, create_date desc", limit=self._items_per_page, offset=pager["offset"]
        )
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "surveys": surveys,
                # a colleague's survey is listed, but answered by that colleague
                "answerable_surveys": surveys.filtered(lambda i: i._aftersales_answerable_by(partner)),
                "pager": pager,
                "page_name": "aftersales_survey",
            }
        )
        return request.render("aftersales_survey.portal_my_aftersales_surveys", values)
