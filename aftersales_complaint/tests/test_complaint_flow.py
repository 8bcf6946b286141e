import re
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common import ComplaintCase


class TestComplaintFlow(ComplaintCase):
    """CMP-1/2/3/4/7/8/10: numbering, acceptance, clocks and escalation, tasks, visit,
    closing and reopening."""

    def test_numbering_rule(self):
        self.env["aftersales.complaint"].search([]).write({"escalation": "closing_overdue"})  # demo data
        first, second = self.new_complaint(), self.new_complaint()
        self.assertRegex(first.name, r"^KS\d{6}-\d{4}$")
        number = lambda c: int(re.search(r"(\d{4})$", c.name).group(1))  # noqa: E731
        self.assertEqual(number(second), number(first) + 1)

    def test_accepting_sets_up_tasks_and_the_supervisor_visit(self):
        complaint = self.new_complaint()
        with freeze_time("2026-11-16 09:00:00"):
            complaint.action_accept()
        self.assertEqual(complaint.state, "accepted")
        self.assertEqual(set(complaint.task_ids.mapped("department")), {"sales", "quality", "service"})
        visit = complaint.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("aftersales_complaint.mail_activity_type_complaint_visit")
            )
        )
        self.assertEqual(visit.user_id, self.supervisor, "CMP-10: every complaint, whatever its severity")

    def test_unclassified_complaint_cannot_be_accepted(self):
        complaint = self.new_complaint(complaint_type=False)
        with self.assertRefused(UserError, "quality or non-quality"):
            complaint.action_accept()
        self.assertEqual(complaint.state, "new")
        self.assertFalse(complaint.task_ids)

    def test_serious_complaint_goes_to_the_vice_president_at_once(self):
        serious = self.new_complaint(severity="serious")
        general = self.new_complaint()
        (serious | general).action_accept()
        self.assertIn(self.vice_president.partner_id, serious.message_partner_ids)
        notice = serious.message_ids.filtered(lambda m: self.vice_president.partner_id in m.partner_ids)
        self.assertEqual(len(notice), 1)
        self.assertIn("Serious complaint", str(notice.body))
        self.assertNotIn(self.vice_president.partner_id, general.message_partner_ids)

    def test_overdue_backlog_is_escalated_in_batches(self):
        """One batch per run, earliest closing first, and another run at once."""
        self.env["aftersales.complaint"].search([]).write({"escalation": "closing_overdue"})  # demo data
        first, second = self.new_complaint(), self.new_complaint()
        with freeze_time("2026-11-16 09:00:00"):
            first.action_accept()
        with freeze_time("2026-11-16 10:00:00"):
            second.action_accept()
        cron = "aftersales_complaint.ir_cron_aftersales_complaint_escalate"
        with freeze_time("2026-11-30 09:00:00"):
            progress = self.run_cron(cron, "_cron_escalate", batch_size=1)
            self.assertEqual((first.escalation, second.escalation), ("closing_overdue", "none"))
            self.assertGreater(progress["remaining"], 0, "another run at once")
            progress = self.run_cron(cron, "_cron_escalate", batch_size=1)
            self.assertEqual(second.escalation, "closing_overdue")
            self.assertEqual(progress["remaining"], 0, "no more runs")

    def test_three_and_six_day_clocks_escalate_once_per_step(self):
        complaint = self.new_complaint()
        with freeze_time("2026-11-16 09:00:00"):
            complaint.action_accept()
        self.assertEqual(complaint.investigation_due, datetime(2026, 11, 19, 9, 0))
        self.assertEqual(complaint.closing_due, datetime(2026, 11, 22, 9, 0))
        Complaint = self.env["aftersales.complaint"]
        overdue_type = self.env.ref("aftersales_complaint.mail_activity_type_complaint_overdue")

        def escalations():
            return complaint.activity_ids.filtered(lambda a: a.activity_type_id == overdue_type)

        timeline = [
            ("2026-11-17 09:00:00", "none", 0, False),
            ("2026-11-18 10:00:00", "investigation_at_risk", 1, False),
            ("2026-11-18 11:00:00", "investigation_at_risk", 1, False),  # re-run: nothing new
            ("2026-11-19 10:00:00", "investigation_overdue", 2, True),
        ]
        for moment, step, count, overdue in timeline:
            with freeze_time(moment):
                Complaint._cron_escalate()
                self.assertEqual(complaint.escalation, step, moment)
                self.assertEqual(len(escalations()), count, moment)
                self.assertEqual(
                    bool(Complaint.search([("id", "=", complaint.id), ("is_overdue", "=", True)])), overdue
                )
        self.assertEqual(escalations()[-1].user_id, self.supervisor)
        with freeze_time("2026-11-19 12:00:00"):
            complaint.write({"cause": "Batch", "corrective_action": "Block"})
            complaint.action_submit_investigation()
            self.assertFalse(complaint.is_overdue, "investigation in, closing not yet due")
        with freeze_time("2026-11-21 10:00:00"):
            Complaint._cron_escalate()
            self.assertEqual(complaint.escalation, "closing_at_risk", "one day left to close")
        with freeze_time("2026-11-22 10:00:00"):
            Complaint._cron_escalate()
            self.assertEqual(complaint.escalation, "closing_overdue")
            complaint.invalidate_recordset(["is_overdue"])  # computed per request, not stored
            self.assertTrue(complaint.is_overdue)

    def test_closing_needs_finished_tasks_and_the_visit(self):
        complaint = self.investigated(resolution_type="rejected")
        complaint.action_approve()
        with self.assertRefused(UserError, "open department tasks"):
            complaint.action_close()
        complaint.task_ids.write({"result": "ok"})
        complaint.task_ids.action_done()
        with self.assertRefused(UserError, "Record the visit"):
            complaint.action_close()
        self.assertEqual(complaint.state, "approved")
        self.finish_tasks_and_visit(complaint)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.visitor_id, self.env.user)
        self.assertFalse(complaint.activity_ids, "the visit activity is done")

    def test_on_time_closing_rate(self):
        on_time, late = (
            self.new_complaint(resolution_type="rejected"),
            self.new_complaint(resolution_type="rejected"),
        )
        with freeze_time("2026-11-16 09:00:00"):
            (on_time | late).action_accept()
            (on_time | late).write({"cause": "Batch", "corrective_action": "Block"})
            (on_time | late).action_submit_investigation()
            (on_time | late).action_approve()
            self.finish_tasks_and_visit(on_time | late)
        with freeze_time("2026-11-22 08:59:00"):
            on_time.action_close()
        with freeze_time("2026-11-22 09:01:00"):
            late.action_close()
        self.assertEqual((on_time.closed_on_time, late.closed_on_time), (100.0, 0.0))
        self.env.flush_all()
        [[rate]] = self.env["aftersales.complaint"]._read_group(
            [("id", "in", (on_time | late).ids)], [], ["closed_on_time:avg"]
        )
        self.assertEqual(rate, 50.0)

    def test_customer_rejects_the_conclusion_reopen_as_linked_complaint(self):
        complaint = self.investigated(resolution_type="rejected")
        with self.assertRefused(UserError, "Only a closed complaint can be reopened"):
            complaint.action_reopen()
        self.assertFalse(complaint.child_ids)
        complaint.action_approve()
        self.finish_tasks_and_visit(complaint)
        complaint.action_close()
        action = complaint.action_reopen()
        follow_up = self.env["aftersales.complaint"].browse(action["res_id"])
        self.assertEqual(follow_up.parent_id, complaint)
        self.assertEqual(follow_up.state, "new")
        self.assertNotEqual(follow_up.name, complaint.name)
        self.assertEqual(complaint.state, "closed", "the original stays closed as history")
        self.assertEqual(complaint.child_ids, follow_up)

    def test_supplier_involvement_adds_a_joint_task(self):
        supplier = self.env["res.partner"].create({"name": "Toner Factory"})
        complaint = self.new_complaint()
        complaint.action_accept()
        with self.assertRefused(UserError, "Choose the supplier"):
            complaint.action_involve_supplier()
        complaint.supplier_id = supplier
        complaint.action_involve_supplier()
        joint = complaint.task_ids.filtered(lambda t: t.department == "supplier")
        self.assertIn("Toner Factory", joint.name)

    def test_technicians_cannot_read_complaints(self):
        complaint = self.new_complaint()
        with self.assertRaises(AccessError):
            complaint.with_user(self.tech_a).read(["description"])
