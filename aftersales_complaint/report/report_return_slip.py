from odoo import api, models
from odoo.exceptions import UserError


class ReportReturnSlip(models.AbstractModel):
    """CMP-11 产品退货单, printed from the complaint: refused unless a return is approved."""

    _name = "report.aftersales_complaint.report_return_slip"
    _description = "Product Return Slip"

    @api.model
    def _get_report_values(self, docids, data=None):
        complaints = self.env["aftersales.complaint"].browse(docids)
        complaints._check_return_slip()
        return {"doc_ids": docids, "doc_model": complaints._name, "docs": complaints}


class ReportReturnSlipPicking(models.AbstractModel):
    """The same slip printed from the return transfer by the warehouse, who receives
    against it without after-sales rights: the transfer's complaint is read as superuser,
    as the transfer already shows its approved quantity."""

    _name = "report.aftersales_complaint.report_return_slip_picking"
    _description = "Product Return Slip (from the transfer)"

    @api.model
    def _get_report_values(self, docids, data=None):
        pickings = self.env["stock.picking"].browse(docids)
        pickings.check_access("read")
        for picking in pickings:
            if not picking.aftersales_complaint_id or picking.picking_type_code != "incoming":
                raise UserError(
                    self.env._(
                        "%(picking)s is not the return of a complaint: it has no product return slip.",
                        picking=picking.name,
                    )
                )
        complaints = pickings.sudo().aftersales_complaint_id
        complaints._check_return_slip()
        return {"doc_ids": complaints.ids, "doc_model": complaints._name, "docs": complaints}
