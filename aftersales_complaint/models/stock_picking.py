from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint",
        string="Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint whose return or replacement this transfer carries out.",
    )
    aftersales_approved_qty = fields.Float(
        related="aftersales_complaint_id.resolution_qty",
        string="Approved Return Quantity",
        help="What the complaint's approved resolution lets the customer return.",
    )

    def _action_done(self):
        # CMP-11: a complaint return never takes in more than was approved
        for picking in self.filtered(
            lambda p: p.aftersales_complaint_id and p.picking_type_code == "incoming"
        ):
            complaint = picking.sudo().aftersales_complaint_id
            received = sum(picking.move_ids.filtered(lambda m: m.state != "cancel").mapped("quantity"))
            if received > complaint.resolution_qty:
                raise UserError(
                    self.env._(
                        "%(received)s received on %(picking)s is more than the %(approved)s approved by "
                        "complaint %(complaint)s.",
                        received=f"{received:g}",
                        picking=picking.name,
                        approved=f"{complaint.resolution_qty:g}",
                        complaint=complaint.name,
                    )
                )
        return super()._action_done()
