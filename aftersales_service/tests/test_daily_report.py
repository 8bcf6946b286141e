import io
import zipfile
from datetime import timedelta
from xml.etree import ElementTree

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user

from .common import AftersalesCase

REPORT = "aftersales_service.action_report_daily_report"


class TestDailyReport(AftersalesCase):
    """RPT-1 / RPT-2: daily reports built from the time entries, approved by a manager
    and sent to the customer department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "t_manager", groups="base.group_user,aftersales_service.group_aftersales_manager"
        )
        # the branch manager approves the team's reports without being a service manager
        cls.branch_manager = new_test_user(
            cls.env,
            "t_branch_manager",
            groups="base.group_user,aftersales_service.group_aftersales_supervisor",
        )
        cls.team.manager_id = cls.branch_manager
        cls.other_customer = cls.env["res.partner"].create(
            {
                "name": "Branch Customer",
                "street": "3 Harbour Road",
                "phone": "+86 21 8765 4321",
                "aftersales_team_id": cls.other_team.id,
            }
        )
        cls.day = fields.Date.today() - timedelta(days=2)
        cls.other_day = cls.day - timedelta(days=1)

        cls.paid_job = cls.create_request(technician_id=cls.tech_a.id, category="A")
        cls.warranty_job = cls.create_request(
            technician_id=cls.tech_a.id, category="C", partner_id=cls.suburban_customer.id
        )
        cls.internal_job = cls.create_request(technician_id=cls.tech_b.id, category="D")
        cls.branch_job = cls.create_request(
            technician_id=cls.outsider_tech.id, category="A", partner_id=cls.other_customer.id
        )
        cls.repair = cls.env["repair.order"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.copier.id,
                "aftersales_request_id": cls.warranty_job.id,
            }
        )
        cls.entry(cls.paid_job, cls.tech_a, 1.5, "Diagnosis")
        cls.entry(cls.paid_job, cls.tech_a, 0.5, "Cleaning")
        cls.entry(cls.warranty_job, cls.tech_a, 1.0, "Replaced roller")
        cls.entry(cls.repair, cls.tech_a, 2.5, "Bench repair")
        cls.entry(cls.paid_job, cls.tech_a, 3.0, "Yesterday's visit", date=cls.other_day)
        cls.entry(cls.internal_job, cls.tech_b, 4.0, "Showroom machines")
        cls.entry(cls.branch_job, cls.outsider_tech, 6.0, "Other branch")

    @classmethod
    def entry(cls, job, user, hours, description, date=None):
        job_field = "repair_id" if job._name == "repair.order" else "request_id"
        return cls.env["aftersales.time.entry"].create(
            {
                job_field: job.id,
                "user_id": user.id,
                "hours": hours,
                "description": description,
                "date": date or cls.day,
            }
        )

    def new_report(self, report_type="technician", user=None, **values):
        """A report made with the wizard, as the supervisor unless told otherwise."""
        vals = {"report_type": report_type, "date": self.day}
        if report_type == "supervisor":
            vals["team_id"] = self.team.id
        elif user is None:
            vals["technician_id"] = self.tech_a.id
        vals.update(values)
        wizard = self.env["aftersales.daily.report.wizard"].with_user(user or self.supervisor).create(vals)
        action = wizard.action_create()
        return self.env["aftersales.daily.report"].browse(action["res_id"])

    def submitted_report(self, user=None):
        report = self.new_report(report_type="supervisor")
        report.with_user(user or self.supervisor).action_submit()
        return report

    # --- content ---------------------------------------------------------------
    def test_technician_report_lists_each_job_of_the_day(self):
        """RPT-1: one line per job of the technician on the day, with customer,
        category and the summed time; other days and technicians are left out."""
        report = self.new_report()
        self.assertEqual(report.name, f"Technician daily report - {self.tech_a.name} - {self.day}")
        lines = {line.job_reference: line for line in report.line_ids}
        self.assertEqual(set(lines), {self.paid_job.name, self.warranty_job.name, self.repair.name})
        paid = lines[self.paid_job.name]
        self.assertEqual(
            (paid.request_id, paid.partner_id, paid.category, paid.hours),
            (self.paid_job, self.customer, "A", 2.0),
        )
        self.assertEqual(paid.description, "Diagnosis; Cleaning")
        warranty = lines[self.warranty_job.name]
        self.assertEqual(
            (warranty.partner_id, warranty.category, warranty.hours), (self.suburban_customer, "C", 1.0)
        )
        repair = lines[self.repair.name]
        self.assertEqual(
            (repair.repair_id, repair.category, repair.hours),
            (self.repair, "C", 2.5),
            "workshop time takes the category of the request the repair came from",
        )
        self.assertEqual(report.line_ids.technician_id, self.tech_a)
        self.assertEqual(report.total_hours, 5.5)
        entries = self.env["aftersales.time.entry"].search(
            [("user_id", "=", self.tech_a.id), ("date", "=", self.day)]
        )
        self.assertEqual(report.total_hours, sum(entries.mapped("hours")))

    def test_supervisor_report_groups_time_by_technician_and_category(self):
        """RPT-2: the team's time of the day by technician x category; other teams'
        and other days' time is left out."""
        report = self.new_report(report_type="supervisor")
        self.assertEqual(report.name, f"Supervisor daily report - {self.team.name} - {self.day}")
        self.assertFalse(report.technician_id)
        summary = {(line.technician_id, line.category): line.hours for line in report.line_ids}
        self.assertEqual(
            summary,
            {
                (self.tech_a, "A"): 2.0,
                (self.tech_a, "C"): 3.5,
                (self.tech_b, "D"): 4.0,
            },
        )
        self.assertEqual(report.total_hours, 9.5)

    def test_refresh_picks_up_new_time_entries(self):
        report = self.new_report()
        self.entry(self.paid_job, self.tech_a, 0.25, "Follow-up call")
        report.with_user(self.supervisor).action_build_lines()
        self.assertEqual(report.total_hours, 5.75)
        self.assertEqual(len(report.line_ids), 3)

    def test_wizard_opens_the_existing_report_of_the_day(self):
        report = self.new_report()
        self.assertEqual(self.new_report(), report)
        self.assertEqual(
            self.env["aftersales.daily.report"].search_count([("technician_id", "=", self.tech_a.id)]), 1
        )

    # --- bad input ---------------------------------------------------------------
    def test_future_date_is_refused(self):
        """A report of time not yet spent: refused, nothing written."""
        Report = self.env["aftersales.daily.report"].with_user(self.supervisor)
        tomorrow = fields.Date.context_today(Report) + timedelta(days=2)
        with self.assertRefused(ValidationError, "cannot be dated in the future"):
            Report.create({"report_type": "technician", "technician_id": self.tech_a.id, "date": tomorrow})
        self.assertFalse(self.env["aftersales.daily.report"].search([("date", "=", tomorrow)]))
        report = self.new_report()
        with self.assertRefused(ValidationError, "cannot be dated in the future"):
            report.with_user(self.supervisor).date = tomorrow
        self.assertEqual(report.date, self.day)

    def test_approving_own_report_is_refused(self):
        report = self.submitted_report(user=self.branch_manager)
        with self.assertRefused(UserError, "another manager must approve it"):
            report.with_user(self.branch_manager).action_approve()
        self.assertEqual(report.state, "submitted")
        self.assertFalse(report.approved_by_id)

    def test_approving_twice_is_refused(self):
        report = self.submitted_report()
        report.with_user(self.branch_manager).action_approve()
        approved_on = report.approved_on
        with self.assertRefused(UserError, "already approved"):
            report.with_user(self.manager).action_approve()
        self.assertEqual((report.approved_by_id, report.approved_on), (self.branch_manager, approved_on))

    def test_non_manager_cannot_approve(self):
        """Only a service manager or the team's (branch) manager approves."""
        report = self.submitted_report()
        for user in (self.supervisor, self.clerk):
            with self.assertRefused(UserError, "Only a service manager or the manager of the team"):
                report.with_user(user).action_approve()
        self.assertEqual(report.state, "submitted")
        report.with_user(self.manager).action_approve()
        self.assertEqual((report.state, report.approved_by_id), ("approved", self.manager))

    def test_send_needs_approval(self):
        report = self.submitted_report()
        with self.assertRefused(UserError, "approve .* first"):
            report.with_user(self.supervisor).action_send()
        self.assertEqual(report.state, "submitted")

    # --- workflow ----------------------------------------------------------------
    def test_full_workflow_records_who_and_when(self):
        """RPT-2: draft -> submitted -> approved by the branch manager -> sent to the
        customer department with the report attached."""
        report = self.new_report(report_type="supervisor")
        self.assertEqual(report.state, "draft")
        self.assertEqual(report.recipient_partner_ids, self.branch_manager.partner_id)

        report.with_user(self.supervisor).action_submit()
        self.assertEqual((report.state, report.submitted_by_id), ("submitted", self.supervisor))
        self.assertTrue(report.submitted_on)
        with self.assertRefused(UserError, "already been submitted"):
            report.with_user(self.supervisor).action_submit()
        with self.assertRefused(UserError, "cannot change its type, date, team or technician"):
            report.with_user(self.supervisor).date = self.other_day

        report.with_user(self.branch_manager).action_approve()
        self.assertEqual((report.state, report.approved_by_id), ("approved", self.branch_manager))
        self.assertTrue(report.approved_on)

        report.with_user(self.supervisor).action_send()
        self.assertEqual(report.state, "sent")
        self.assertTrue(report.sent_on)
        message = report.message_ids.filtered(lambda m: "customer department" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.branch_manager.partner_id)
        self.assertEqual(message.author_id, self.supervisor.partner_id)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertTrue(message.attachment_ids.name.startswith(report.name))
        with self.assertRefused(UserError, "no longer be deleted"):
            report.unlink()

    # --- security ----------------------------------------------------------------
    def test_technician_prepares_and_reads_only_own_report(self):
        """Technicians read their own technician reports: they may prepare and
        submit them, not approve them nor see anyone else's."""
        own = self.new_report(user=self.tech_a)
        self.assertEqual(own.technician_id, self.tech_a)
        self.assertEqual(own.team_id, self.team, "the technician's team is found from the membership")
        self.assertEqual(own.total_hours, 5.5)
        own.with_user(self.tech_a).action_submit()
        self.assertEqual((own.state, own.submitted_by_id), ("submitted", self.tech_a))
        with self.assertRefused(UserError, "Only a service manager"):
            own.with_user(self.tech_a).action_approve()

        other = self.new_report(technician_id=self.tech_b.id)
        supervisor_report = self.new_report(report_type="supervisor")
        Report = self.env["aftersales.daily.report"].with_user(self.tech_a)
        self.assertEqual(Report.search([]), own)
        self.assertEqual(
            self.env["aftersales.daily.report.line"].with_user(self.tech_a).search([]), own.line_ids
        )
        with self.assertRefused(UserError, "your own technician daily report"):
            self.new_report(user=self.tech_a, technician_id=self.tech_b.id)
        self.assertFalse(Report.browse((other | supervisor_report).ids)._filtered_access("read"))

    # --- outputs -----------------------------------------------------------------
    def test_pdf_lists_jobs_and_totals(self):
        report = self.new_report()
        report.with_user(self.supervisor).action_submit()
        report.with_user(self.manager).action_approve()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(REPORT, report.ids)
        html = html.decode()
        for text in (
            report.name,
            self.paid_job.name,
            self.warranty_job.name,
            self.repair.name,
            "Urban Customer",
            "Diagnosis; Cleaning",
            "A - Paid Service",
            "C - Free Service (Warranty)",
            "02:00",  # the paid job's time
            "03:30",  # category C: visit + workshop
            "05:30",  # total
            self.manager.name,  # approval block
        ):
            self.assertIn(text, html)

    def test_supervisor_pdf_has_the_technician_category_table(self):
        report = self.new_report(report_type="supervisor")
        html, _format = self.env["ir.actions.report"]._render_qweb_html(REPORT, report.ids)
        html = html.decode()
        self.assertIn("daily_report_matrix", html)
        for text in (self.tech_a.name, self.tech_b.name, "D - Internal Service", "04:00", "09:30"):
            self.assertIn(text, html)
        self.assertNotIn(self.outsider_tech.name, html)

    def test_xlsx_export_is_attached(self):
        report = self.new_report()
        action = report.with_user(self.tech_a).action_export_xlsx()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", report._name), ("res_id", "=", report.id), ("name", "like", ".xlsx")]
        )
        self.assertEqual(len(attachment), 1)
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        self.assertEqual(attachment.raw[:2], b"PK")

    def test_xlsx_export_holds_the_lines_and_totals(self):
        """RPT-1: the workbook shows what the PDF shows: the jobs with their hours, the
        total and the hours by category."""
        report = self.new_report()
        cells = self.xlsx_cells(report._generate_xlsx())
        self.assertEqual(cells["A1"], report.name)
        rows = {ref[1:]: ref for ref, value in cells.items() if value == self.tech_a.name and ref[0] == "A"}
        self.assertEqual(len(rows), len(report.line_ids))
        total_row = next(ref[1:] for ref, value in cells.items() if value == "Total" and ref[0] == "D")
        self.assertEqual(float(cells[f"E{total_row}"]), report.total_hours)
        by_category = next(int(ref[1:]) for ref, value in cells.items() if value == "Total by Category")
        self.assertEqual(by_category, int(total_row) + 2)
        for offset, (label, hours) in enumerate(report._get_category_totals(), start=1):
            self.assertEqual(cells[f"A{by_category + offset}"], label)
            self.assertEqual(float(cells[f"B{by_category + offset}"]), hours)

    @staticmethod
    def xlsx_cells(content):
        """``{"A1": value}`` of the workbook's first sheet, strings resolved."""
        namespace = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            strings = [
                "".join(node.itertext())
                for node in ElementTree.fromstring(workbook.read("xl/sharedStrings.xml")).findall(
                    "m:si", namespace
                )
            ]
            sheet = ElementTree.fromstring(workbook.read("xl/worksheets/sheet1.xml"))
        cells = {}
        for cell in sheet.iter(f"{{{namespace['m']}}}c"):
            value = cell.find("m:v", namespace)
            if value is not None:
                cells[cell.get("r")] = strings[int(value.text)] if cell.get("t") == "s" else value.text
        return cells

    # --- performance -------------------------------------------------------------
    def test_build_lines_query_count_does_not_grow(self):
        """One grouped read of the time entries and one create, whatever their number."""

        def queries_to_build(entry_count, day):
            for _index in range(entry_count):
                job = self.create_request(technician_id=self.tech_b.id, category="A")
                self.entry(job, self.tech_b, 1.0, "Job", date=day)
            report = self.env["aftersales.daily.report"].create(
                {"report_type": "technician", "technician_id": self.tech_b.id, "date": day}
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            report._build_lines()
            self.env.flush_all()
            count = self.env.cr.sql_log_count - before
            self.assertEqual(len(report.line_ids), entry_count)
            return count

        # warm-up: the first create of the session reads the field defaults once (ormcache)
        queries_to_build(1, self.day - timedelta(days=4))
        few = queries_to_build(3, self.day - timedelta(days=5))
        many = queries_to_build(30, self.day - timedelta(days=6))
        self.assertEqual(few, many, f"{few} queries for 3 entries, {many} for 30")
        # read the report and its old lines, one grouped read, one insert, the two
        # stored computes (lines' related fields, report total)
        self.assertLessEqual(many, 6)
