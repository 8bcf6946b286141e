from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.aftersales_daily_report import REPORT_TYPES


class AftersalesDailyReportWizard(models.TransientModel):
    _name = "aftersales.daily.report.wizard"
    _description = "Create a Daily Report"

    def _default_report_type(self):
        if self.env.user.has_group("aftersales_service.group_aftersales_user"):
            return "supervisor"
        return "technician"

    def _default_technician(self):
        if self.env.user.has_group("aftersales_service.group_aftersales_technician"):
            return self.env.user
        return self.env["res.users"]

    def _default_team(self):
        Team = self.env["aftersales.team"]
        uid = self.env.uid
        company = [("company_id", "in", self.env.companies.ids)]
        return Team.search(
            [*company, "|", ("supervisor_id", "=", uid), ("manager_id", "=", uid)], limit=1
        ) or Team.search([*company, ("member_ids", "in", uid)], limit=1)

    report_type = fields.Selection(
        REPORT_TYPES, required=True, default=lambda self: self._default_report_type()
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    team_id = fields.Many2one(
        "aftersales.team",
        string="Service Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        default=lambda self: self._default_team(),
    )
    technician_id = fields.Many2one(
        "res.users",
        default=lambda self: self._default_technician(),
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("aftersales_service.group_aftersales_technician").id)
        ],
    )

    @api.depends("technician_id")
    def _compute_team_id(self):
        for wizard in self:
            if wizard.technician_id and wizard.technician_id not in wizard.team_id.member_ids:
                wizard.team_id = self.env["aftersales.team"].search(
                    [("member_ids", "in", wizard.technician_id.id)], limit=1
                )

    def action_create(self):
        """Open the report of that day, type, team and technician: the existing one if
        there is one (a draft is rebuilt from the latest time entries), else a new one."""
        self.ensure_one()
        if self.report_type == "technician" and not self.technician_id:
            raise UserError(self.env._("Choose the technician of the daily report."))
        if self.report_type == "supervisor" and not self.team_id:
            raise UserError(self.env._("Choose the service team of the daily report."))
        Report = self.env["aftersales.daily.report"]
        if not Report.has_access("create"):
            # technicians read reports; they may only prepare their own technician report
            if self.report_type != "technician" or self.technician_id != self.env.user:
                raise UserError(self.env._("You can only prepare your own technician daily report."))
            Report = Report.sudo()
        vals = self._prepare_report_vals()
        report = Report.search([(key, "=", value) for key, value in vals.items()], limit=1) or Report.create(
            vals
        )
        if report.state == "draft":
            report._build_lines()
        return report._get_records_action(context={})

    def _prepare_report_vals(self):
        self.ensure_one()
        technician = self.technician_id if self.report_type == "technician" else self.env["res.users"]
        return {
            "report_type": self.report_type,
            "date": self.date,
            "team_id": self.team_id.id,
            "technician_id": technician.id,
            "company_id": (self.team_id.company_id or self.env.company).id,
        }
