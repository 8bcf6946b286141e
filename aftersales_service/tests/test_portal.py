"""PRT-1/2/3 from the customer's side and from an attacker's: two customer companies,
each with a portal contact; every route is tried with the other company's ids and with
wrong or missing tokens."""

import base64
from datetime import datetime, timedelta

import lxml.html
import pytz

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


# a 1x1 PNG, as a phone camera's photo would be sent (raw bytes)
PHOTO = base64.b64decode(SIGNATURE)


@tagged("post_install", "-at_install")
class TestPortalRequestPages(PortalCase):
    """PRT-1/2 as the customer reads them: the request submitted from the portal goes to
    the contact's address, the confirmation keeps the asked time and the SLA apart, the
    photo sent along is on the request page, /my leads to the form, statuses are told
    apart by colour and the list fits a phone."""

    def submit(self, files=None, **values):
        data = {"csrf_token": http.Request.csrf_token(self), "symptom": "Paper jam in tray 2", **values}
        return self.url_open("/my/requests/submit", data=data, files=files)

    def submitted(self):
        return self.env["aftersales.request"].search([("channel", "=", "portal")], order="id desc", limit=1)

    def tree(self, response):
        self.assertEqual(response.status_code, 200, response.url)
        return lxml.html.fromstring(response.text)

    def texts(self, tree, xpath):
        return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]

    def shown(self, value, tz, user):
        """``value`` (naive UTC) as the portal writes it for ``user`` in zone ``tz``."""
        converter = self.env["ir.qweb.field.datetime"].with_context(lang=user.lang, tz=tz)
        return converter.value_to_html(value, {"hide_seconds": True})

    def test_request_goes_to_the_contact_address(self):
        """PRT-2: the contact's phone and email used to be given to ``create`` alone,
        which kept the address (computed by the same method) empty: every portal
        request was flagged 'to verify: address'."""
        self.companies["a"].write({"street": "88 Huaihai Middle Road", "city": "Shanghai"})
        self.authenticate("prt_a", "prt_a")
        self.submit(equipment_id=str(self.equipment["a"].id))
        created = self.submitted()
        self.assertIn(
            "88 Huaihai Middle Road", created.street or "", "the contact sits at the company's address"
        )
        self.assertEqual(created.email, self.users["a"].partner_id.email, "the contact's own email")
        self.assertNotIn("address", created.verification_issues or "")
        self.assertFalse(created.to_verify)

        # a contact with an address of its own (a branch) gets the visit there
        contact = self.users["b"].partner_id
        self.companies["b"].write({"street": "1 Head Office Road", "city": "Shanghai"})
        contact.write({"type": "other", "street": "5 Branch Street", "city": "Suzhou"})
        self.authenticate("prt_b", "prt_b")
        self.submit(equipment_id=str(self.equipment["b"].id))
        created = self.submitted()
        self.assertEqual(created.partner_id, self.companies["b"])
        self.assertIn("5 Branch Street", created.street or "")
        self.assertNotIn("Head Office", created.street)
        self.assertFalse(created.to_verify)

    def test_confirmation_keeps_the_asked_time_and_the_sla_apart(self):
        """PRT-2: the page used to show the SLA deadline as the 'latest' visit time even
        when the customer had asked for a later time; times are in the customer's zone."""
        shanghai = pytz.timezone("Asia/Shanghai")
        self.users["a"].tz = "Asia/Shanghai"
        self.authenticate("prt_a", "prt_a")

        # no time asked: the SLA deadline is the promise, in Shanghai time
        tree = self.tree(self.submit())
        created = self.submitted()
        self.assertTrue(created.sla_deadline)
        promise = self.texts(tree, "//*[contains(@class, 'o_aftersales_sla_promise')]")
        self.assertEqual(len(promise), 1)
        self.assertIn(self.shown(created.sla_deadline, "Asia/Shanghai", self.users["a"]), promise[0])
        self.assertNotIn(self.shown(created.sla_deadline, "UTC", self.users["a"]), promise[0], "not in UTC")
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_aftersales_asked_time')]"))

        # a time later than the SLA deadline: the visit is planned then, no earlier promise
        asked = (datetime.now(shanghai) + timedelta(days=10)).replace(hour=9, minute=30)
        tree = self.tree(self.submit(preferred_time=f"{asked:%Y-%m-%dT%H:%M}"))
        created = self.submitted()
        self.assertEqual(
            created.preferred_time,
            asked.astimezone(pytz.utc).replace(tzinfo=None, second=0, microsecond=0),
            "typed in Shanghai time",
        )
        self.assertGreater(created.preferred_time, created.sla_deadline)
        asked_text = self.texts(tree, "//*[contains(@class, 'o_aftersales_asked_time')]")
        self.assertEqual(len(asked_text), 1)
        self.assertIn("09:30", asked_text[0])
        self.assertIn(self.shown(created.preferred_time, "Asia/Shanghai", self.users["a"]), asked_text[0])
        self.assertTrue(tree.xpath("//*[contains(@class, 'o_aftersales_visit_as_asked')]"))
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_aftersales_sla_promise')]"))
        self.assertFalse(
            tree.xpath("//*[contains(@class, 'o_aftersales_due_by')]"),
            "no 'latest' time earlier than the one asked",
        )

    def test_browser_time_zone_when_the_customer_has_none(self):
        """PRT-2: a customer without a time zone types times in the browser's (the
        ``tz`` cookie); they used to be read as UTC."""
        self.users["a"].tz = False
        self.authenticate("prt_a", "prt_a")
        self.opener.cookies["tz"] = "Asia/Shanghai"
        day = datetime.now() + timedelta(days=10)
        tree = self.tree(self.submit(preferred_time=f"{day:%Y-%m-%d}T09:30"))
        created = self.submitted()
        self.assertEqual(created.preferred_time, day.replace(hour=1, minute=30, second=0, microsecond=0))
        asked_text = self.texts(tree, "//*[contains(@class, 'o_aftersales_asked_time')]")[0]
        self.assertIn(self.shown(created.preferred_time, "Asia/Shanghai", self.users["a"]), asked_text)
        self.assertIn("09:30", asked_text)

    def test_uploaded_photo_is_on_the_request_page_for_its_customer_only(self):
        """PRT-2: the photo sent with the request was on the request but nowhere on its
        page. It opens for the customer, never for another customer or a visitor."""
        self.authenticate("prt_a", "prt_a")
        self.submit(files={"attachments": ("jam.png", PHOTO, "image/png")})
        created = self.submitted()
        tree = self.tree(self.page(created.get_portal_url()))
        links = tree.xpath("//a[contains(@class, 'o_aftersales_customer_file')]")
        self.assertEqual(len(links), 1, "the photo is shown on the request page")
        self.assertIn("jam.png", links[0].text_content())
        self.assertTrue(links[0].xpath(".//img[contains(@src, '/web/image/')]"), "as a thumbnail")
        url = links[0].get("href")
        opened = self.page(url)
        self.assertEqual(opened.status_code, 200)
        self.assertEqual(opened.content, PHOTO)
        # the token is the key: portal users and visitors read no attachment otherwise
        attachment_url = url.split("?")[0]

        for login in ("prt_b", None):
            self.authenticate(login, login)
            for attempt in (
                attachment_url,
                f"{attachment_url}?access_token=wrong",
                f"{attachment_url}?download=true",
            ):
                response = self.page(attempt)
                self.assertIn(response.status_code, (403, 404), (login, attempt))
                self.assertNotEqual(response.content, PHOTO, (login, attempt))

    def test_my_home_leads_to_the_form_and_tiles_have_their_own_icons(self):
        """PRT-1: /my had no way to ask for a technician, and every tile had the same
        clock icon."""
        self.authenticate("prt_a", "prt_a")
        tree = self.tree(self.page("/my"))
        self.assertTrue(
            tree.xpath("//a[contains(@class, 'o_aftersales_new_request')][@href='/my/requests/new']")
        )
        icons = {}
        for url in ("/my/requests", "/my/equipment", "/my/contracts", "/my/surveys", "/my/complaints"):
            images = tree.xpath(f"//div[contains(@class, 'o_portal_index_card')]/a[@href='{url}']//img/@src")
            if url in ("/my/requests", "/my/equipment", "/my/contracts"):
                self.assertEqual(len(images), 1, url)
            if images:
                icons[url] = images[0]
        self.assertEqual(len(set(icons.values())), len(icons), f"each tile has its own icon: {icons}")
        for url, icon in icons.items():
            self.assertTrue(icon.endswith(".svg"), url)
            response = self.page(icon)
            self.assertEqual(response.status_code, 200, icon)
            self.assertIn("svg", response.headers["Content-Type"], icon)

    def test_status_badges_have_a_colour_per_state(self):
        """PRT-1: every status badge was the same blue."""
        Request = self.env["aftersales.request"]
        by_state = {"in_progress": self.requests["a"]}
        for state in ("new", "dispatched", "done", "cancel"):
            by_state[state] = Request.create(
                {
                    "partner_id": self.companies["a"].id,
                    "equipment_id": self.equipment["a"].id,
                    "symptom": state,
                }
            )
            by_state[state].state = state
        self.authenticate("prt_a", "prt_a")
        tree = self.tree(self.page("/my/requests"))
        colours = {}
        for state, service_request in by_state.items():
            row = tree.xpath(f"//tr[.//a[@href='{service_request.get_portal_url()}']]")
            self.assertEqual(len(row), 1, state)
            badge_classes = row[0].xpath(".//span[contains(@class, 'badge')]/@class")[0].split()
            colours[state] = next(cls for cls in badge_classes if cls.startswith("text-bg-"))
        self.assertEqual(colours["new"], "text-bg-info")
        self.assertEqual(colours["in_progress"], "text-bg-warning")
        self.assertEqual(colours["done"], "text-bg-success")
        self.assertEqual(len(set(colours.values())), len(colours), colours)
        detail = self.tree(self.page(by_state["done"].get_portal_url()))
        self.assertTrue(
            detail.xpath("//span[contains(@class, 'badge')][contains(@class, 'text-bg-success')]")
        )

        # a state the badge does not know yet (a later step) gets the neutral colour
        html = self.env["ir.qweb"]._render(
            "aftersales_service.portal_state_badge", {"record": by_state["new"], "state_colours": {}}
        )
        self.assertIn("text-bg-dark", str(html))

    def test_status_column_fits_a_phone(self):
        """PRT-1: at 390 px the six columns pushed the status off the screen; below the
        md breakpoint only reference, date and status remain."""
        self.authenticate("prt_a", "prt_a")
        tree = self.tree(self.page("/my/requests"))
        for row in tree.xpath("//table[contains(@class, 'o_portal_my_doc_table')]//tr"):
            cells = row.xpath("./th|./td")
            on_phone = [cell for cell in cells if "d-none" not in (cell.get("class") or "").split()]
            self.assertLessEqual(len(on_phone), 3, "at most three columns on a phone")
            self.assertIs(on_phone[-1], cells[-1], "the status column stays visible")
            for cell in cells:
                if "d-none" in (cell.get("class") or "").split():
                    self.assertIn("d-md-table-cell", cell.get("class"), "shown again on larger screens")


@tagged("post_install", "-at_install")
class TestPortalOnTheWay(PortalCase):
    def test_the_customer_sees_when_the_technician_will_arrive(self):
        """FLD-1: once the technician set off, the customer's request page says when to
        expect them; the other customer's page says nothing of it."""
        mine, theirs = self.requests["a"], self.requests["b"]
        (mine | theirs).write({"state": "dispatched", "arrival_time": False})
        mine.write({"on_my_way_time": "2026-11-23 02:00:00", "expected_arrival": "2026-11-23 02:30:00"})
        self.authenticate("prt_a", "prt_a")
        page = lxml.html.fromstring(self.page(f"/my/requests/{mine.id}").text)
        (block,) = page.xpath("//*[contains(@class, 'o_aftersales_on_the_way')]")
        self.assertIn("On the way", block.text_content())
        self.assertIn("11/23/2026", block.text_content())
        self.authenticate("prt_b", "prt_b")
        self.assertNotIn("o_aftersales_on_the_way", self.page(f"/my/requests/{theirs.id}").text)
