"""SUR-1/2 through the survey's own HTTP routes, as the survey page calls them: a repeat
customer answers the survey of every request, a portal contact of the company answers
from /my/surveys, and a portal user of another company can neither open nor submit it."""

import re

from odoo import http
from odoo.addons.aftersales_service.tests.common import close_on_site
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SurveyCase


@tagged("post_install", "-at_install")
class TestSurveyPortalAnswers(SurveyCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.is_company = True
        cls.contact = cls.env["res.partner"].create(
            {"name": "Buyer Wang", "parent_id": cls.customer.id, "email": "wang@urban.example.com"}
        )
        new_test_user(
            cls.env, "sur_contact", name="Buyer Wang", groups="base.group_portal", partner_id=cls.contact.id
        )
        colleague = cls.env["res.partner"].create({"name": "Buyer Li", "parent_id": cls.customer.id})
        new_test_user(
            cls.env, "sur_colleague", name="Buyer Li", groups="base.group_portal", partner_id=colleague.id
        )
        rival = cls.env["res.partner"].create({"name": "Rival Ltd", "is_company": True})
        cls.rival_contact = cls.env["res.partner"].create(
            {"name": "Rival Buyer", "parent_id": rival.id, "email": "buyer@rival.example.com"}
        )
        new_test_user(
            cls.env,
            "sur_rival",
            name="Rival Buyer",
            groups="base.group_portal",
            partner_id=cls.rival_contact.id,
        )

    # The server reads the database through this test's cursor, not its cache.
    def url_open(self, *args, **kwargs):
        self.env.flush_all()
        response = super().url_open(*args, **kwargs)
        self.env.invalidate_all()
        return response

    def make_jsonrpc_request(self, *args, **kwargs):
        self.env.flush_all()
        result = super().make_jsonrpc_request(*args, **kwargs)
        self.env.invalidate_all()
        return result

    # --- the survey page's calls --------------------------------------------------------
    def open_survey(self, user_input):
        """What the link of the invitation (or of /my/surveys) opens: the survey page."""
        response = self.url_open(user_input.get_start_url())
        self.assertEqual(response.status_code, 200)
        return response.text

    def rpc(self, route, user_input, params):
        result = self.make_jsonrpc_request(
            f"{route}/{self.survey.access_token}/{user_input.access_token}", params
        )
        return result[1]

    def submit(self, user_input, points=4):
        """Start the survey, then send the one page with all four ratings."""
        started = self.rpc("/survey/begin", user_input, {})
        if started.get("error"):
            return started
        answers = {
            str(self.question(criterion).id): str(self.level(criterion, points).id)
            for criterion in ("attitude", "skill", "arrival", "promise")
        }
        answers[str(self.question("suggestion").id)] = ""
        return self.rpc("/survey/submit", user_input, answers)

    def answer_over_http(self, user_input, points=4):
        page = self.open_survey(user_input)
        self.assertIn(f'data-answer-token="{user_input.access_token}"', page)
        result = self.submit(user_input, points)
        self.assertFalse(result.get("error"), result)
        self.assertEqual(user_input.state, "done")

    def file_portal_request(self, symptom):
        """The contact files the request from the portal (PRT-2), in the company's name."""
        response = self.url_open(
            "/my/requests/submit",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "symptom": symptom,
                "equipment_id": str(self.equipment.id),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)  # to the new request's page
        service_request = self.env["aftersales.request"].search([("symptom", "=", symptom)])
        self.assertEqual(service_request.partner_id, self.customer)
        return service_request

    def close(self, service_request):
        return close_on_site(service_request, self.tech_a)

    def portal_answer_link(self, user_input):
        page = self.url_open("/my/surveys").text
        self.assertIn(user_input.aftersales_request_id.name, page)
        links = re.findall(r'class="[^"]*o_aftersales_survey_answer[^"]*"\s+href="([^"]+)"', page)
        return [link.replace("&amp;", "&") for link in links]

    # --- tests ------------------------------------------------------------------------
    def test_a_repeat_customer_answers_the_survey_of_every_request(self):
        """SUR-1: one attempt per request, not per customer: the second survey the same
        customer receives is submitted like the first (it was refused as unauthorized)."""
        first = self.closed_request(symptom="Paper jam")
        second = self.closed_request(symptom="Toner smear")
        inputs = self.send_surveys()
        self.assertEqual(inputs.aftersales_request_id, first | second)
        self.assertEqual(set(inputs.mapped("partner_id")), {self.customer})
        # the customer opens each invitation link, signed out as from the mail
        for user_input, points in zip(inputs.sorted("id"), (4, 2), strict=True):
            self.answer_over_http(user_input, points)
        self.assertEqual(first.survey_state, "answered")
        self.assertEqual(second.survey_state, "answered")
        self.assertEqual(sorted(inputs.mapped("aftersales_overall_score")), [2.0, 4.0])

    def test_the_contact_who_filed_the_request_answers_from_the_portal(self):
        """SUR-1: a request a portal contact filed for its company is surveyed to that
        contact, who answers it from /my/surveys; so does the company's next request."""
        self.authenticate("sur_contact", "sur_contact")
        requests = self.close(self.file_portal_request("Jam filed on the portal"))
        requests |= self.close(self.file_portal_request("Noise filed on the portal"))
        inputs = self.send_surveys()
        self.assertEqual(inputs.aftersales_request_id, requests)
        self.assertEqual(set(inputs.mapped("partner_id")), {self.contact})
        # a colleague sees the company's surveys, sent to the contact, without a link
        self.authenticate("sur_colleague", "sur_colleague")
        for user_input in inputs:
            self.assertEqual(self.portal_answer_link(user_input), [])
            self.assertNotIn(f'data-answer-token="{user_input.access_token}"', self.open_survey(user_input))
        self.assertIn(self.contact.name, self.url_open("/my/surveys").text)

        self.authenticate("sur_contact", "sur_contact")
        for user_input in inputs.sorted("id"):
            links = self.portal_answer_link(user_input)
            self.assertIn(user_input.get_start_url(), links)
            page = self.url_open(user_input.get_start_url()).text
            self.assertIn(f'data-answer-token="{user_input.access_token}"', page)
            self.assertFalse(self.submit(user_input).get("error"))
            self.assertEqual(user_input.state, "done")
        self.assertNotIn("o_aftersales_survey_answer", self.url_open("/my/surveys").text)

    def test_a_contact_answers_the_survey_of_a_request_registered_for_the_company(self):
        """SUR-1: a request the service desk registered for the company: its survey
        belongs to the company and any of the company's contacts answers it from the
        portal (Odoo's survey opened it to the company's own partner only)."""
        self.closed_request(symptom="Called in by phone")
        user_input = self.send_surveys()
        self.assertEqual(user_input.partner_id, self.customer)
        self.authenticate("sur_contact", "sur_contact")
        self.assertIn(user_input.get_start_url(), self.portal_answer_link(user_input))
        self.answer_over_http(user_input)

    def test_a_portal_user_of_another_company_can_neither_open_nor_submit_it(self):
        """Security: signed in, a portal user of another company holding the link is
        refused by every survey route and leaves nothing, and the customer's contact
        still answers the survey afterwards."""
        self.closed_request(symptom="Paper jam")
        user_input = self.send_surveys()
        self.authenticate("sur_rival", "sur_rival")
        self.assertNotIn(user_input.aftersales_request_id.name, self.url_open("/my/surveys").text)
        page = self.url_open(user_input.get_start_url()).text
        self.assertNotIn(f'data-answer-token="{user_input.access_token}"', page)
        self.assertEqual(self.rpc("/survey/begin", user_input, {}), {"error": "answer_wrong_user"})
        ratings = {str(self.question("attitude").id): str(self.level("attitude", 1).id)}
        self.assertEqual(self.rpc("/survey/submit", user_input, ratings), {"error": "answer_wrong_user"})
        self.assertEqual(user_input.state, "new")
        self.assertFalse(user_input.user_input_line_ids)

        self.authenticate("sur_contact", "sur_contact")
        self.answer_over_http(user_input)
