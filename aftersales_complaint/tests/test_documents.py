from freezegun import freeze_time
from lxml import html as lxml_html

from .common import ComplaintCase

PENALTY_NOTICE = "aftersales_complaint.action_report_penalty_notice"


class TestComplaintDocuments(ComplaintCase):
    def test_penalty_notice_is_a4_with_letterhead_and_receipt_boxes(self):
        """CMP-9: the penalty notice on the company's A4 letterhead, with boxes for the
        person sanctioned and human resources inside the margins."""
        with freeze_time("2026-10-01 08:00:00"):
            complaint = self.investigated(
                resolution_type="rejected",
                responsible_department="service",
                responsible_user_id=self.tech_a.id,
                penalty_type="bonus_deduction",
                penalty_amount=50,
            )
            complaint.action_approve()
            self.finish_tasks_and_visit(complaint)
            complaint.action_close()
        wizard = self.env["aftersales.complaint.review.wizard"].create({"month": "2026-10-15"})
        review = self.env["aftersales.complaint.review"].browse(wizard.action_open()["res_id"])
        review.with_user(self.general_manager).action_approve()
        review.action_issue()
        self.assertEqual(self.env.ref(PENALTY_NOTICE).get_paperformat().format, "A4")
        html, _format = self.env["ir.actions.report"]._render_qweb_html(PENALTY_NOTICE, review.ids)
        doc = lxml_html.fromstring(html.decode())
        self.assertIn(self.env.company.name, doc.get_element_by_id("letterhead").text_content())
        boxes = doc.get_element_by_id("penalty_signature")
        self.assertEqual(boxes.tag, "table")
        self.assertEqual(
            [cell.text_content() for cell in boxes.findall(".//td")], ["Received By", "Human Resources"]
        )
