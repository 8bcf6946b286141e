import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import AftersalesCase


class TestVanStock(AftersalesCase):
    """FLD-3: company → team → technician. Each technician has a stock location of
    their own (the van) beside the team warehouse's stock; parts used on site leave
    the van; the warehouse refills it by an ordinary internal transfer; the
    supervisor sees every van's stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.team._get_warehouse()
        cls.warehouse_stock = cls.warehouse.lot_stock_id
        cls.van_a = cls.tech_a.aftersales_van_location_id
        cls.van_b = cls.tech_b.aftersales_van_location_id
        cls.fuser = cls.env["product.product"].create(
            {"name": "Fuser Unit", "type": "consu", "is_storable": True, "aftersales_spare_part": True}
        )
        cls.drum = cls.env["product.product"].create(
            {"name": "Drum Unit", "type": "consu", "is_storable": True, "aftersales_spare_part": True}
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.fuser, cls.van_a, 5)
        Quant._update_available_quantity(cls.fuser, cls.warehouse_stock, 10)
        Quant._update_available_quantity(cls.drum, cls.warehouse_stock, 10)
        Quant._update_available_quantity(cls.drum, cls.van_b, 2)

    def available(self, product, location):
        return self.env["stock.quant"]._get_available_quantity(product, location)

    def on_site_with_part(self, product, quantity, technician=None):
        request = self.dispatched_request(technician=technician)
        request.action_arrive()
        request.write(
            {
                "work_done": "Replaced",
                "no_signature_reason": "Customer away",
                "part_ids": [Command.create({"product_id": product.id, "quantity": quantity})],
            }
        )
        return request

    def test_technician_member_gets_a_van_beside_the_warehouse_stock(self):
        """A technician of the team has an internal location under the warehouse's view
        location, not inside its stock: what the van holds is not the warehouse's."""
        self.assertEqual(self.van_a.location_id, self.warehouse.view_location_id)
        self.assertEqual(self.van_a.usage, "internal")
        self.assertEqual(self.van_a.company_id, self.team.company_id)
        self.assertTrue(self.van_a.aftersales_is_van)
        self.assertIn(self.tech_a.name, self.van_a.name)
        self.assertNotEqual(self.van_a, self.van_b)
        self.assertEqual(
            self.available(self.fuser, self.warehouse_stock), 10.0, "the van's 5 are not counted"
        )
        self.assertFalse(self.clerk.aftersales_van_location_id, "clerks carry no parts")

        newcomer = new_test_user(
            self.env, "t_tech_new", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        self.team.member_ids = [Command.link(newcomer.id)]
        self.other_team.member_ids = [Command.link(newcomer.id)]
        van = newcomer.aftersales_van_location_id
        self.assertEqual(van.location_id, self.warehouse.view_location_id)
        self.assertEqual(
            self.env["stock.location"].search_count([("aftersales_van_user_id", "=", newcomer.id)]),
            1,
            "a technician of two teams of one company has one van",
        )

    def test_parts_used_on_site_leave_the_technicians_van(self):
        request = self.on_site_with_part(self.fuser, 2.0)
        request.action_close()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.part_move_ids.location_id, self.van_a)
        self.assertEqual(request.part_move_ids.state, "done")
        self.assertEqual(self.available(self.fuser, self.van_a), 3.0)
        self.assertEqual(self.available(self.fuser, self.warehouse_stock), 10.0, "the warehouse is untouched")

    def test_technician_without_a_van_takes_parts_from_the_team_warehouse(self):
        self.van_a.aftersales_van_user_id = False  # e.g. a van retired by the warehouse
        request = self.on_site_with_part(self.fuser, 2.0)
        self.assertEqual(request.part_ids.parts_location_id, self.warehouse_stock)
        request.action_close()
        self.assertEqual(request.part_move_ids.location_id, self.warehouse_stock)
        self.assertEqual(self.available(self.fuser, self.warehouse_stock), 8.0)

    def test_refill_is_an_internal_transfer_from_the_warehouse(self):
        """The supervisor opens a transfer from the team form: the warehouse's internal
        operation, from its stock to a van; validated, the parts are in the van."""
        action = self.team.with_user(self.supervisor).action_refill_van()
        self.assertEqual(action["res_model"], "stock.picking")
        Picking = self.env["stock.picking"].with_user(self.supervisor).with_context(action["context"])
        picking = Picking.create(
            {
                "location_dest_id": self.van_a.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.drum.id,
                            "product_uom_qty": 4,
                            "location_id": self.warehouse_stock.id,
                            "location_dest_id": self.van_a.id,
                        }
                    )
                ],
            }
        )
        self.assertEqual(picking.picking_type_id, self.warehouse.int_type_id)
        self.assertEqual(picking.location_id, self.warehouse_stock)
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.available(self.drum, self.van_a), 4.0)
        self.assertEqual(self.available(self.drum, self.warehouse_stock), 6.0)

    def test_part_not_in_the_van_refuses_closing_and_says_where_it_is(self):
        """Bad input: the part is in the warehouse and in another van but not in this
        technician's: the close is refused naming both, nothing consumed."""
        request = self.on_site_with_part(self.drum, 1.0)
        shortage = (
            f"Drum Unit: 1.0 needed, 0.0 available in {self.van_a.display_name} (available elsewhere: "
            f"{self.warehouse_stock.display_name}: 10 · {self.van_b.display_name}: 2)"
        )
        with self.assertRefused(UserError, re.escape(shortage)):
            request.action_close()
        self.assertEqual(request.state, "in_progress")
        self.assertFalse(request.part_move_ids)
        self.assertEqual(self.available(self.drum, self.warehouse_stock), 10.0)
        self.assertEqual(self.available(self.drum, self.van_b), 2.0)

    def test_part_line_shows_the_van_and_the_stock_elsewhere(self):
        """The technician reads, on their own line, what their van holds and where else
        the part is (they keep no stock records of their own for it)."""
        request = self.on_site_with_part(self.fuser, 1.0)
        line = request.part_ids.with_user(self.tech_a)
        self.assertEqual(line.parts_location_id, self.van_a)
        self.assertEqual(line.available_qty, 5.0)
        self.assertFalse(line.is_short)
        self.assertEqual(line.available_elsewhere, f"{self.warehouse_stock.display_name}: 10")

        drum_request = self.on_site_with_part(self.drum, 1.0)
        drum_line = drum_request.part_ids.with_user(self.tech_a)
        self.assertEqual(drum_line.available_qty, 0.0)
        self.assertTrue(drum_line.is_short)
        self.assertEqual(
            drum_line.available_elsewhere,
            f"{self.warehouse_stock.display_name}: 10 · {self.van_b.display_name}: 2",
        )
        warning = drum_line._onchange_warn_short_of_stock()["warning"]["message"]
        self.assertIn(self.van_a.display_name, warning)
        self.assertIn(drum_line.available_elsewhere, warning)

    def test_supervisor_sees_every_van_through_the_menu(self):
        outsider_van = self.outsider_tech.aftersales_van_location_id
        self.env["stock.quant"]._update_available_quantity(self.drum, outsider_van, 1)
        menu = self.env.ref("aftersales_service.menu_aftersales_van_stock")
        self.assertIn(self.env.ref("aftersales_service.group_aftersales_supervisor"), menu.group_ids)
        action = menu.action
        quants = self.env["stock.quant"].with_user(self.supervisor).search(safe_eval(action.domain))
        self.assertLessEqual(self.van_a | self.van_b | outsider_van, quants.location_id)
        self.assertTrue(all(quants.location_id.mapped("aftersales_is_van")), "vans only, not the warehouse")
        self.assertEqual(quants.filtered(lambda q: q.location_id == self.van_b).quantity, 2.0)

        team_action = self.team.with_user(self.supervisor).action_view_van_stock()
        team_quants = self.env["stock.quant"].with_user(self.supervisor).search(team_action["domain"])
        self.assertEqual(team_quants.location_id, self.van_a | self.van_b, "the team's vans only")
