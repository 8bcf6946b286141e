"""The demo database (bin/test and bin/serve install the modules with demo data) shows a
Chinese service company: books in CNY, staff working in Chinese on Shanghai time, Chinese
addresses, and a customer who can log in to the portal."""

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, tagged

STAFF = (
    "aftersales_service.user_demo_clerk",
    "aftersales_service.user_demo_supervisor",
    "aftersales_service.user_demo_technician_li",
    "aftersales_service.user_demo_technician_zhao",
    "aftersales_complaint.user_demo_general_manager",
)


class DemoCase:
    def demo(self, xmlid):
        record = self.env.ref(xmlid, raise_if_not_found=False)
        if record is None and xmlid.startswith("aftersales_service."):
            self.skipTest("the database was installed without demo data")
        return record


@tagged("post_install", "-at_install")
class TestDemoCompany(DemoCase, TransactionCase):
    def test_a_shanghai_service_company_in_cny(self):
        self.demo("aftersales_service.partner_demo_urban")
        company = self.env.ref("base.main_company")
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertNotIn("San Francisco", company.name)
        self.assertEqual(company.resource_calendar_id.tz, "Asia/Shanghai")

    def test_the_printer_contract_has_a_quarterly_plan_with_a_visit_due_soon(self):
        """CTR-5: the plan line planned its next visit within the horizon; the visit of
        last quarter, called off and never made up, shows as missed."""
        contract = self.demo("aftersales_service.contract_demo_printer")
        plan = contract.plan_ids
        self.assertEqual((plan.schedule_type, plan.interval_months), ("interval", 3))
        visits = plan.request_ids.filtered(lambda r: not r.maintenance_missed)
        self.assertEqual(len(visits), 1)
        self.assertLessEqual((visits.call_time.date() - fields.Date.today()).days, 14)
        self.assertEqual(contract.missed_maintenance_count, 1)

    def test_staff_work_in_chinese_on_shanghai_time(self):
        self.demo("aftersales_service.partner_demo_urban")
        for xmlid in STAFF:
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if user is None:  # aftersales_complaint not installed
                continue
            with self.subTest(user=user.login):
                self.assertEqual(user.lang, "zh_CN")
                self.assertEqual(user.tz, "Asia/Shanghai")
        # the administrator keeps the language the database was created with (the browser
        # tours drive the web client as admin in English), on the company's time
        self.assertEqual(self.env.ref("base.user_admin").tz, "Asia/Shanghai")
        for xmlid in ("aftersales_service.team_demo_head_office", "aftersales_service.team_demo_branch"):
            self.assertEqual(self.env.ref(xmlid).resource_calendar_id.tz, "Asia/Shanghai")

    def test_request_address_is_written_the_chinese_way(self):
        """It used to read '88 Huaihai Middle Road, , Shanghai'."""
        request = self.demo("aftersales_service.request_demo_new")
        self.assertEqual(request.street, "200021, 上海市 黄浦区 淮海中路88号")
        for request in self.env["aftersales.request"].search([("street", "!=", False)]):
            self.assertNotIn(", ,", request.street)


@tagged("post_install", "-at_install")
class TestDemoPortalCustomer(DemoCase, HttpCase):
    """README names the demo portal login as_portal (password = login): a contact of the
    customer Mingde who follows her company's requests, equipment, contract and invoices."""

    def test_portal_customer_sees_her_company_s_service(self):
        user = self.demo("aftersales_service.user_demo_portal")
        customer = self.env.ref("aftersales_service.partner_demo_urban")
        self.assertEqual(user.login, "as_portal")
        self.assertTrue(user._is_portal())
        self.assertEqual(user.commercial_partner_id, customer)

        # what the access rules let her read
        portal_env = self.env(user=user)
        requests = portal_env["aftersales.request"].search([])
        self.assertTrue(requests)
        self.assertEqual(requests.partner_id.commercial_partner_id, customer)
        self.assertIn("done", requests.mapped("state"))
        self.assertTrue(set(requests.mapped("state")) - {"done", "cancel"}, "an open request too")
        equipment = portal_env["aftersales.equipment"].search([])
        self.assertIn(self.env.ref("aftersales_service.equipment_demo_copier_expired"), equipment.sudo())
        contract = self.env.ref("aftersales_service.contract_demo_copier")
        self.assertEqual(contract.state, "active")
        self.assertIn(contract, portal_env["aftersales.contract"].search([]).sudo())
        invoices = portal_env["account.move"].search([("move_type", "=", "out_invoice")])
        self.assertTrue(invoices)
        invoice = invoices.sudo().filtered(lambda move: move.aftersales_contract_id == contract)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.currency_id, self.env.ref("base.CNY"))

        # what she sees once logged in
        self.authenticate("as_portal", "as_portal")
        done = requests.sudo().filtered(lambda r: r.state == "done")[:1]
        for url, shown in (
            ("/my/requests", done.name),
            ("/my/equipment", equipment.sudo()[:1].name),
            ("/my/contracts", contract.name),
            ("/my/invoices", invoice.name),
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(shown, response.text)


@tagged("post_install", "-at_install")
class TestDemoPaidRepair(DemoCase, TransactionCase):
    def test_the_paid_repair_waits_for_the_signed_estimate(self):
        """RPR-7: the demo's paid carry-in repair has its estimate sent for signature."""
        request = self.demo("aftersales_service.request_demo_paid_repair")
        repair = request.repair_ids
        self.assertFalse(repair.under_warranty)
        self.assertEqual(repair.estimate_state, "sent")
        self.assertEqual(repair.sale_order_id.state, "sent")
        self.assertTrue(repair.sale_order_id.require_signature)
        self.assertEqual(repair.old_parts_choice, "take_back")


@tagged("post_install", "-at_install")
class TestDemoVans(DemoCase, TransactionCase):
    def test_demo_technicians_carry_parts_in_their_vans(self):
        """FLD-3: each demo technician's van is a location of the head office warehouse
        and holds parts."""
        li = self.demo("aftersales_service.user_demo_technician_li")
        zhao = self.env.ref("aftersales_service.user_demo_technician_zhao")
        warehouse = self.env.ref("aftersales_service.team_demo_head_office")._get_warehouse()
        for technician in (li, zhao):
            self.assertEqual(technician.aftersales_van_location_id.location_id, warehouse.view_location_id)
        self.assertEqual(
            self.env.ref("aftersales_service.quant_demo_fuser_van_li").location_id,
            li.aftersales_van_location_id,
        )
        self.assertEqual(
            self.env.ref("aftersales_service.quant_demo_print_head_van_zhao").location_id,
            zhao.aftersales_van_location_id,
        )
