from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import ComplaintCase


class TestComplaintReview(ComplaintCase):
    """CMP-9: last month's closed complaints reviewed by the 10th; penalties issued
    only after the general manager's approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.september = cls.close_on("2026-09-30 23:00:00")
        cls.october = cls.close_on(
            "2026-10-01 08:00:00",
            responsible_department="service",
            responsible_user_id=cls.tech_a.id,
            loss_amount=300,
            penalty_type="bonus_deduction",
            penalty_amount=50,
        ) | cls.close_on("2026-10-31 20:00:00")
        cls.november = cls.close_on("2026-11-01 08:00:00")
        cls.still_open = cls.investigated()

    def test_review_picks_exactly_last_months_closed_complaints(self):
        with freeze_time("2026-11-01 06:00:00"):
            review = self.env["aftersales.complaint.review"]._cron_monthly_review()
            self.assertEqual(review.name, "2026-10")
            self.assertEqual(str(review.date_deadline), "2026-11-10")
            self.assertEqual(review.complaint_ids, self.october)
            self.assertEqual(review.total_penalty, 50)
            todo = review.activity_ids
            self.assertTrue(todo.user_id.has_group("aftersales_complaint.group_complaint_general_manager"))
            self.assertEqual(
                self.env["aftersales.complaint.review"]._cron_monthly_review(), review, "re-run: same review"
            )
        self.assertEqual(
            len(self.env["aftersales.complaint.review"].search([("month", "=", "2026-10-01")])), 1
        )

    def test_penalties_need_the_general_managers_approval(self):
        wizard = self.env["aftersales.complaint.review.wizard"].create({"month": "2026-10-15"})
        review = self.env["aftersales.complaint.review"].browse(wizard.action_open()["res_id"])
        with self.assertRefused(UserError, "only after the general manager approved"):
            review.action_issue()
        with self.assertRefused(UserError, "Only the general manager"):
            review.with_user(self.vice_president).action_approve()
        self.assertEqual(review.state, "draft")
        review.with_user(self.general_manager).action_approve()
        review.action_issue()
        self.assertEqual(review.state, "issued")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("aftersales_complaint.action_report_penalty_notice", review.ids)[0]
            .decode()
        )
        self.assertIn(self.october[0].name, html)
        self.assertIn(self.tech_a.name, html)
        self.assertNotIn(self.october[1].name, html, "no penalty, no notice")
