from odoo.exceptions import AccessError, UserError, ValidationError

from .common import AftersalesCase
from .query_budget import QueryBudgetMixin


class TestSpotCheck(QueryBudgetMixin, AftersalesCase):
    """RPR-8: every week the team's share of each technician's closed requests is drawn
    for the supervisor's quality review; a fail opens a rework request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.spot_check_rate = 50.0
        cls.SpotCheck = cls.env["aftersales.spot.check"]

    def closed(self, count, technician=None):
        requests = self.env["aftersales.request"].create(
            [{"partner_id": self.customer.id, "equipment_id": self.equipment.id, "symptom": "Jam"}] * count
        )
        requests.technician_id = technician or self.tech_a
        requests.action_dispatch()
        requests.action_arrive()
        requests.write({"work_done": "Fixed", "no_signature_reason": "Away"})
        requests.action_close()
        return requests

    def test_weekly_draw_takes_the_share_per_technician_once(self):
        of_a, of_b = self.closed(4), self.closed(2, technician=self.tech_b)
        open_request = self.dispatched_request()
        self.SpotCheck._cron_draw_spot_checks()
        checks = self.SpotCheck.search([("request_id.team_id", "=", self.team.id)])
        self.assertEqual(len(checks.filtered(lambda c: c.technician_id == self.tech_a)), 2)
        self.assertEqual(len(checks.filtered(lambda c: c.technician_id == self.tech_b)), 1)
        self.assertLessEqual(checks.request_id, of_a | of_b)
        self.assertNotIn(open_request, checks.request_id)
        self.SpotCheck._cron_draw_spot_checks()
        self.assertEqual(self.SpotCheck.search_count([("request_id.team_id", "=", self.team.id)]), 3)

    def test_a_team_without_share_is_not_drawn(self):
        self.team.spot_check_rate = 0.0
        self.closed(3)
        self.SpotCheck._cron_draw_spot_checks()
        self.assertFalse(self.SpotCheck.search([("request_id.team_id", "=", self.team.id)]))

    def test_a_spot_check_on_an_open_job_is_refused(self):
        with self.assertRefused(ValidationError, "not closed"):
            self.SpotCheck.create({"request_id": self.dispatched_request().id})
        self.assertFalse(self.SpotCheck.search([]).filtered(lambda c: c.request_id.state != "done"))

    def test_fail_opens_a_rework_request_and_counts_for_the_technician(self):
        request = self.closed(1)
        check = self.SpotCheck.create({"request_id": request.id})
        review = check.with_user(self.supervisor)
        with self.assertRefused(UserError, "notes"):
            review.action_fail()
        review.note = "Paper still jams"
        review.action_fail()
        self.assertEqual((check.state, check.result, check.reviewer_id), ("done", "fail", self.supervisor))
        rework = check.rework_request_id
        self.assertTrue(rework)
        self.assertNotEqual(rework, request)
        self.assertEqual((rework.state, rework.equipment_id), ("new", request.equipment_id))
        self.assertEqual(rework.symptom, "Paper still jams")
        passed = self.SpotCheck.create({"request_id": self.closed(1).id})
        passed.with_user(self.supervisor).action_pass()
        self.assertFalse(passed.rework_request_id)
        with self.assertRefused(UserError, "already been reviewed"):
            passed.with_user(self.supervisor).action_pass()
        groups = self.SpotCheck._read_group(
            [("id", "in", (check | passed).ids)], ["technician_id"], ["__count", "fail_count:sum"]
        )
        self.assertEqual(groups, [(self.tech_a, 2, 1)])

    def test_the_technician_cannot_review_their_own_work(self):
        check = self.SpotCheck.create({"request_id": self.closed(1).id})
        with self.assertRaises(AccessError):
            check.with_user(self.tech_a).read(["result"])
        with self.assertRaises(AccessError):
            check.with_user(self.tech_a).write({"note": "fine"})

    def test_the_status_column_is_labelled_status_in_both_languages(self):
        """The list's state column reads "Status" (状态 in zh_CN), the word of Odoo's
        own lists."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)
        self.assertEqual(self.SpotCheck.fields_get(["state"])["state"]["string"], "Status")
        zh_label = self.SpotCheck.with_context(lang="zh_CN").fields_get(["state"])["state"]["string"]
        self.assertEqual(zh_label, "状态")

    def test_weekly_draw_queries(self):
        self.assertFlatQueries(self.closed, lambda requests: self.SpotCheck._cron_draw_spot_checks())
