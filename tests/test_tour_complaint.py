"""Browser test of a complaint from a survey answer to closing (CMP-1 … CMP-6, CMP-10)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            "cmp_manager",
            name="Complaint Manager",
            groups="base.group_user,aftersales_service.group_aftersales_manager,account.group_account_invoice",
        )
        technician = new_test_user(
            cls.env, "cmp_tech", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        team = cls.env["aftersales.team"].create(
            {
                "name": "Complaint Team",
                "supervisor_id": cls.manager.id,
                "member_ids": [Command.set([cls.manager.id, technician.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Complaint Tour Customer",
                "phone": "1",
                "email": "c@x.example",
                "aftersales_team_id": team.id,
            }
        )
        request = cls.env["aftersales.request"].create(
            {
                "partner_id": cls.customer.id,
                "symptom": "Noise",
                "technician_id": technician.id,
                "call_time": "2026-11-16 09:00:00",
            }
        )
        request.action_verify()
        request.action_dispatch()
        request.action_arrive()
        request.write({"work_done": "Fixed", "no_signature_reason": "Away"})
        request.action_close()
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "ref": "TOUR-INV",
                "invoice_line_ids": [
                    Command.create({"name": "Visit", "quantity": 1, "price_unit": 500, "tax_ids": []})
                ],
            }
        )
        cls.invoice.action_post()
        cls.invoice.name = "TOUR-INV/0001"
        survey = request._send_surveys()
        questions = survey.survey_id.question_ids
        for question in questions.filtered(lambda q: q.aftersales_criterion not in (False, "suggestion")):
            poor = question.suggested_answer_ids.filtered(lambda a: a.aftersales_points == 1)
            survey._save_lines(question, str(poor.id))
        survey._save_lines(
            questions.filtered(lambda q: q.aftersales_criterion == "suggestion"), "Came late and rude"
        )
        survey._mark_done()
        cls.survey_input = survey

    def test_complaint_from_survey_to_credit_note_and_close(self):
        # the survey answer already registered a complaint; the tour raises a second
        # one by hand from the answer form, as customer service does on the phone
        self.survey_input.aftersales_complaint_id.action_cancel()
        self.survey_input.aftersales_complaint_id = False
        self.start_tour(
            f"/odoo/survey.user_input/{self.survey_input.id}",
            "aftersales_complaint_tour",
            login="cmp_manager",
            timeout=180,
        )
        complaint = self.env["aftersales.complaint"].search(
            [("survey_input_id", "=", self.survey_input.id), ("state", "=", "closed")]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.source, "survey")
        self.assertEqual(complaint.approved_by_id, self.manager)
        self.assertEqual(complaint.credit_note_id.amount_total, 80)
        self.assertEqual(complaint.credit_note_id.reversed_entry_id, self.invoice)
        self.assertTrue(all(task.state == "done" for task in complaint.task_ids))
        self.assertTrue(complaint.visit_date)
