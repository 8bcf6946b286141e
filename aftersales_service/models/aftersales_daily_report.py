import io
from collections import defaultdict

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .aftersales_request import CATEGORIES

REPORT_TYPES = [
    ("technician", "Technician Daily Report"),
    ("supervisor", "Supervisor Daily Report"),
]
REPORT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("sent", "Sent"),
]
# what identifies a report: they cannot change once it has left the draft state
KEY_FIELDS = ("report_type", "date", "team_id", "technician_id", "company_id")


class AftersalesDailyReport(models.Model):
    """Daily reports built from the time entries: the technician's work report
    (技术员工作日报表, RPT-1) and the supervisor's team report (服务主任日报表, RPT-2),
    approved by a manager and then sent to the customer department (客户部)."""

    _name = "aftersales.daily.report"
    _description = "Service Daily Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, index="trigram")
    report_type = fields.Selection(
        REPORT_TYPES,
        required=True,
        default="technician",
        index=True,
        help="Technician: each job of one technician on the day. "
        "Supervisor: the team's time by technician and service category.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "aftersales.team", string="Service Team", index=True, tracking=True, check_company=True
    )
    technician_id = fields.Many2one("res.users", index="btree_not_null", tracking=True)
    line_ids = fields.One2many("aftersales.daily.report.line", "report_id", string="Lines", copy=False)
    total_hours = fields.Float(compute="_compute_total_hours", store=True)
    state = fields.Selection(
        REPORT_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    submitted_on = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)
    sent_on = fields.Datetime(readonly=True, copy=False)
    recipient_partner_ids = fields.Many2many(
        "res.partner",
        string="Customer Department",
        compute="_compute_recipient_partner_ids",
        store=True,
        readonly=False,
        help="Who receives the approved report (客户部); the team's manager by default.",
    )

    @api.depends("report_type", "date", "team_id.name", "technician_id.name")
    def _compute_name(self):
        for report in self:
            if report.report_type == "supervisor":
                label = self.env._("Supervisor daily report")
                subject = report.team_id.name
            else:
                label = self.env._("Technician daily report")
                subject = report.technician_id.name
            date = fields.Date.to_string(report.date) if report.date else False
            report.name = " - ".join(part for part in (label, subject, date) if part)

    @api.depends("line_ids.hours")
    def _compute_total_hours(self):
        for report in self:
            report.total_hours = sum(report.line_ids.mapped("hours"))

    @api.depends("team_id")
    def _compute_recipient_partner_ids(self):
        for report in self:
            report.recipient_partner_ids = report.team_id.manager_id.partner_id

    @api.constrains("date")
    def _check_date_not_in_future(self):
        today = fields.Date.context_today(self)
        for report in self:
            if report.date and report.date > today:
                raise ValidationError(
                    self.env._(
                        "A daily report cannot be dated in the future (%(date)s): "
                        "it reports the time already spent.",
                        date=fields.Date.to_string(report.date),
                    )
                )

    @api.constrains("report_type", "technician_id", "team_id")
    def _check_subject(self):
        for report in self:
            if report.report_type == "technician" and not report.technician_id:
                raise ValidationError(self.env._("A technician daily report needs a technician."))
            if report.report_type == "supervisor" and not report.team_id:
                raise ValidationError(self.env._("A supervisor daily report needs a service team."))

    def write(self, vals):
        if any(key in vals for key in KEY_FIELDS) and any(report.state != "draft" for report in self):
            raise UserError(
                self.env._(
                    "A submitted daily report cannot change its type, date, team or technician; "
                    "create a new report instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        for report in self:
            if report.state in ("approved", "sent"):
                raise UserError(
                    self.env._("%(report)s is approved: it can no longer be deleted.", report=report.name)
                )

    # --- actions ---------------------------------------------------------------
    def action_build_lines(self):
        """Refresh the lines of a draft report from the time entries."""
        self._as_author()._build_lines()
        return True

    def action_submit(self):
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("%(report)s has already been submitted.", report=report.name))
        self._as_author().write(
            {
                "state": "submitted",
                "submitted_by_id": self.env.uid,
                "submitted_on": fields.Datetime.now(),
            }
        )
        return True

    def action_approve(self):
        """RPT-2: a service manager, or the manager of the report's team (the branch
        manager), approves a submitted report; nobody approves a report they
        submitted themselves."""
        user = self.env.user
        for report in self:
            if report.state in ("approved", "sent"):
                raise UserError(
                    self.env._(
                        "%(report)s was already approved by %(user)s.",
                        report=report.name,
                        user=report.approved_by_id.name,
                    )
                )
            if report.state != "submitted":
                raise UserError(self.env._("Submit %(report)s before approving it.", report=report.name))
            if not report._can_approve(user):
                raise UserError(
                    self.env._(
                        "Only a service manager or the manager of the team %(team)s can approve %(report)s.",
                        team=report.team_id.name or "-",
                        report=report.name,
                    )
                )
            if report.submitted_by_id == user:
                raise UserError(
                    self.env._(
                        "You submitted %(report)s yourself: another manager must approve it.",
                        report=report.name,
                    )
                )
        # the checks above are the authorization: a branch manager approves the
        # reports of their team even without write access to every report
        self.sudo().write(
            {"state": "approved", "approved_by_id": user.id, "approved_on": fields.Datetime.now()}
        )
        return True

    def action_send(self):
        """RPT-2: the approved report goes to the customer department (客户部): a
        message with the PDF attached, mailed to the recipients."""
        for report in self:
            if report.state != "approved":
                raise UserError(
                    self.env._(
                        "Only approved reports are sent to the customer department; approve %(report)s first.",
                        report=report.name,
                    )
                )
            if not report.recipient_partner_ids:
                raise UserError(
                    self.env._(
                        "Choose who receives %(report)s in the customer department.", report=report.name
                    )
                )
        report_action = self.env.ref("aftersales_service.action_report_daily_report")
        for report in self:
            content, file_format = self.env["ir.actions.report"]._render_qweb_pdf(report_action, report.ids)
            report.message_post(
                body=self.env._(
                    "Daily report %(report)s, approved by %(user)s, sent to the customer department.",
                    report=report.name,
                    user=report.approved_by_id.name,
                ),
                subject=report.name,
                attachments=[(f"{report.name}.{file_format}", content)],
                partner_ids=report.recipient_partner_ids.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.write({"state": "sent", "sent_on": fields.Datetime.now()})
        return True

    @api.readonly
    def action_print(self):
        return self.env.ref("aftersales_service.action_report_daily_report").report_action(self)

    def action_export_xlsx(self):
        """The report as an Excel workbook, kept as an attachment of the report."""
        self.ensure_one()
        self.check_access("read")
        # attaching needs write access to the report, which technicians do not have:
        # their read access was checked just above
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}.xlsx",
                    "type": "binary",
                    "raw": self._generate_xlsx(),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # --- business helpers --------------------------------------------------------
    def _as_author(self):
        """Technicians only read reports; they may still refresh and submit their own
        technician report, which is then written with sudo."""
        if self.env.su or self.env.user.has_group("aftersales_service.group_aftersales_user"):
            return self
        if any(r.report_type != "technician" or r.technician_id != self.env.user for r in self):
            raise UserError(self.env._("You can only prepare and submit your own technician daily report."))
        return self.sudo()

    def _can_approve(self, user):
        self.ensure_one()
        return user.has_group("aftersales_service.group_aftersales_manager") or (
            self.team_id.manager_id and self.team_id.manager_id == user
        )

    def _get_time_entry_domain(self):
        self.ensure_one()
        domain = Domain("date", "=", self.date) & Domain("company_id", "=", self.company_id.id)
        if self.report_type == "technician":
            return domain & Domain("user_id", "=", self.technician_id.id)
        return domain & (
            Domain("request_id.team_id", "=", self.team_id.id)
            | Domain("repair_id.aftersales_team_id", "=", self.team_id.id)
        )

    def _build_lines(self):
        """Replace the lines of draft reports by the time entries of their day: one
        grouped query on the time entries (with the job's number, customer and
        category read through joins) and one create, whatever the number of entries."""
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("Only draft daily reports can be rebuilt from the time entries."))
        self.line_ids.unlink()
        vals_list = []
        for report in self:
            if report.report_type == "technician":
                vals_list += report._prepare_technician_lines()
            else:
                vals_list += report._prepare_supervisor_lines()
        return self.env["aftersales.daily.report.line"].create(vals_list)

    @api.model
    def _job_category(self, request_category, repair_category, repair_under_warranty, is_repair):
        """Category of a job: the request's, or for a workshop repair that of the request
        it came from, else paid (A) or warranty (C) repair."""
        if request_category:
            return request_category
        if repair_category:
            return repair_category
        if is_repair:
            return "C" if repair_under_warranty else "A"
        return False

    def _prepare_technician_lines(self):
        """RPT-1: one line per job (request or repair) of the technician on the day."""
        self.ensure_one()
        groups = self.env["aftersales.time.entry"]._read_group(
            self._get_time_entry_domain(),
            groupby=[
                "request_id",
                "repair_id",
                "request_id.name",
                "repair_id.name",
                "request_id.partner_id",
                "repair_id.partner_id",
                "request_id.category",
                "repair_id.aftersales_request_id.category",
                "repair_id.under_warranty",
            ],
            aggregates=["hours:sum", "description:array_agg"],
            order="request_id.name, repair_id.name",
        )
        vals_list = []
        for (
            request,
            repair,
            request_name,
            repair_name,
            request_partner,
            repair_partner,
            request_category,
            repair_category,
            under_warranty,
            hours,
            descriptions,
        ) in groups:
            vals_list.append(
                {
                    "report_id": self.id,
                    "technician_id": self.technician_id.id,
                    "request_id": request.id,
                    "repair_id": repair.id,
                    "job_reference": request_name or repair_name or False,
                    "partner_id": (request_partner or repair_partner).id,
                    "category": self._job_category(
                        request_category, repair_category, under_warranty, bool(repair)
                    ),
                    "hours": hours,
                    "description": "; ".join(dict.fromkeys(d for d in descriptions if d)) or False,
                }
            )
        return vals_list

    def _prepare_supervisor_lines(self):
        """RPT-2: the team's time of the day by technician and service category."""
        self.ensure_one()
        groups = self.env["aftersales.time.entry"]._read_group(
            self._get_time_entry_domain(),
            groupby=[
                "user_id",
                "repair_id",
                "request_id.category",
                "repair_id.aftersales_request_id.category",
                "repair_id.under_warranty",
            ],
            aggregates=["hours:sum"],
        )
        hours_by_key = defaultdict(float)
        for user, repair, request_category, repair_category, under_warranty, hours in groups:
            category = self._job_category(request_category, repair_category, under_warranty, bool(repair))
            hours_by_key[user.id, category or ""] += hours
        return [
            {
                "report_id": self.id,
                "technician_id": user_id,
                "category": category or False,
                "hours": hours,
            }
            for (user_id, category), hours in sorted(hours_by_key.items(), key=lambda item: item[0])
        ]

    def _get_category_labels(self):
        return dict(
            self.env["aftersales.daily.report.line"]._fields["category"]._description_selection(self.env)
        )

    def _get_category_totals(self):
        """[(category label, hours)] in category order, for the PDF and the workbook."""
        self.ensure_one()
        labels = self._get_category_labels()
        totals = defaultdict(float)
        for line in self.line_ids:
            totals[line.category or ""] += line.hours
        result = [(labels[code], totals[code]) for code, _label in CATEGORIES if code in totals]
        if "" in totals:
            result.append((self.env._("Not categorised"), totals[""]))
        return result

    def _get_technician_matrix(self):
        """Supervisor report: [(technician, {category: hours}, total)] for the
        technician x category table."""
        self.ensure_one()
        hours = defaultdict(lambda: defaultdict(float))
        for line in self.line_ids:
            hours[line.technician_id][line.category or ""] += line.hours
        return [
            (technician, dict(by_category), sum(by_category.values()))
            for technician, by_category in hours.items()
        ]

    def _generate_xlsx(self):
        """RPT-1/2: the report as an Excel workbook: its header, the lines with their
        total, and the hours by category."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Daily Report")[:31])
        formats = {
            "bold": workbook.add_format({"bold": True}),
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1}),
            "hours": workbook.add_format({"num_format": "0.00"}),
            "total": workbook.add_format({"bold": True, "num_format": "0.00", "top": 1}),
        }
        header_end = self._xlsx_write_header(sheet, formats)
        total_row = self._xlsx_write_lines(sheet, formats, header_end + 1)
        sheet.write(total_row + 2, 0, self.env._("Total by Category"), formats["bold"])
        for row, (label, hours) in enumerate(self._get_category_totals(), start=total_row + 3):
            sheet.write(row, 0, label)
            sheet.write_number(row, 1, hours, formats["hours"])
        for first, last, width in ((0, 0, 24), (1, 3, 22), (4, 4, 10), (5, 5, 40)):
            sheet.set_column(first, last, width)
        workbook.close()
        return output.getvalue()

    def _xlsx_write_header(self, sheet, formats):
        """The title and the report's particulars; returns the last row written."""
        type_labels = dict(self._fields["report_type"]._description_selection(self.env))
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        sheet.write(0, 0, self.name, formats["title"])
        info = [
            (self.env._("Report Type"), type_labels[self.report_type]),
            (self.env._("Date"), fields.Date.to_string(self.date)),
            (self.env._("Service Team"), self.team_id.name or ""),
            (self.env._("Technician"), self.technician_id.name or ""),
            (self.env._("Status"), state_labels[self.state]),
            (self.env._("Approved By"), self.approved_by_id.name or ""),
        ]
        for row, (label, value) in enumerate(info, start=2):
            sheet.write(row, 0, label, formats["bold"])
            sheet.write(row, 1, value)
        return len(info) + 2

    def _xlsx_write_lines(self, sheet, formats, row):
        """The table of lines from ``row`` on, with its total; returns the total's row."""
        labels = self._get_category_labels()
        columns = [
            self.env._("Technician"),
            self.env._("Job"),
            self.env._("Customer"),
            self.env._("Service Category"),
            self.env._("Hours"),
            self.env._("Description"),
        ]
        for col, label in enumerate(columns):
            sheet.write(row, col, label, formats["header"])
        for line in self.line_ids:
            row += 1
            sheet.write(row, 0, line.technician_id.name or "")
            sheet.write(row, 1, line.job_reference or "")
            sheet.write(row, 2, line.partner_id.display_name or "")
            sheet.write(row, 3, labels.get(line.category, ""))
            sheet.write_number(row, 4, line.hours, formats["hours"])
            sheet.write(row, 5, line.description or "")
        row += 1
        sheet.write(row, 3, self.env._("Total"), formats["bold"])
        sheet.write_number(row, 4, self.total_hours, formats["total"])
        return row
