from freezegun import freeze_time

from odoo.addons.aftersales_service.tests.query_budget import QueryBudgetMixin

from .common import ComplaintCase


class TestComplaintQueryCounts(QueryBudgetMixin, ComplaintCase):
    """Query-count guard for the complaint clocks cron."""

    def accepted(self, count):
        complaints = self.env["aftersales.complaint"].create(
            [
                {"partner_id": self.customer.id, "description": "<p>x</p>", "complaint_type": "quality"}
                for _i in range(count)
            ]
        )
        with freeze_time("2026-11-16 09:00:00"):
            complaints.action_accept()
        return complaints

    def test_accepting(self):
        self.assertFlatQueries(
            lambda count: self.env["aftersales.complaint"].create(
                [
                    {"partner_id": self.customer.id, "description": "<p>x</p>", "complaint_type": "quality"}
                    for _i in range(count)
                ]
            ),
            lambda complaints: complaints.action_accept(),
        )

    @freeze_time("2026-11-19 10:00:00")
    def test_escalation_cron(self):
        self.assertFlatQueries(
            self.accepted, lambda complaints: self.env["aftersales.complaint"]._cron_escalate()
        )
