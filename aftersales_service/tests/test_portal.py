"""PRT-1/2/3 from the customer's side and from an attacker's: two customer companies,
each with a portal contact; every route is tried with the other company's ids and with
wrong or missing tokens."""

from datetime import datetime, timedelta

from odoo import Command, http
from odoo.addons.aftersales_service.controllers.portal import MAX_ATTACHMENT_SIZE
from odoo.tests import HttpCase, new_test_user, tagged

# a 1x1 PNG, as the signature widget sends it (base64)
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


class PortalCase(HttpCase):
    """Two customer companies A and B, each with a portal contact, a machine and a
    request the technician is working on; A has a maintenance contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        technician = new_test_user(
            cls.env, "prt_tech", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        cls.team = cls.env["aftersales.team"].create(
            {"name": "Portal Team", "member_ids": [Command.set([technician.id])]}
        )
        product = cls.env["product.product"].create(
            {"name": "Portal Copier", "aftersales_warranty_months": 12}
        )
        cls.companies, cls.users, cls.equipment, cls.requests = {}, {}, {}, {}
        for key in ("a", "b"):
            company = cls.env["res.partner"].create(
                {
                    "name": f"Customer {key.upper()} Ltd",
                    "is_company": True,
                    "phone": f"+86 21 000{key}",
                    "email": f"{key}@customer.example.com",
                    "aftersales_team_id": cls.team.id,
                }
            )
            contact = cls.env["res.partner"].create(
                {
                    "name": f"Buyer {key.upper()}",
                    "parent_id": company.id,
                    "email": f"buyer.{key}@customer.example.com",
                }
            )
            cls.users[key] = new_test_user(
                cls.env, f"prt_{key}", groups="base.group_portal", partner_id=contact.id
            )
            cls.companies[key] = company
            cls.equipment[key] = cls.env["aftersales.equipment"].create(
                {
                    "partner_id": company.id,
                    "product_id": product.id,
                    "serial_number": f"SN-PRT-{key}",
                    "purchase_date": "2026-06-01",
                }
            )
            service_request = cls.env["aftersales.request"].create(
                {
                    "partner_id": company.id,
                    "equipment_id": cls.equipment[key].id,
                    "symptom": f"Jam at {key.upper()}",
                    "technician_id": technician.id,
                    "call_time": "2026-11-16 09:00:00",
                }
            )
            service_request.action_verify()
            service_request.action_dispatch()
            service_request.action_arrive()
            cls.requests[key] = service_request
        cls.contract = cls.env["aftersales.contract"].create(
            {
                "partner_id": cls.companies["a"].id,
                "equipment_ids": [Command.set(cls.equipment["a"].ids)],
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "fee": 1200,
            }
        )

    def page(self, url):
        return self.url_open(url, allow_redirects=False)


@tagged("post_install", "-at_install")
class TestPortal(PortalCase):
    def sign(self, service_request, token=None, name="Buyer A"):
        url = f"/my/requests/{service_request.id}/sign"
        if token:
            url += f"?access_token={token}"
        return self.make_jsonrpc_request(url, {"name": name, "signature": SIGNATURE})

    # --- PRT-1 ----------------------------------------------------------------------
    def test_customer_sees_the_company_records_and_nothing_else(self):
        self.authenticate("prt_a", "prt_a")
        for url, own, other in (
            ("/my/requests", self.requests["a"].name, self.requests["b"].name),
            ("/my/equipment", "SN-PRT-a", "SN-PRT-b"),
            ("/my/contracts", self.contract.name, None),
        ):
            response = self.page(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn(own, response.text, url)
            if other:
                self.assertNotIn(other, response.text, url)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "aftersales_request_count",
                    "aftersales_equipment_count",
                    "aftersales_contract_count",
                ]
            },
        )
        self.assertEqual(
            counters,
            {"aftersales_request_count": 1, "aftersales_equipment_count": 1, "aftersales_contract_count": 1},
        )
        detail = self.page(f"/my/requests/{self.requests['a'].id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("prt_tech", detail.text, "the technician's name is shown")
        self.assertIn("Sign the Voucher", detail.text)
        voucher = self.page(f"/my/requests/{self.requests['a'].id}/voucher")
        self.assertEqual(voucher.status_code, 200)
        self.assertEqual(voucher.headers["Content-Type"], "application/pdf")

    def test_other_customer_ids_and_bad_tokens_get_404(self):
        self.authenticate("prt_a", "prt_a")
        other = {
            "request": self.requests["b"],
            "equipment": self.equipment["b"],
        }
        attacked = [
            f"/my/requests/{other['request'].id}",
            f"/my/requests/{other['request'].id}/voucher",
            f"/my/requests/{other['request'].id}?access_token=wrong",
            f"/my/requests/{other['request'].id}/voucher?access_token=",
            f"/my/equipment/{other['equipment'].id}",
            f"/my/equipment/{other['equipment'].id}?access_token=bad",
            "/my/requests/999999999",
            "/my/contracts/999999999",
        ]
        for url in attacked:
            response = self.page(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Jam at B", response.text, url)
            self.assertNotIn("SN-PRT-b", response.text, url)
        # logged out, no token: nothing either
        self.authenticate(None, None)
        for url in (f"/my/requests/{self.requests['a'].id}", f"/my/contracts/{self.contract.id}"):
            self.assertEqual(self.page(url).status_code, 404, url)
        # the record's own token (from a mail link) opens that record only
        token = self.requests["a"]._portal_ensure_token()
        self.assertEqual(
            self.page(f"/my/requests/{self.requests['a'].id}?access_token={token}").status_code, 200
        )
        self.assertEqual(
            self.page(f"/my/requests/{self.requests['b'].id}?access_token={token}").status_code, 404
        )

    # --- PRT-3 ----------------------------------------------------------------------
    def test_signing_once_and_only_your_own_voucher(self):
        self.authenticate("prt_a", "prt_a")
        result = self.sign(self.requests["b"])
        self.assertIn("error", result)
        self.assertFalse(self.requests["b"].signature, "another customer's voucher stays unsigned")

        result = self.sign(self.requests["a"], name="Buyer A")
        self.assertNotIn("error", result)
        self.assertTrue(self.requests["a"].signature)
        self.assertEqual(self.requests["a"].signed_by, "Buyer A")
        self.assertTrue(self.requests["a"].signed_on)

        again = self.sign(self.requests["a"], name="Somebody Else")
        self.assertIn("already signed", again["error"])
        self.assertEqual(self.requests["a"].signed_by, "Buyer A")

    def test_voucher_cannot_be_signed_before_the_visit(self):
        self.authenticate("prt_a", "prt_a")
        fresh = self.env["aftersales.request"].create(
            {"partner_id": self.companies["a"].id, "equipment_id": self.equipment["a"].id, "symptom": "Noise"}
        )
        self.assertIn("once the technician is on site", self.sign(fresh)["error"])
        self.assertFalse(fresh.signature)

    # --- PRT-2 ----------------------------------------------------------------------
    def submit(self, files=None, **values):
        data = {"csrf_token": http.Request.csrf_token(self), "symptom": "Paper jam in tray 2", **values}
        return self.url_open("/my/requests/submit", data=data, files=files)

    def portal_requests(self):
        return self.env["aftersales.request"].search([("channel", "=", "portal")])

    def test_submitting_a_request_from_the_portal(self):
        self.authenticate("prt_a", "prt_a")
        preferred = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
        response = self.submit(
            equipment_id=str(self.equipment["a"].id),
            preferred_time=preferred,
            files={"attachments": ("jam.txt", b"photo", "text/plain")},
        )
        self.assertEqual(response.status_code, 200)
        created = self.portal_requests()
        self.assertEqual(len(created), 1)
        self.assertEqual(created.partner_id, self.companies["a"])
        self.assertEqual(created.equipment_id, self.equipment["a"])
        self.assertEqual(created.contact_name, self.users["a"].partner_id.name)
        self.assertEqual(created.team_id, self.team, "routed like a phone registration")
        self.assertEqual(created.category, "C", "in warranty, as at the phone")
        self.assertTrue(created.preferred_time)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "aftersales.request"), ("res_id", "=", created.id)]
        )
        self.assertEqual(attachment.name, "jam.txt")
        self.assertIn(created.name, response.text, "the customer lands on the new request")

    def test_bad_input_is_refused_and_nothing_is_written(self):
        self.authenticate("prt_a", "prt_a")
        past = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        cases = [
            ({"equipment_id": str(self.equipment["b"].id)}, None, "Choose one of your own machines"),
            ({"equipment_id": "not-a-number"}, None, "Choose one of your own machines"),
            ({"symptom": "   "}, None, "Describe the problem"),
            ({"preferred_time": past}, None, "in the past"),
            ({"preferred_time": "tomorrow"}, None, "not a valid date"),
            (
                {},
                {"attachments": ("big.bin", b"0" * (MAX_ATTACHMENT_SIZE + 1), "application/octet-stream")},
                "larger than",
            ),
        ]
        for values, files, message in cases:
            response = self.submit(files=files, **values)
            self.assertEqual(response.status_code, 200, message)
            self.assertIn(message, response.text)
            self.assertFalse(self.portal_requests(), message)
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "big.bin")]))

    def test_script_in_text_is_shown_escaped(self):
        self.authenticate("prt_a", "prt_a")
        response = self.submit(symptom="<script>alert('x')</script>")
        created = self.portal_requests()
        self.assertEqual(created.symptom, "<script>alert('x')</script>")
        self.assertNotIn("<script>alert('x')</script>", response.text)
        self.assertIn("&lt;script&gt;", response.text)


@tagged("post_install", "-at_install")
class TestPortalChinese(PortalCase):
    """Portal pages and messages in the customer's language."""

    def test_chinese_customer_reads_the_portal_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)
        self.users["a"].lang = "zh_CN"
        self.authenticate("prt_a", "prt_a")
        page = self.url_open(f"/my/requests/{self.requests['a'].id}").text  # follows /zh_CN/…
        self.assertIn("服务凭证", page)
        self.assertIn("技术员", page)
        response = self.url_open(
            "/my/requests/submit", data={"csrf_token": http.Request.csrf_token(self), "symptom": " "}
        )
        self.assertIn("请描述", response.text)
