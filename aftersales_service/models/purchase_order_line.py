from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    # RPR-9: the job whose missing part this line buys
    aftersales_repair_id = fields.Many2one(
        "repair.order",
        string="For Repair",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The after-sales repair waiting for this part.",
    )
    aftersales_request_id = fields.Many2one(
        "aftersales.request",
        string="For Service Request",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The on-site service request waiting for this part.",
    )
    # one column on the order for either job: two would squeeze the order lines
    aftersales_job = fields.Reference(
        [("aftersales.request", "Service Request"), ("repair.order", "Repair")],
        string="After-Sales Job",
        compute="_compute_aftersales_job",
        help="The after-sales repair or service request waiting for this part.",
    )

    @api.depends("aftersales_request_id", "aftersales_repair_id")
    def _compute_aftersales_job(self):
        for line in self:
            job = line.aftersales_request_id or line.aftersales_repair_id
            line.aftersales_job = f"{job._name},{job.id}" if job else False
