"""PRT-1/2 for complaints: the customer's complaints, the complaint form, and the same
routes attacked with another customer's ids and bad tokens."""

from odoo import http
from odoo.addons.aftersales_service.tests.test_portal import PortalCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestComplaintPortal(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaints = {
            key: cls.env["aftersales.complaint"].create(
                {"partner_id": cls.companies[key].id, "description": f"<p>Broken at {key.upper()}</p>"}
            )
            for key in ("a", "b")
        }

    def submit(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "description": "The technician broke the cover",
            **values,
        }
        return self.url_open("/my/complaints/submit", data=data)

    def portal_complaints(self):
        return self.env["aftersales.complaint"].search([("source", "=", "portal")])

    def test_customer_sees_only_the_company_complaints(self):
        self.authenticate("prt_a", "prt_a")
        listing = self.page("/my/complaints")
        self.assertIn(self.complaints["a"].name, listing.text)
        self.assertNotIn(self.complaints["b"].name, listing.text)
        self.assertEqual(self.page(self.complaints["a"].get_portal_url()).status_code, 200)
        for url in (
            f"/my/complaints/{self.complaints['b'].id}",
            f"/my/complaints/{self.complaints['b'].id}?access_token=forged",
        ):
            response = self.page(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Broken at B", response.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["aftersales_complaint_count"]})
        self.assertEqual(counters, {"aftersales_complaint_count": 1})

    def test_complaint_from_the_portal_lands_in_the_back_office(self):
        self.authenticate("prt_a", "prt_a")
        self.submit(request_id=str(self.requests["a"].id), customer_demand="A new cover")
        complaint = self.portal_complaints()
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.partner_id, self.companies["a"])
        self.assertEqual(complaint.request_id, self.requests["a"])
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.customer_demand, "A new cover")
        self.assertRegex(complaint.name, r"^KS\d{6}-\d{4}$")

    def test_tampered_or_empty_complaint_is_refused(self):
        self.authenticate("prt_a", "prt_a")
        response = self.submit(request_id=str(self.requests["b"].id))
        self.assertIn("Choose one of your own service requests", response.text)
        response = self.submit(description="  ")
        self.assertIn("Tell us what went wrong", response.text)
        self.assertFalse(self.portal_complaints())

    def test_script_is_kept_as_text(self):
        self.authenticate("prt_a", "prt_a")
        response = self.submit(description="<script>alert(1)</script>")
        complaint = self.portal_complaints()
        self.assertNotIn("<script>", complaint.description)
        self.assertNotIn("<script>alert(1)</script>", response.text)

    def test_customer_signs_only_their_own_discount_certificate(self):
        """CMP-11: the customer signs the discount certificate in the portal once the
        vice-president has; another customer cannot."""
        for complaint in self.complaints.values():
            complaint.write(
                {
                    "state": "approved",
                    "resolution_type": "discount",
                    "resolution_amount": 300.0,
                    "discount_vp_id": self.env.user.id,
                }
            )
        self.authenticate("prt_a", "prt_a")
        signature = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
        )
        url = "/my/complaints/%s/sign"
        result = self.make_jsonrpc_request(
            url % self.complaints["b"].id, {"name": "X", "signature": signature}
        )
        self.assertIn("error", result)
        self.assertFalse(self.complaints["b"].discount_signature)
        page = self.page(self.complaints["a"].get_portal_url())
        self.assertIn("o_complaint_sign", page.text)
        # what the customer signs for is on the page, before the dialog opens
        resolution = page.text[page.text.index('id="complaint_resolution"') :][:400]
        self.assertIn("Discount", resolution)
        self.assertIn("300.00", resolution)
        result = self.make_jsonrpc_request(
            url % self.complaints["a"].id, {"name": "王经理", "signature": signature}
        )
        self.assertNotIn("error", result)
        self.assertEqual(self.complaints["a"].discount_signed_by, "王经理")
        self.assertEqual(self.page(f"/my/complaints/{self.complaints['b'].id}/certificate").status_code, 404)
