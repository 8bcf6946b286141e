from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .common import AftersalesCase


class TestOutOfTown(AftersalesCase):
    """SVC-11: a visit out of the team's area (异地) needs the team manager's approval
    of an out-of-town application before the technician sets off; travel expenses and
    subsidies are recorded as the request's costs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_manager = new_test_user(
            cls.env, "t_team_manager", groups="base.group_user,aftersales_service.group_aftersales_manager"
        )
        cls.team.manager_id = cls.team_manager
        cls.far_customer = cls.env["res.partner"].create(
            {
                "name": "Far Customer",
                "street": "1 Renmin Road, Hefei",
                "phone": "+86 551 1234 5678",
                "service_zone": "out_of_area",
                "aftersales_team_id": cls.team.id,
            }
        )
        cls.far_equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.far_customer.id,
                "product_id": cls.copier.id,
                "serial_number": "SN-FAR-1",
                "purchase_date": "2026-01-15",
            }
        )

    def far_request(self):
        return self.dispatched_request(partner_id=self.far_customer.id, equipment_id=self.far_equipment.id)

    def apply(self, request, user=None):
        return (
            self.env["aftersales.travel.application"]
            .with_user(user or self.tech_a)
            .create(
                {
                    "request_id": request.id,
                    "days": 2,
                    "travel_mode": "train",
                    "estimated_travel_cost": 600,
                    "estimated_subsidy": 200,
                }
            )
        )

    def test_technician_cannot_set_off_before_approval(self):
        request = self.far_request()
        self.assertEqual(request.travel_state, "to_apply")
        for action in ("action_on_my_way", "action_arrive"):
            with self.assertRefused(UserError, "out-of-town visit"):
                getattr(request.with_user(self.tech_a), action)()
        application = self.apply(request)
        application.action_submit()
        self.assertEqual(request.travel_state, "pending")
        with self.assertRefused(UserError, "out-of-town visit"):
            request.with_user(self.tech_a).action_arrive()
        self.assertEqual(request.state, "dispatched")

        application.with_user(self.team_manager).action_approve()
        self.assertEqual(application.state, "approved")
        self.assertEqual(application.decided_by_id, self.team_manager)
        request.with_user(self.tech_a).action_on_my_way()
        request.with_user(self.tech_a).action_arrive()
        self.assertEqual(request.state, "in_progress")

    def test_urban_visit_needs_no_application(self):
        request = self.dispatched_request()
        self.assertFalse(request.travel_state)
        request.action_arrive()
        self.assertEqual(request.state, "in_progress")

    def test_only_the_team_manager_approves_and_never_their_own(self):
        request = self.far_request()
        application = self.apply(request)
        application.action_submit()
        for user in (self.clerk, self.supervisor, self.tech_a):
            with self.subTest(user=user.login), self.assertRefused(UserError, "Only the manager of team"):
                application.with_user(user).action_approve()
        self.assertEqual(application.state, "submitted")

        own = self.apply(self.far_request(), user=self.team_manager)
        own.action_submit()
        with self.assertRefused(UserError, "your own application"):
            own.with_user(self.team_manager).action_approve()
        self.assertEqual(own.state, "submitted")

    def test_refused_application_keeps_the_technician_home(self):
        request = self.far_request()
        application = self.apply(request)
        application.action_submit()
        application.with_user(self.team_manager).action_refuse()
        self.assertEqual(request.travel_state, "to_apply")
        with self.assertRefused(UserError, "out-of-town visit"):
            request.with_user(self.tech_a).action_on_my_way()
        application.with_user(self.tech_a).action_reset_to_draft()
        self.assertEqual(application.state, "draft")

    def test_submit_without_team_manager_refused(self):
        self.team.manager_id = False
        application = self.apply(self.far_request())
        with self.assertRefused(UserError, "has no manager"):
            application.action_submit()
        self.assertEqual(application.state, "draft")

    def test_bad_figures_refused(self):
        request = self.far_request()
        with self.assertRefused(ValidationError, "at least one day"):
            self.apply(request).days = 0
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.apply(request).estimated_subsidy = -1
        with self.assertRefused(ValidationError, "cannot be negative"):
            request.cost_ids = [Command.create({"kind": "travel", "amount": -5})]
        self.assertFalse(request.cost_ids)

    def test_technician_records_costs_of_own_visit_only(self):
        request = self.far_request()
        request.with_user(self.tech_a).write(
            {
                "cost_ids": [
                    Command.create({"kind": "travel", "amount": 580, "description": "High-speed train"}),
                    Command.create({"kind": "subsidy", "amount": 200}),
                ]
            }
        )
        self.assertEqual(sum(request.cost_ids.mapped("amount")), 780)
        with self.assertRaises(AccessError):
            request.cost_ids[0].with_user(self.tech_b).read(["amount"])
        with self.assertRaises(AccessError):
            self.apply(request, user=self.tech_b)

    def test_out_of_town_sla_is_the_suburban_one(self):
        self.team.write({"sla_hours_urban": 6, "sla_hours_suburban": 7})
        self.assertEqual(self.far_request().sla_hours, 7)

    def test_application_prints_with_the_managers_decision(self):
        application = self.apply(self.far_request())
        application.action_submit()
        application.with_user(self.team_manager).action_approve()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("aftersales_service.action_report_travel_application", application.ids)[0]
            .decode()
        )
        for text in (
            "Out-of-Town Service Application",
            "Far Customer",
            "t_tech_a",
            "t_team_manager",
            "600.00",
        ):
            self.assertIn(text, html)
