from odoo import api, models


class ReportHrNotice(models.AbstractModel):
    """CMP-11 人事公布单 of a monthly review: refused before the general manager's approval
    and for a review without administrative sanction."""

    _name = "report.aftersales_complaint.report_hr_notice"
    _description = "HR Notice of Administrative Sanctions"

    @api.model
    def _get_report_values(self, docids, data=None):
        reviews = self.env["aftersales.complaint.review"].browse(docids)
        reviews._check_hr_notice()
        return {"doc_ids": docids, "doc_model": reviews._name, "docs": reviews}
