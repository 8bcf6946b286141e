"""Browser test of the manager's dashboard in Odoo's Dashboards app (RPT-3)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestManagerDashboardTour(HttpCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "dash_manager", groups="base.group_user,aftersales_service.group_aftersales_manager"
        )
        technician = new_test_user(
            cls.env, "dash_tech", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        team = cls.env["aftersales.team"].create(
            {"name": "Dashboard Team", "member_ids": [Command.set([technician.id])]}
        )
        customer = cls.env["res.partner"].create(
            {
                "name": "Dashboard Customer",
                "street": "1 Road",
                "phone": "+86 21 1111 2222",
                "aftersales_team_id": team.id,
            }
        )
        cls.env["aftersales.request"].create({"partner_id": customer.id, "symptom": "No power"})

    def test_manager_opens_the_dashboard(self):
        self.start_tour(
            "/odoo/dashboards", "aftersales_manager_dashboard_tour", login="dash_manager", timeout=120
        )
