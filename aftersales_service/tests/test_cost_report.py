from odoo import Command
from odoo.exceptions import ValidationError

from .test_fees import FeesCase


class TestCostReport(FeesCase):
    """SVC-13 on a known data set: labour at the technician's cost rate, parts at cost,
    travel and subsidies against the posted invoice of the paid visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_a.aftersales_cost_rate = 40.0
        cls.tech_b.aftersales_cost_rate = 30.0
        cls.stock_part.standard_price = 22.0

    def paid_visit(self):
        """2 h of tech_a, one fuser (cost 22), travel 35, subsidy 15, other 5; the
        quotation (2 h x 100 + visit 80 + fuser 50 = 330) invoiced and posted."""
        request = self.on_site_request()
        self.record_work(request, hours=2.0, part_qty=1.0)
        request.cost_ids = [
            Command.create({"kind": "travel", "amount": 35.0}),
            Command.create({"kind": "subsidy", "amount": 15.0}),
            Command.create({"kind": "other", "amount": 5.0, "description": "Parking"}),
        ]
        request.action_close()
        order = request.sale_order_id
        order.action_confirm()
        order._create_invoices().action_post()
        return request

    def report_row(self, request, user=None):
        self.env.flush_all()
        return (
            self.env["aftersales.cost.report"]
            .with_user(user or self.env.user)
            .search([("request_id", "=", request.id)])
        )

    def test_costs_and_margin_of_a_paid_visit(self):
        row = self.report_row(self.paid_visit())
        self.assertRecordValues(
            row,
            [
                {
                    "hours": 2.0,
                    "labour_cost": 80.0,
                    "parts_cost": 22.0,
                    "travel_cost": 35.0,
                    "subsidy_cost": 15.0,
                    "other_cost": 5.0,
                    "total_cost": 157.0,
                    "invoiced": 330.0,
                    "margin": 173.0,
                }
            ],
        )

    def test_free_visit_is_a_cost_only(self):
        """Warranty work (C) is not charged: its margin is its cost, negative."""
        request = self.on_site_request(equipment=self.equipment)
        self.assertEqual(request.category, "C")
        self.record_work(request, hours=1.5, part_qty=2.0)
        request.action_close()
        row = self.report_row(request)
        self.assertRecordValues(
            row,
            [
                {
                    "labour_cost": 60.0,
                    "parts_cost": 44.0,
                    "total_cost": 104.0,
                    "invoiced": 0.0,
                    "margin": -104.0,
                }
            ],
        )

    def test_totals_by_team_and_the_supervisors_view(self):
        mine = self.paid_visit()
        other = self.on_site_request(equipment=self.equipment)
        self.record_work(other, hours=1.0, part_qty=1.0)
        other.action_close()
        self.env.flush_all()
        [(total_cost, invoiced, margin)] = self.env["aftersales.cost.report"]._read_group(
            [("team_id", "=", self.team.id)], [], ["total_cost:sum", "invoiced:sum", "margin:sum"]
        )
        self.assertEqual((total_cost, invoiced, margin), (157.0 + 62.0, 330.0, 173.0 - 62.0))
        # a supervisor of another team sees none of these rows; the team's supervisor does
        outsider = self.env["res.users"].create(
            {
                "name": "Other Supervisor",
                "login": "t_other_supervisor",
                "group_ids": [
                    Command.set(self.env.ref("aftersales_service.group_aftersales_supervisor").ids)
                ],
            }
        )
        self.other_team.supervisor_id = outsider
        self.assertFalse(self.report_row(mine, user=outsider))
        self.assertTrue(self.report_row(mine, user=self.supervisor))

    def test_negative_cost_rate_refused(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.tech_a.aftersales_cost_rate = -1.0
        self.assertEqual(self.tech_a.aftersales_cost_rate, 40.0)
