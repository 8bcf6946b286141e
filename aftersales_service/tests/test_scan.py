"""PRT-4/PRT-5 from the customer's phone and from an attacker's: the page a scanned QR
label opens, the request sent from it, and its live status page. Every route is tried
with wrong, guessed, enumerated and replaced tokens, bad input and floods."""

import base64
import importlib.util
import os
import secrets
from datetime import datetime, timedelta

import lxml.html

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.uploads import MAX_ATTACHMENT_SIZE

# a 1x1 PNG
PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
CUSTOMER_SECRETS = ("Secret Customer Ltd", "88 Hidden Street", "555 0101", "Earlier secret jam")


def run_label_migration(env):
    """The 19.0.1.3.0 upgrade script, as the upgrade runs it."""
    path = os.path.join(get_module_path("aftersales_service"), "migrations", "19.0.1.3.0", "post-migrate.py")
    spec = importlib.util.spec_from_file_location("aftersales_service_post_migrate_1_3", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.migrate(env.cr, "19.0.1.2.0")
    env.invalidate_all()


class ScanCase(HttpCase):
    """A customer company with a contact, a machine in warranty under a maintenance
    contract, and a team whose technicians work around the clock (so free slots exist
    whatever day the tests run)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Scan 24/7 UTC",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 0, "hour_to": 23.99}
                    )
                    for day in range(7)
                ],
            }
        )
        cls.technician = new_test_user(
            cls.env, "scan_tech", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        cls.clerk = new_test_user(
            cls.env, "scan_clerk", groups="base.group_user,aftersales_service.group_aftersales_user"
        )
        cls.manager = new_test_user(
            cls.env, "scan_manager", groups="base.group_user,aftersales_service.group_aftersales_manager"
        )
        cls.team = cls.env["aftersales.team"].create(
            {
                "name": "Scan Team",
                "resource_calendar_id": calendar.id,
                "member_ids": [Command.set([cls.technician.id])],
            }
        )
        cls.env.company.write({"aftersales_hotline": "400-800-1234", "name": "Service Company One"})
        cls.customer = cls.env["res.partner"].create(
            {
                "name": CUSTOMER_SECRETS[0],
                "is_company": True,
                "street": CUSTOMER_SECRETS[1],
                "phone": "+86 21 5550 0101",
                "email": "secret@customer.example.com",
                "aftersales_team_id": cls.team.id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Known Contact", "parent_id": cls.customer.id, "phone": "138 0013 8000"}
        )
        product = cls.env["product.product"].create({"name": "Scan Copier", "aftersales_warranty_months": 24})
        cls.equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": product.id,
                "serial_number": "SN-SCAN-1",
                "purchase_date": datetime.now().date() - timedelta(days=30),
            }
        )
        cls.contract = cls.env["aftersales.contract"].create(
            {
                "partner_id": cls.customer.id,
                "equipment_ids": [Command.set(cls.equipment.ids)],
                "date_start": datetime.now().date() - timedelta(days=10),
                "date_end": datetime.now().date() + timedelta(days=300),
                "fee": 1200,
            }
        )
        cls.contract.action_activate()
        # the hour starts afresh: no request was sent from a label yet
        cls.env["aftersales.scan.submission"].search([]).unlink()
        cls.earlier = cls.env["aftersales.request"].create(
            {"partner_id": cls.customer.id, "equipment_id": cls.equipment.id, "symptom": CUSTOMER_SECRETS[3]}
        )

    def token(self, equipment=None):
        return (equipment or self.equipment).sudo().label_token

    def page(self, url, **kwargs):
        return self.url_open(url, allow_redirects=False, **kwargs)

    def submit(self, token=None, files=None, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "symptom": "Paper jam in tray 2",
            "contact_name": "Wang Wei",
            "phone": "138 0013 8000",
            **values,
        }
        return self.url_open(
            f"/aftersales/scan/{token or self.token()}", data=data, files=files, allow_redirects=False
        )

    def scanned(self):
        # the requests sent from labels by the test, not those of the database's own use
        return self.env["aftersales.request"].search(
            [("channel", "=", "qr"), ("id", ">", self.earlier.id)], order="id desc"
        )

    def status_url(self, service_request):
        return f"/aftersales/status/{service_request.sudo().status_token}"


@tagged("post_install", "-at_install")
class TestScanPage(ScanCase):
    def test_label_page_names_the_machine_and_nothing_of_the_customer(self):
        self.authenticate(None, None)
        response = self.page(f"/aftersales/scan/{self.token()}")
        self.assertEqual(response.status_code, 200)
        text = lxml.html.fromstring(response.text).text_content()
        for shown in (
            "Scan Copier",
            "SN-SCAN-1",
            "In warranty",
            "Maintenance contract",
            "Service Company One",
            "400-800-1234",
        ):
            self.assertIn(shown, text)
        for secret in CUSTOMER_SECRETS:
            self.assertNotIn(secret, response.text)

    def test_guessed_enumerated_and_replaced_tokens_answer_404(self):
        self.authenticate(None, None)
        old = self.token()
        guesses = [
            secrets.token_urlsafe(16),
            str(self.equipment.id),
            old[:-1],
            old.upper() if old.upper() != old else old.lower(),
            "x" * 500,
            "%00",
        ]
        for guess in guesses:
            for url in (
                f"/aftersales/scan/{guess}",
                f"/aftersales/status/{guess}",
                f"/aftersales/status/{guess}/slots",
                f"/aftersales/status/{guess}/voucher",
            ):
                self.assertEqual(self.page(url).status_code, 404, url)
            self.assertEqual(self.submit(token=guess).status_code, 404, guess)
            picked = self.url_open(
                f"/aftersales/status/{guess}/slots",
                data={"csrf_token": http.Request.csrf_token(self), "slot": "2030-01-01 10:00:00"},
                allow_redirects=False,
            )
            self.assertEqual(picked.status_code, 404, guess)
        self.assertFalse(self.scanned(), "nothing was written")
        # the label token never opens a status page, nor a status token a label
        self.assertEqual(self.page(f"/aftersales/status/{old}").status_code, 404)
        self.authenticate("scan_manager", "scan_manager")
        self.equipment.with_user(self.manager).action_rotate_label()
        self.authenticate(None, None)
        self.assertEqual(self.page(f"/aftersales/scan/{old}").status_code, 404, "the replaced label is dead")
        self.assertEqual(self.submit(token=old).status_code, 404)
        self.assertEqual(
            self.page(f"/aftersales/scan/{self.token()}").status_code, 200, "the new label works"
        )

    def test_a_form_posted_from_elsewhere_is_refused(self):
        """CSRF: a page of another site cannot send requests in a visitor's name."""
        self.authenticate(None, None)
        for data in ({}, {"csrf_token": "forged"}):
            data.update(symptom="Jam", contact_name="Wang", phone="13800138000")
            response = self.url_open(f"/aftersales/scan/{self.token()}", data=data, allow_redirects=False)
            self.assertEqual(response.status_code, 400)
        self.assertFalse(self.scanned())

    def test_right_and_wrong_tokens_cost_one_indexed_query(self):
        Equipment = self.env["aftersales.equipment"]
        for token in (self.token(), secrets.token_urlsafe(16), "", "x" * 500):
            with self.assertQueryCount(1):
                Equipment._find_by_label_token(token)
        self.assertTrue(Equipment._fields["label_token"].index)
        self.assertTrue(self.env["aftersales.request"]._fields["status_token"].index)

    def test_scan_and_status_pages_read_at_most_5_queries(self):
        equipment = self.env["aftersales.equipment"]._find_by_label_token(self.token())
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            equipment = self.env["aftersales.equipment"]._find_by_label_token(self.token())
            equipment._get_scan_page_values()
        self.authenticate(None, None)
        self.submit()
        service_request = self.scanned()
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            found = self.env["aftersales.request"]._find_by_status_token(service_request.sudo().status_token)
            found._get_status_page_values()

    def test_labels_are_unique_per_machine_and_the_upgrade_gives_each_its_own(self):
        others = self.env["aftersales.equipment"].create(
            [{"partner_id": self.customer.id, "product_id": self.equipment.product_id.id} for _ in range(3)]
        )
        self.env.cr.execute(
            "UPDATE aftersales_equipment SET label_token = NULL WHERE id = ANY(%s)", [others.ids]
        )
        run_label_migration(self.env)
        tokens = (others | self.equipment).sudo().mapped("label_token")
        self.assertEqual(len(set(tokens)), 4)
        self.assertTrue(all(tokens))
        self.assertIn(f"/aftersales/scan/{self.token()}", self.equipment.label_url)

    def test_only_managers_replace_a_label(self):
        for user in (self.clerk, self.technician):
            with self.assertRaises(AccessError):
                self.equipment.with_user(user).action_rotate_label()
        old = self.token()
        self.equipment.with_user(self.manager).action_rotate_label()
        self.assertNotEqual(self.token(), old)


@tagged("post_install", "-at_install")
class TestScanSubmission(ScanCase):
    def test_a_scanned_request_is_registered_like_a_phone_call(self):
        self.authenticate(None, None)
        preferred = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
        response = self.submit(preferred_time=preferred, files=[("photos", ("jam.png", PHOTO, "image/png"))])
        self.assertEqual(response.status_code, 303)
        created = self.scanned()
        self.assertEqual(len(created), 1)
        self.assertIn(self.status_url(created), response.headers["Location"])
        self.assertEqual(created.channel, "qr")
        self.assertEqual(
            (created.partner_id, created.equipment_id, created.company_id),
            (self.customer, self.equipment, self.env.company),
        )
        self.assertEqual(created.team_id, self.team, "routed like a phone registration")
        self.assertEqual(created.category, "B", "under contract, as at the phone")
        self.assertEqual(created.contract_id, self.contract)
        self.assertTrue(created.sla_deadline, "the SLA clock runs")
        self.assertEqual((created.contact_name, created.phone), ("Wang Wei", "138 0013 8000"))
        self.assertEqual(created.street, CUSTOMER_SECRETS[1], "the visit goes to the customer's address")
        self.assertNotIn("reporter", created.verification_issues or "", "a contact's phone is known")
        self.assertTrue(created.preferred_time)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", created._name), ("res_id", "=", created.id)]
        )
        self.assertEqual(attachment.name, "jam.png")
        acknowledgement = created.message_ids.filtered(lambda m: self.status_url(created) in (m.body or ""))
        self.assertEqual(acknowledgement.partner_ids, self.customer, "the customer is mailed the status link")
        status = self.page(response.headers["Location"])
        self.assertEqual(status.status_code, 200)
        self.assertIn(self.status_url(created), status.text, "the link is shown on the confirmation")
        self.assertIn(created.name, status.text)

    def test_a_stranger_is_accepted_but_flagged_to_verify(self):
        self.authenticate(None, None)
        self.submit(phone="139 9999 0000")
        created = self.scanned()
        self.assertTrue(created.to_verify)
        self.assertIn("reporter", created.verification_issues.split(","))
        self.assertIn("reporter unknown", created.verification_issues_label)

    def test_bad_input_is_refused_with_a_message_and_nothing_written(self):
        self.authenticate(None, None)
        past = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        pdf = ("photo.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg")
        big = ("big.jpg", b"\xff\xd8\xff\xe0" + b"0" * (12 * 1024 * 1024), "image/jpeg")
        cases = [
            ({"symptom": "  "}, None, "Describe the problem"),
            ({"phone": ""}, None, "phone number"),
            ({"contact_name": ""}, None, "Give your name"),
            ({"preferred_time": past}, None, "in the past"),
            ({"preferred_time": "soon"}, None, "not a valid date"),
            ({}, [("photos", (f"p{i}.png", PHOTO, "image/png")) for i in range(6)], "at most 5"),
            ({}, [("photos", big)], "larger than"),
            ({}, [("photos", pdf)], "is not a photo"),
        ]
        self.assertGreater(len(big[1]), MAX_ATTACHMENT_SIZE)
        for values, files, message in cases:
            response = self.submit(files=files, **values)
            self.assertEqual(response.status_code, 200, message)
            self.assertIn(message, response.text)
            self.assertFalse(self.scanned(), message)
        self.assertFalse(
            self.env["ir.attachment"].search([("name", "in", ("photo.jpg", "big.jpg", "p0.png"))])
        )
        self.assertFalse(self.env["aftersales.scan.submission"].search([]))

    def test_submissions_are_limited_per_address_and_per_label(self):
        self.authenticate(None, None)
        Submission = self.env["aftersales.scan.submission"]
        for _ in range(5):
            self.assertEqual(self.submit().status_code, 303)
        flooded = self.submit()
        self.assertEqual(flooded.status_code, 429)
        self.assertIn("Too many requests", flooded.text)
        self.assertEqual(len(self.scanned()), 5)
        # another label from the same address is refused; the same label from others too
        other = self.equipment.copy({"serial_number": "SN-SCAN-2"})
        self.assertEqual(self.submit(token=self.token(other)).status_code, 429)
        Submission.search([]).write({"ip": "203.0.113.9"})
        self.assertEqual(
            self.submit(token=self.token(other)).status_code, 303, "a fresh address, a fresh label"
        )
        self.assertEqual(self.submit().status_code, 429, "the flooded label stays closed for an hour")
        self.assertEqual(len(self.scanned()), 6)

    def test_a_label_of_another_company_shows_and_files_in_that_company(self):
        second = self.env["res.company"].create(
            {"name": "Service Company Two", "aftersales_hotline": "400-222-2222"}
        )
        calendar = self.team.resource_calendar_id.copy({"company_id": second.id})
        team = (
            self.env["aftersales.team"]
            .with_company(second)
            .create({"name": "Team Two", "company_id": second.id, "resource_calendar_id": calendar.id})
        )
        customer = self.customer.copy(
            {"name": "Second Customer", "company_id": second.id, "aftersales_team_id": team.id}
        )
        product = self.equipment.product_id.copy({"company_id": second.id})
        equipment = self.env["aftersales.equipment"].create(
            {
                "partner_id": customer.id,
                "product_id": product.id,
                "company_id": second.id,
                "serial_number": "SN-TWO",
            }
        )
        self.authenticate(None, None)
        text = self.page(f"/aftersales/scan/{self.token(equipment)}").text
        self.assertIn("Service Company Two", text)
        self.assertIn("400-222-2222", text)
        self.assertNotIn("Service Company One", text)
        self.assertNotIn("400-800-1234", text)
        self.submit(token=self.token(equipment))
        created = self.scanned()
        self.assertEqual((created.company_id, created.team_id), (second, team))

    def test_script_in_the_symptom_shows_as_text(self):
        self.authenticate(None, None)
        self.submit(symptom="<script>alert('x')</script>")
        status = self.page(self.status_url(self.scanned()))
        self.assertNotIn("<script>alert('x')</script>", status.text)
        self.assertIn("&lt;script&gt;", status.text)

    def test_a_portal_user_of_the_customer_sees_the_request_at_once(self):
        new_test_user(self.env, "scan_portal", groups="base.group_portal", partner_id=self.contact.id)
        self.authenticate("scan_portal", "scan_portal")
        self.submit()
        created = self.scanned()
        self.assertIn(created.name, self.page("/my/requests").text)
        self.assertIn(self.contact, created.message_partner_ids)

    def test_the_page_speaks_the_browsers_language(self):
        """A phone scanning the label for the first time has no session yet: Odoo gives
        the new session the browser's language (Accept-Language), as on any page."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)
        url = f"/aftersales/scan/{self.token()}"
        self.opener.cookies.clear()
        chinese = self.page(url, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        self.assertIn("报修", chinese.text)
        self.assertIn("保修期内", chinese.text)
        self.opener.cookies.clear()
        english = self.page(url, headers={"Accept-Language": "en-US,en;q=0.9"})
        self.assertIn("Ask for service", english.text)
        # the visitor's session keeps the language it was given
        self.authenticate(None, None)
        self.session.context["lang"] = "zh_CN"
        http.root.session_store.save(self.session)
        refused = self.url_open(
            f"/aftersales/scan/{self.token()}",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "symptom": "",
                "contact_name": "W",
                "phone": "13800138000",
            },
            headers={"Accept-Language": "zh-CN"},
        )
        self.assertIn("请描述", refused.text)


@tagged("post_install", "-at_install")
class TestLiveStatus(ScanCase):
    def setUp(self):
        super().setUp()
        self.authenticate(None, None)
        self.submit()
        self.service_request = self.scanned()

    def stage_text(self):
        tree = lxml.html.fromstring(self.page(self.status_url(self.service_request)).text)
        return tree.xpath("//li[contains(@class, 'active')]")[0].text_content()

    def test_the_customer_follows_the_visit_from_registered_to_done(self):
        service_request = self.service_request
        self.assertIn("Registered", self.stage_text())
        self.assertEqual(self.page(f"{self.status_url(service_request)}/voucher").status_code, 404)
        service_request.write(
            {"technician_id": self.technician.id, "scheduled_start": datetime.now() + timedelta(hours=2)}
        )
        self.assertIn("scan_tech", self.stage_text())
        if service_request.to_verify:
            service_request.action_verify()
        service_request.action_dispatch()
        service_request.with_user(self.technician).action_on_my_way()
        self.assertIn("Expected arrival", self.stage_text())
        service_request.action_arrive()
        self.assertIn("arrived", self.stage_text())
        service_request.write({"work_done": "Fixed", "no_signature_reason": "Away"})
        service_request.action_close()
        text = self.page(self.status_url(service_request)).text
        self.assertIn("Service voucher", text)
        self.assertEqual(self.page(f"{self.status_url(service_request)}/voucher").status_code, 200)
        for secret in CUSTOMER_SECRETS:
            self.assertNotIn(secret, text)

    def test_times_are_in_the_visitors_time_zone(self):
        """X-1: the phone's zone (the cookie the page sets), else the customer's."""
        self.service_request.write(
            {
                "technician_id": self.technician.id,
                "state": "dispatched",
                "on_my_way_time": "2026-12-02 03:00:00",
            }
        )
        self.service_request.expected_arrival = "2026-12-02 03:26:00"
        url = self.status_url(self.service_request)
        self.assertIn("03:26", self.page(url).text, "the team works in UTC")
        self.customer.tz = "Asia/Shanghai"
        self.assertIn("11:26", self.page(url).text)
        self.opener.cookies.set("tz", "Europe/Paris")
        self.assertIn("04:26", self.page(url).text)

    def test_picking_a_free_slot_records_it_and_nothing_else(self):
        service_request = self.service_request
        page = lxml.html.fromstring(self.page(f"{self.status_url(service_request)}/slots").text)
        offered = page.xpath("//input[@name='slot']/@value")
        self.assertTrue(0 < len(offered) <= 4, offered)
        before = service_request.read(["state", "technician_id", "scheduled_start", "team_id"])
        notes = len(service_request.message_ids)
        data = {"csrf_token": http.Request.csrf_token(self), "slot": offered[-1]}
        response = self.url_open(
            f"{self.status_url(service_request)}/slots", data=data, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(service_request.preferred_time.strftime("%Y-%m-%d %H:%M:%S"), offered[-1])
        self.assertEqual(
            service_request.read(["state", "technician_id", "scheduled_start", "team_id"]), before
        )
        self.assertEqual(len(service_request.message_ids), notes + 1, "one note for the dispatcher")
        self.assertTrue(service_request.message_ids[0].subtype_id.internal)

    def test_a_time_not_offered_or_after_assignment_is_refused(self):
        service_request = self.service_request
        url = f"{self.status_url(service_request)}/slots"
        for slot in ("2001-01-01 10:00:00", "tomorrow", ""):
            response = self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), "slot": slot})
            self.assertIn("o_aftersales_slots_error", response.text, slot)
        self.assertFalse(service_request.preferred_time)
        offered = lxml.html.fromstring(self.page(url).text).xpath("//input[@name='slot']/@value")
        service_request.technician_id = self.technician
        self.assertNotIn('o_aftersales_slot"', self.page(url).text)
        response = self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), "slot": offered[0]})
        self.assertIn("already assigned", response.text)
        self.assertFalse(service_request.preferred_time)
