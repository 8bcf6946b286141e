from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.record_counts import count_per_record


class AftersalesRequestRepair(models.Model):
    """RPR-1: the product taken back to the workshop under a repair order, and the
    request leaving the workshop when the repair ends."""

    _inherit = "aftersales.request"

    # --- carry-in repair ------------------------------------------------------
    repair_ids = fields.One2many("repair.order", "aftersales_request_id", string="Repairs", copy=False)
    repair_count = fields.Integer(compute="_compute_repair_count")

    # --- computes -------------------------------------------------------------
    def _compute_repair_count(self):
        counts = count_per_record(self, "repair.order", "aftersales_request_id")
        for request in self:
            request.repair_count = counts.get(request, 0)

    # --- actions --------------------------------------------------------------
    def action_take_back(self):
        """RPR-1: the job can't be finished on site; the product goes to the workshop
        under a repair order linked to this request and its equipment."""
        self.ensure_one()
        if self.state == "in_repair" or self._repairs_in_workshop():
            raise UserError(
                self.env._("The product of %(request)s is already in the workshop.", request=self.name)
            )
        if self.state not in ("dispatched", "in_progress"):
            raise UserError(
                self.env._(
                    "Only a request being worked on can be taken back for repair (%(request)s).",
                    request=self.name,
                )
            )
        if not self.product_id:
            raise UserError(
                self.env._("Set the product of %(request)s before taking it back.", request=self.name)
            )
        repair = self.env["repair.order"].create(self._prepare_repair_vals())
        # The visit is over: the appointment leaves the technician's calendar, the
        # dispatch board and the portal (the chatter keeps its date), and the request
        # shows it waits for the workshop until the product is returned.
        self.write({"state": "in_repair", "scheduled_start": False})
        self.message_post(
            body=self.env._("Product taken back for repair: %(repair)s", repair=repair._get_html_link())
        )
        return repair._get_records_action(context={})

    @api.readonly
    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("repair.action_repair_order_tree")
        action["domain"] = [("aftersales_request_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # --- business helpers -----------------------------------------------------
    def _prepare_repair_vals(self):
        self.ensure_one()
        now = fields.Datetime.now()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.equipment_id.lot_id.id,
            "aftersales_request_id": self.id,
            "aftersales_equipment_id": self.equipment_id.id,
            "under_warranty": self.category != "A",
            "internal_notes": self.symptom,
            "user_id": self.technician_id.id or self.env.uid,
            "schedule_date": now + timedelta(days=3),
            "goods_in_date": now,
            "goods_received_by_id": self.env.uid,
            "pickup_receipt_state": "valid",
        }

    def _leave_workshop(self, returned):
        """RPR-1 / RPR-5: the requests waiting for no other repair leave the workshop.
        Returned to the customer (who signed the return), the request is closed; a
        repair cancelled instead puts it back on site, to close or take back again."""
        waiting = self.filtered(
            lambda request: request.state == "in_repair" and not request._repairs_in_workshop()
        )
        if returned:
            waiting._close()
        else:
            waiting.write({"state": "in_progress"})

    def _repairs_in_workshop(self):
        """The request's repairs whose product has not been returned yet."""
        self.ensure_one()
        return self.repair_ids.filtered(lambda repair: repair.state != "cancel" and not repair.goods_out_date)
