from lxml import html as lxml_html

from .common import SurveyCase

EVALUATION = "aftersales_survey.action_report_technician_evaluation"


class TestSurveyDocuments(SurveyCase):
    def test_monthly_evaluation_is_a4_with_letterhead_and_sign_off_boxes(self):
        """SUR-3: the printed evaluation on the company's A4 letterhead, signed off by the
        supervisor and the branch manager in boxes that stay inside the margins."""
        wizard = (
            self.env["aftersales.evaluation.report.wizard"]
            .with_user(self.supervisor)
            .create({"team_id": self.team.id, "month": "2026-11-18"})
        )
        self.assertEqual(self.env.ref(EVALUATION).get_paperformat().format, "A4")
        html, _format = self.env["ir.actions.report"]._render_qweb_html(EVALUATION, wizard.ids)
        doc = lxml_html.fromstring(html.decode())
        self.assertIn(self.env.company.name, doc.get_element_by_id("letterhead").text_content())
        boxes = doc.get_element_by_id("evaluation_signature")
        self.assertEqual(boxes.tag, "table")
        self.assertEqual(
            [cell.text_content() for cell in boxes.findall(".//td")],
            ["Service Supervisor", "Branch Manager"],
        )
