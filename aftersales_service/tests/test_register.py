from datetime import date, datetime

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

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
        self.assertIn("serial number", request.verification_issues_label)
        self.assertIn("symptom", request.verification_issues_label)
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


class TestIntake(AftersalesCase):
    """SVC-1 intake at the clerk's desk: find the caller, register a first-time caller,
    see what the equipment's file says before saving."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_time = datetime(2026, 11, 16, 9, 0)
        cls.old_equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.copier.id,
                "serial_number": "SN-OLD-7",
                "purchase_date": "2020-01-01",
            }
        )

    def form_node(self, user, xpath):
        views = self.env["aftersales.request"].with_user(user).get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"]).xpath(xpath)

    def customer_field_search(self, user, term):
        """What the request form's customer field proposes for ``term``: name_search with
        the field's context, as the web client calls it."""
        (field,) = self.form_node(user, "//field[@name='partner_id']")
        context = safe_eval(field.get("context") or "{}", {})
        Partner = self.env["res.partner"].with_user(user).with_context(**context)
        return Partner.browse([partner_id for partner_id, _name in Partner.name_search(term)])

    def test_clerk_registers_a_first_time_caller(self):
        """SVC-1: the customer field offers to create a customer, and the clerk can
        create and correct one, then register the call for them."""
        (field,) = self.form_node(self.clerk, "//field[@name='partner_id']")
        self.assertEqual(field.get("can_create"), "True", "the customer field offers 'Create'")
        Partner = self.env["res.partner"].with_user(self.clerk)
        caller = Partner.create({"name": "First-Time Caller", "phone": "+86 139 1111 2222"})
        caller.with_user(self.clerk).write({"street": "3 Zhongshan Road"})
        form = Form(self.env["aftersales.request"].with_user(self.clerk))
        form.partner_id = caller
        form.symptom = "Does not start"
        request = form.save()
        self.assertEqual(request.partner_id, caller)
        self.assertEqual(request.phone, "+86 139 1111 2222")
        self.assertIn("Zhongshan Road", request.street)

    def test_only_customer_service_creates_customers(self):
        """Attacker's side: a technician still creates and edits no customer, and the
        clerk deletes none (their requests and equipment refer to them)."""
        Partner = self.env["res.partner"]
        with self.assertRaises(AccessError):
            Partner.with_user(self.tech_a).create({"name": "Made-up Customer"})
        with self.assertRaises(AccessError):
            self.customer.with_user(self.tech_a).write({"phone": "+86 21 0000 0000"})
        with self.assertRaises(AccessError):
            self.customer.with_user(self.clerk).unlink()
        self.assertTrue(self.customer.exists())
        self.assertEqual(self.customer.phone, "+86 21 1234 5678")
        (field,) = self.form_node(self.tech_a, "//field[@name='partner_id']")
        self.assertEqual(field.get("can_create"), "False")

    def test_customer_field_finds_by_phone_mobile_and_serial(self):
        """SVC-1: the caller is found by name, by phone or mobile number however it is
        typed (spaces, country code, trunk 0), and by the serial number of their
        equipment. Odoo 19 keeps one number per contact: a mobile is the number of the
        contact person who calls."""
        buyer = self.env["res.partner"].create(
            {"name": "Ms. Zhou", "parent_id": self.customer.id, "phone": "+86 139 0000 0303"}
        )
        self.assertIn(self.customer, self.customer_field_search(self.clerk, "Urban Customer"))
        cases = {
            "1234 5678": self.customer,
            "12345678": self.customer,
            "+86 21 1234 5678": self.customer,
            "021-1234-5678": self.customer,
            "13900000303": buyer,
            "139 0000 0303": buyer,
            "+8613900000303": buyer,
            "SN-0001": self.customer,
            "sn-old-7": self.customer,
        }
        for term, expected in cases.items():
            with self.subTest(term=term):
                found = self.customer_field_search(self.clerk, term)
                self.assertIn(expected, found)
                self.assertNotIn(self.suburban_customer, found)
        # the mobile of the contact person who calls proposes their company too, under
        # which the equipment is filed
        self.assertIn(self.customer, self.customer_field_search(self.clerk, "139 0000 0303"))
        self.assertFalse(self.customer_field_search(self.clerk, "99999999"))
        # outside the intake fields, Odoo's own partner search is unchanged
        Partner = self.env["res.partner"].with_user(self.clerk)
        self.assertFalse(Partner.name_search("13900000303"))

    def test_second_open_request_on_the_equipment_is_warned_not_blocked(self):
        """SVC-1: choosing equipment that already has an open request shows it, and the
        call can still be registered."""
        first = self.create_request()
        closed = self.create_request()
        closed.action_cancel()
        form = Form(self.env["aftersales.request"].with_user(self.clerk))
        form.partner_id = self.customer
        form.equipment_id = self.equipment
        self.assertEqual(list(form.equipment_open_request_ids), [first])
        form.symptom = "Still jams"
        second = form.save()
        self.assertEqual(second.equipment_open_request_ids, first)
        self.assertEqual(first.equipment_open_request_ids, second, "both requests show each other")
        (alert,) = self.form_node(self.clerk, "//div[field[@name='equipment_open_request_ids']]")
        self.assertIn("alert", alert.get("class"))
        self.assertEqual(alert.get("invisible"), "not equipment_open_request_ids")

    def test_category_and_warranty_show_before_saving(self):
        """SVC-1 / SVC-2: category and warranty appear when the equipment is chosen,
        before the request is saved."""
        form = Form(self.env["aftersales.request"].with_user(self.clerk))
        form.call_time = self.call_time
        form.partner_id = self.customer
        form.equipment_id = self.equipment
        self.assertEqual(form.category, "C")
        self.assertEqual(form.warranty_end, date(2027, 1, 15))
        self.assertTrue(form.in_warranty)
        form.equipment_id = self.old_equipment
        self.assertEqual(form.category, "A")
        self.assertEqual(form.warranty_end, date(2021, 1, 1))
        self.assertFalse(form.in_warranty)
        form.symptom = "Noise"
        self.assertEqual(form.save().category, "A")

    def test_a_machine_never_visited_shows_no_last_visit(self):
        """DSP-3: the last visit is shown once there is one; a machine never visited shows
        nothing (it showed "aftersales.request()")."""
        form = Form(self.env["aftersales.request"].with_user(self.clerk))
        form.partner_id = self.customer
        form.equipment_id = self.old_equipment
        self.assertFalse(form.last_visit)

    def test_symptom_is_near_the_top_of_the_form(self):
        """SVC-1: the symptom is written while the customer talks: at the top of the
        form, not in a tab at the bottom."""
        (symptom,) = self.form_node(self.clerk, "//field[@name='symptom']")
        self.assertFalse(symptom.xpath("ancestor::notebook"))
        (customer_group,) = self.form_node(self.clerk, "//group[@name='customer']")
        order = [node for node in symptom.getroottree().iter() if node in (symptom, customer_group)]
        self.assertEqual(order[0], symptom, "the symptom comes before the customer's details")
