from types import SimpleNamespace

from lxml import etree

from odoo import Command
from odoo.tools.safe_eval import safe_eval

from .test_fees import FeesCase


class TestParts(FeesCase):
    """RPR-6 / SVC-6: technicians pick spare parts and see what the team's parts
    warehouse holds before they close the visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_part.aftersales_spare_part = True
        cls.empty_part = cls.env["product.product"].create(
            {"name": "Drum Unit", "type": "consu", "is_storable": True, "aftersales_spare_part": True}
        )
        cls.desk = cls.env["product.product"].create({"name": "Office Desk", "type": "consu"})

    def part_line(self, product, quantity=1.0):
        request = self.on_site_request()
        request.part_ids = [Command.create({"product_id": product.id, "quantity": quantity})]
        return request.part_ids

    def test_part_picker_offers_spare_parts_only(self):
        """The part picker lists the spare parts, not the catalogue (desks, the copier)."""
        # the domain the web client evaluates for the picker of a line
        domain = self.env["aftersales.request.part"].fields_get(["product_id"])["product_id"]["domain"]
        offered = self.env["product.product"].search(safe_eval(domain, {"company_id": self.env.company.id}))
        self.assertIn(self.stock_part, offered)
        self.assertIn(self.empty_part, offered)
        self.assertNotIn(self.desk, offered)
        self.assertNotIn(self.copier, offered)

    def test_repair_part_picker_offers_spare_parts_on_after_sales_repairs(self):
        """RPR-6: on a repair taken back from a request the workshop picks spare parts;
        Odoo's other repairs keep the whole catalogue."""
        view = self.env["repair.order"].get_view(self.env.ref("repair.view_repair_order_form").id)
        product = etree.fromstring(view["arch"]).xpath(
            "//field[@name='move_ids']//field[@name='product_id']"
        )[0]
        Product = self.env["product.product"]

        def offered(parent):
            return Product.search(safe_eval(product.get("domain"), {"parent": parent}))

        after_sales = offered(SimpleNamespace(aftersales_request_id=1))
        self.assertIn(self.stock_part, after_sales)
        self.assertNotIn(self.desk, after_sales)
        self.assertIn(self.desk, offered(SimpleNamespace(aftersales_request_id=False)))

    def test_line_shows_stock_of_the_team_and_warns_when_short(self):
        """The line shows the quantity in the team's parts location and warns at once
        when it has less than the line uses (0 in stock included)."""
        line = self.part_line(self.stock_part, quantity=2.0)
        self.assertEqual(line.available_qty, 10.0)
        self.assertFalse(line.is_short)
        self.assertIsNone(line._onchange_warn_short_of_stock())

        line.quantity = 12.0
        self.assertTrue(line.is_short)
        warning = line._onchange_warn_short_of_stock()["warning"]
        self.assertIn("Fuser Unit", warning["message"])
        self.assertIn(self.parts_location.display_name, warning["message"])

        empty = self.part_line(self.empty_part)
        self.assertEqual(empty.available_qty, 0.0)
        self.assertTrue(empty.is_short)
        self.assertIn("Drum Unit", empty._onchange_warn_short_of_stock()["warning"]["message"])

    def test_parts_without_stock_tracking_never_warn(self):
        """Consumables the warehouse does not count (no stock kept) are never short."""
        roller = self.env["product.product"].create(
            {"name": "Cleaning Cloth", "type": "consu", "aftersales_spare_part": True}
        )
        line = self.part_line(roller, quantity=5.0)
        self.assertFalse(line.is_short)
        self.assertIsNone(line._onchange_warn_short_of_stock())
