from freezegun import freeze_time

from odoo import Command, fields

from .common import AftersalesCase


class TestEquipmentFromDelivery(AftersalesCase):
    """EQP-3: validating a delivery of a product under warranty creates the customer's
    equipment, once per unit; a return marks the unit returned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.scanner = cls.env["product.product"].create(
            {"name": "Scanner", "is_storable": True, "tracking": "serial", "aftersales_warranty_months": 24}
        )
        cls.lots = cls.env["stock.lot"].create(
            [{"name": f"SC-{index}", "product_id": cls.scanner.id} for index in range(3)]
        )
        for lot in cls.lots:
            cls.env["stock.quant"]._update_available_quantity(cls.scanner, cls.stock, 1, lot_id=lot)
        cls.no_warranty = cls.env["product.product"].create({"name": "Paper", "type": "consu"})

    def deliver(self, product, quantity, done=None):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock.id,
                "location_dest_id": self.customers.id,
                "partner_id": self.customer.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "location_id": self.stock.id,
                            "location_dest_id": self.customers.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return self.validate(picking, done)

    def validate(self, picking, done=None):
        move = picking.move_ids
        if done is not None:
            move.quantity = done
        move.picked = True
        picking._action_done()
        return picking

    def equipment_of(self, picking):
        return self.env["aftersales.equipment"].search([("delivery_move_id", "in", picking.move_ids.ids)])

    def return_of(self, picking, quantity):
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = quantity
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        returned.action_assign()
        return self.validate(returned)

    @freeze_time("2026-12-01 10:00:00")
    def test_serials_become_equipment_once(self):
        picking = self.deliver(self.scanner, 2)
        equipment = self.equipment_of(picking)
        self.assertEqual(len(equipment), 2)
        self.assertEqual(
            set(equipment.mapped("serial_number")), set(picking.move_line_ids.lot_id.mapped("name"))
        )
        self.assertEqual(equipment.partner_id, self.customer)
        self.assertEqual(equipment.mapped("purchase_date"), [fields.Date.to_date("2026-12-01")] * 2)
        self.assertEqual(equipment.mapped("warranty_end"), [fields.Date.to_date("2028-12-01")] * 2)
        self.assertEqual(equipment.delivery_picking_id, picking)
        # validating again does not duplicate
        picking.move_ids._action_done()
        picking.move_ids._aftersales_create_equipment()
        self.assertEqual(len(self.equipment_of(picking)), 2)

    def test_serial_already_on_file_is_not_duplicated(self):
        lot = self.lots[0]
        self.env["aftersales.equipment"].create(
            {"partner_id": self.customer.id, "product_id": self.scanner.id, "lot_id": lot.id}
        )
        self.env["stock.quant"]._update_available_quantity(self.scanner, self.stock, -2, lot_id=self.lots[1])
        self.env["stock.quant"]._update_available_quantity(self.scanner, self.stock, -1, lot_id=self.lots[2])
        picking = self.deliver(self.scanner, 1)
        self.assertEqual(picking.move_line_ids.lot_id, lot)
        self.assertFalse(self.equipment_of(picking))
        self.assertEqual(self.env["aftersales.equipment"].search_count([("lot_id", "=", lot.id)]), 1)

    def test_untracked_quantity_gives_one_per_unit(self):
        picking = self.deliver(self.copier, 3)
        equipment = self.equipment_of(picking)
        self.assertEqual(len(equipment), 3)
        self.assertEqual(equipment.product_id, self.copier)
        self.assertFalse(any(equipment.mapped("serial_number")))

    def test_backorder_creates_the_rest(self):
        picking = self.deliver(self.copier, 3, done=1)
        self.assertEqual(len(self.equipment_of(picking)), 1)
        backorder = picking.backorder_ids
        self.assertTrue(backorder)
        self.validate(backorder, done=2)
        self.assertEqual(len(self.equipment_of(picking)), 1)
        self.assertEqual(len(self.equipment_of(backorder)), 2)

    def test_product_without_warranty_gives_nothing(self):
        picking = self.deliver(self.no_warranty, 2)
        self.assertFalse(self.equipment_of(picking))

    def test_return_marks_the_unit_returned(self):
        picking = self.deliver(self.scanner, 2)
        back = self.return_of(picking, 1)
        self.assertEqual(back.state, "done")
        self.assertEqual(len(back.move_line_ids.lot_id), 1)
        equipment = self.equipment_of(picking)
        self.assertEqual(len(equipment), 2, "a return creates no equipment")
        self.assertEqual(equipment.filtered("returned").lot_id, back.move_line_ids.lot_id)

    def test_returned_serial_delivered_again_changes_hands(self):
        picking = self.deliver(self.scanner, 1)
        equipment = self.equipment_of(picking)
        self.return_of(picking, 1)
        self.assertTrue(equipment.returned)
        self.customer = self.suburban_customer
        again = self.deliver(self.scanner, 3)
        self.assertEqual(len(self.equipment_of(again)), 3, "the returned unit and two new ones")
        self.assertEqual(equipment.delivery_move_id, again.move_ids)
        self.assertEqual(equipment.partner_id, self.suburban_customer)
        self.assertFalse(equipment.returned)
        self.assertEqual(
            self.env["aftersales.equipment"].search_count([("product_id", "=", self.scanner.id)]), 3
        )

    def test_return_of_untracked_units(self):
        picking = self.deliver(self.copier, 3)
        self.return_of(picking, 2)
        self.assertEqual(len(self.equipment_of(picking).filtered("returned")), 2)
