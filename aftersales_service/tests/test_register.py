from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from .common import AftersalesCase


class TestRegister(AftersalesCase):
    def test_register_fills_the_call_register_entry(self):
        """SVC-1: number, customer data and product data are taken from the customer
        and the equipment file."""
        request = self.create_request(customer_request="Morning visit", channel="email")
        self.assertTrue(request.name.startswith("SR/"), request.name)
        self.assertEqual(request.phone, "+86 21 1234 5678")
        self.assertIn("Nanjing Road", request.street)
        self.assertEqual(request.service_zone, "urban")
        self.assertEqual(request.product_id, self.copier)
        self.assertEqual(request.serial_number, "SN-0001")
        self.assertEqual(str(request.purchase_date), "2026-01-15")
        self.assertEqual(request.team_id, self.team)
        self.assertEqual(request.register_state, "open")
        self.assertFalse(request.to_verify)
        other = self.create_request()
        self.assertNotEqual(request.name, other.name)

    def test_register_through_the_form(self):
        """SVC-1: the clerk's form fills the request from customer and equipment."""
        form = Form(self.env["aftersales.request"].with_user(self.clerk))
        form.partner_id = self.customer
        form.equipment_id = self.equipment
        form.symptom = "Noise"
        request = form.save()
        self.assertEqual(request.category, "C")
        self.assertEqual(request.serial_number, "SN-0001")

    def test_form_takes_the_customers_team(self):
        """ORG-1: choosing the customer in the form sets the customer's team, even when
        another team was proposed for the empty form."""
        self.other_team.sequence = 0  # the first team a blank form would propose
        branch_customer = self.env["res.partner"].create(
            {
                "name": "Branch Customer",
                "phone": "1",
                "aftersales_team_id": self.team.id,
            }
        )
        form = Form(self.env["aftersales.request"].with_user(self.clerk))
        form.partner_id = branch_customer
        form.symptom = "Noise"
        self.assertEqual(form.save().team_id, self.team)

    def test_missing_data_is_flagged_and_blocks_dispatch_until_verified(self):
        """SVC-1: doubtful data is checked before dispatch."""
        request = self.create_request(equipment_id=False, symptom=False)
        self.assertTrue(request.to_verify)
        self.assertIn("serial number", request.verification_issues)
        self.assertIn("symptom", request.verification_issues)
        request.technician_id = self.tech_a
        with self.assertRefused(UserError, "Verify the data"):
            request.action_dispatch()
        self.assertEqual(request.state, "new")
        request.with_user(self.clerk).action_verify()
        self.assertEqual(request.verified_by_id, self.clerk)
        request.action_dispatch()
        self.assertEqual(request.state, "dispatched")

    def test_register_without_customer_is_refused(self):
        """Bad input: no customer → clear error, nothing written."""
        Request = self.env["aftersales.request"]
        before = Request.search_count([])
        with self.assertRefused(ValidationError, "needs a customer"):
            Request.create({"symptom": "Broken"})
        self.assertEqual(Request.search_count([]), before)

    def test_register_without_a_way_to_reach_the_customer_is_refused(self):
        """Bad input: a customer with neither phone nor email, and none given."""
        silent = self.env["res.partner"].create({"name": "No Contact"})
        Request = self.env["aftersales.request"]
        before = Request.search_count([])
        with self.assertRefused(ValidationError, "phone number or an email"):
            Request.create({"partner_id": silent.id, "symptom": "Broken"})
        self.assertEqual(Request.search_count([]), before)
        # giving a phone number on the call is enough
        request = Request.create({"partner_id": silent.id, "phone": "110", "symptom": "Broken"})
        self.assertEqual(request.phone, "110")

    def test_removing_the_customer_is_refused(self):
        request = self.create_request()
        with self.assertRefused(ValidationError, "needs a customer"):
            request.partner_id = False

    def test_category_changes_only_with_a_reason(self):
        """SVC-2: the category is defaulted, and changing it records the reason."""
        request = self.create_request()
        self.assertEqual(request.category, "C")
        with self.assertRefused(UserError, "Change Category"):
            request.category = "A"
        self.assertEqual(request.category, "C")

        wizard = self.env["aftersales.category.wizard"].create(
            {
                "request_id": request.id,
                "category": "D",
                "reason": " ",
            }
        )
        with self.assertRefused(UserError, "reason"):
            wizard.action_confirm()
        self.assertEqual(request.category, "C")

        self.env["aftersales.category.wizard"].create(
            {
                "request_id": request.id,
                "category": "D",
                "reason": "Demo machine of our showroom",
            }
        ).action_confirm()
        self.assertEqual(request.category, "D")
        self.assertIn("Demo machine of our showroom", request.message_ids[0].body)

    def test_category_is_kept_once_work_started(self):
        """SVC-2: a dispatched request keeps its category if the equipment changes."""
        request = self.dispatched_request()
        old = self.env["aftersales.equipment"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.copier.id,
                "purchase_date": "2020-01-01",
                "serial_number": "SN-OLD",
            }
        )
        request.equipment_id = old
        self.assertEqual(request.category, "C")
