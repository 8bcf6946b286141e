"""Browser test of the customer portal (PRT-1/2/3): ask for a technician from /my, see
the request, sign the voucher of the visit in progress."""

from odoo.addons.aftersales_service.tests.test_portal import PortalCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPortalTour(PortalCase):
    def test_customer_requests_and_signs(self):
        self.start_tour("/my", "aftersales_portal_tour", login="prt_a", timeout=120)
        created = self.env["aftersales.request"].search([("channel", "=", "portal")])
        self.assertEqual(created.symptom, "Toner leaks on the paper")
        self.assertEqual(created.partner_id, self.companies["a"])
        signed = self.requests["a"]
        self.assertTrue(signed.signature)
        self.assertEqual(signed.signed_by, self.users["a"].partner_id.name)
        self.assertFalse(self.requests["b"].signature)
