"""Browser tests of the opinion survey and the callback (SUR-1, SUR-2, SUR-4), and the
customer's survey list on the portal."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSurveyTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            "cb_clerk",
            name="Callback Clerk",
            groups="base.group_user,aftersales_service.group_aftersales_user",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "cb_sup",
            name="Callback Supervisor",
            groups="base.group_user,aftersales_service.group_aftersales_supervisor",
        )
        cls.technician = new_test_user(
            cls.env,
            "cb_tech",
            name="Callback Technician",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
        )
        cls.team = cls.env["aftersales.team"].create(
            {
                "name": "Callback Team",
                "supervisor_id": cls.supervisor.id,
                "callback_user_id": cls.clerk.id,
                "member_ids": [Command.set([cls.clerk.id, cls.supervisor.id, cls.technician.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Callback Tour Customer",
                "email": "tour@customer.example.com",
                "phone": "1",
                "aftersales_team_id": cls.team.id,
            }
        )
        cls.equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.env["product.product"].create({"name": "Tour Copier"}).id,
            }
        )
        cls.earlier = cls.close(cls.new_request("Earlier noise"))
        cls.request = cls.close(cls.new_request("Paper jam"))

    @classmethod
    def new_request(cls, symptom):
        return cls.env["aftersales.request"].create(
            {
                "partner_id": cls.customer.id,
                "equipment_id": cls.equipment.id,
                "symptom": symptom,
                "technician_id": cls.technician.id,
                "call_time": "2026-11-16 09:00:00",
            }
        )

    @classmethod
    def close(cls, request):
        request.action_verify()
        request.action_dispatch()
        request.action_arrive()
        request.write({"work_done": "Fixed", "no_signature_reason": "Away"})
        request.action_close()
        return request

    def test_customer_answers_the_survey_from_the_invitation_link(self):
        user_input = (
            self.env["aftersales.request"]
            ._cron_send_surveys()
            .filtered(lambda i: i.aftersales_request_id == self.request)
        )
        # the public visitor (no login) opens the link of the invitation mail
        self.start_tour(user_input.get_start_url(), "aftersales_survey_answer_tour", timeout=120)
        self.assertEqual(user_input.state, "done")
        self.assertEqual(
            [
                user_input.aftersales_score_attitude,
                user_input.aftersales_score_skill,
                user_input.aftersales_score_arrival,
                user_input.aftersales_score_promise,
            ],
            [4, 2, 1, 2],
        )
        self.assertEqual(self.request.satisfaction_score, 2.25)
        self.assertEqual(user_input.aftersales_suggestion, "Please call before coming.")
        self.assertEqual(
            self.request.activity_ids.user_id, self.supervisor, "the suggestion reached the supervisor"
        )

    def test_agent_records_a_callback(self):
        self.earlier.callback_ids.action_cancel()
        self.start_tour(
            "/odoo/action-aftersales_survey.action_aftersales_callback",
            "aftersales_callback_tour",
            login="cb_clerk",
            timeout=120,
        )
        callback = self.request.callback_ids
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.result, "reached")
        self.assertEqual(callback.satisfaction, "very_satisfied")
        self.assertEqual(callback.product_working, "yes")
        self.assertEqual(callback.contact_person, "Mr. Tour")
        self.assertEqual(callback.caller_id, self.clerk)

    def test_portal_lists_the_company_surveys_only(self):
        inputs = self.env["aftersales.request"]._cron_send_surveys()
        mine = inputs.filtered(lambda i: i.partner_id == self.customer)
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id, "email": "b@x.example"}
        )
        new_test_user(self.env, "cb_portal", groups="base.group_portal", partner_id=contact.id)
        stranger = self.env["res.partner"].create({"name": "Stranger Co", "email": "s@x.example"})
        new_test_user(self.env, "cb_stranger", groups="base.group_portal", partner_id=stranger.id)

        self.authenticate("cb_portal", "cb_portal")
        page = self.url_open("/my/surveys").text
        for user_input in mine:
            self.assertIn(user_input.access_token, page, "a contact sees the company's surveys")
        self.assertIn(self.request.name, page)

        self.authenticate("cb_stranger", "cb_stranger")
        page = self.url_open("/my/surveys").text
        self.assertNotIn(self.request.name, page)
        for user_input in mine:
            self.assertNotIn(user_input.access_token, page)
