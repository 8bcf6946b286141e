from datetime import date, datetime

from .common import AftersalesCase


class TestEquipment(AftersalesCase):
    def test_warranty_end_is_purchase_date_plus_product_months(self):
        """EQP-2: purchase 2026-01-15 + 12 months = 2027-01-15."""
        self.assertEqual(self.equipment.warranty_end, date(2027, 1, 15))
        self.copier.aftersales_warranty_months = 24
        self.assertEqual(self.equipment.warranty_end, date(2028, 1, 15))

    def test_request_in_warranty_is_free_service_c(self):
        """EQP-2 / SVC-2: in warranty on the day of the call → C."""
        request = self.create_request(call_time=datetime(2026, 11, 23, 9, 0))
        self.assertEqual(request.category, "C")

    def test_request_out_of_warranty_is_paid_service_a(self):
        """EQP-2 / SVC-2: warranty ended before the call → A; no equipment → A."""
        old = self.env["aftersales.equipment"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.copier.id,
                "serial_number": "SN-OLD",
                "purchase_date": "2024-01-01",
            }
        )
        self.assertEqual(self.create_request(equipment_id=old.id).category, "A")
        self.assertEqual(self.create_request(equipment_id=False).category, "A")
        # the day after the warranty ended
        self.assertEqual(self.create_request(call_time=datetime(2027, 1, 16, 9, 0)).category, "A")

    def test_in_warranty_filter(self):
        old = self.env["aftersales.equipment"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.copier.id,
                "purchase_date": "2020-01-01",
            }
        )
        in_warranty = self.env["aftersales.equipment"].search([("in_warranty", "=", True)])
        out_of_warranty = self.env["aftersales.equipment"].search([("in_warranty", "=", False)])
        self.assertIn(self.equipment, in_warranty)
        self.assertNotIn(old, in_warranty)
        self.assertIn(old, out_of_warranty)

    def test_service_history_lists_the_requests(self):
        """EQP-1: the equipment file shows every request made on it."""
        first = self.create_request()
        second = self.create_request()
        self.assertEqual(self.equipment.request_ids, first | second)
        self.assertEqual(self.equipment.request_count, 2)

    def test_serial_number_from_lot(self):
        """EQP-1: the serial number is the stock lot's when one is chosen."""
        lot = self.env["stock.lot"].create({"name": "LOT-77", "product_id": self.copier.id})
        equipment = self.env["aftersales.equipment"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.copier.id,
                "lot_id": lot.id,
            }
        )
        self.assertEqual(equipment.serial_number, "LOT-77")
        self.assertIn("LOT-77", equipment.display_name)
