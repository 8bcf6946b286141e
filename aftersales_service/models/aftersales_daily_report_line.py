from odoo import fields, models

from .aftersales_request import CATEGORIES


class AftersalesDailyReportLine(models.Model):
    """One line of a daily report, built from the time entries (RPT-1/RPT-2): a job of
    the technician on a technician report, a technician x category total on a
    supervisor report."""

    _name = "aftersales.daily.report.line"
    _description = "Daily Report Line"
    _order = "report_id, id"

    report_id = fields.Many2one(
        "aftersales.daily.report", string="Daily Report", required=True, ondelete="cascade", index=True
    )
    report_type = fields.Selection(related="report_id.report_type")
    date = fields.Date(related="report_id.date", store=True)
    team_id = fields.Many2one(related="report_id.team_id", store=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    technician_id = fields.Many2one("res.users", index=True)
    request_id = fields.Many2one("aftersales.request", string="Service Request", index="btree_not_null")
    repair_id = fields.Many2one("repair.order", string="Repair Order", index="btree_not_null")
    job_reference = fields.Char(
        string="Job", help="Number of the service request or repair order when the report was built."
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    category = fields.Selection(CATEGORIES, string="Service Category")
    hours = fields.Float()
    description = fields.Char()
