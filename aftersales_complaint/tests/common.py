from freezegun import freeze_time

from odoo import Command
from odoo.addons.aftersales_survey.tests.common import SurveyCase
from odoo.tests import new_test_user


class ComplaintCase(SurveyCase):
    """Survey data plus the approvers, a delivered and invoiced sale of 10 toner packs,
    and helpers to move a complaint along."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vice_president = new_test_user(
            cls.env, "t_vp", groups="base.group_user,aftersales_complaint.group_complaint_vice_president"
        )
        cls.general_manager = new_test_user(
            cls.env, "t_gm", groups="base.group_user,aftersales_complaint.group_complaint_general_manager"
        )
        cls.toner = cls.env["product.product"].create(
            {"name": "Toner Pack", "is_storable": True, "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.env["stock.quant"]._update_available_quantity(cls.toner, warehouse.lot_stock_id, 50)
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    Command.create({"product_id": cls.toner.id, "product_uom_qty": 10, "price_unit": 100.0})
                ],
            }
        )
        cls.order.action_confirm()
        picking = cls.order.picking_ids
        picking.move_ids.quantity = 10
        picking.move_ids.picked = True
        picking.button_validate()
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()

    @classmethod
    def new_complaint(cls, **values):
        vals = {
            "partner_id": cls.customer.id,
            "description": "<p>Pale prints</p>",
            "complaint_type": "quality",
            "sale_order_id": cls.order.id,
            "invoice_id": cls.invoice.id,
            "product_id": cls.toner.id,
            "user_id": cls.clerk.id,
        }
        vals.update(values)
        return cls.env["aftersales.complaint"].create(vals)

    @classmethod
    def investigated(cls, **values):
        complaint = cls.new_complaint(**values)
        complaint.action_accept()
        complaint.write({"cause": "Wrong toner batch", "corrective_action": "Block the batch"})
        complaint.action_submit_investigation()
        return complaint

    @classmethod
    def close_on(cls, moment, **values):
        """A complaint investigated, approved (rejected), visited and closed at ``moment``."""
        with freeze_time(moment):
            complaint = cls.investigated(resolution_type="rejected", **values)
            complaint.action_approve()
            cls.finish_tasks_and_visit(complaint)
            complaint.action_close()
        return complaint

    @classmethod
    def finish_tasks_and_visit(cls, complaint):
        complaint.task_ids.write({"result": "Done"})
        complaint.task_ids.action_done()
        complaint.write({"visit_date": "2026-11-18", "visit_note": "Customer calmed down"})
        complaint.action_record_visit()
