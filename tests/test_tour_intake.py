"""DSP-3 in a real browser at the desk (1440x900, zh_CN): a known caller's call in at
most 5 clicks, typing excluded."""

import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open


@tagged("post_install", "-at_install")
class TestIntakeTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.clerk = new_test_user(
            cls.env,
            "t_intake_clerk",
            groups="base.group_user,aftersales_service.group_aftersales_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        technician = new_test_user(
            cls.env, "t_intake_tech", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        team = cls.env["aftersales.team"].create(
            {"name": "Intake Team", "member_ids": [Command.set([cls.clerk.id, technician.id])]}
        )
        customer = cls.env["res.partner"].create(
            {
                "name": "Intake Customer",
                "phone": "+86 21 5550 0077",
                "street": "77 Intake Road",
                "aftersales_team_id": team.id,
            }
        )
        copier = cls.env["product.product"].create(
            {"name": "Intake Copier", "type": "consu", "aftersales_warranty_months": 12}
        )
        cls.equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": customer.id,
                "product_id": copier.id,
                "serial_number": "SN-INTAKE",
                "purchase_date": "2020-01-01",
            }
        )
        now = fields.Datetime.now()
        Request = cls.env["aftersales.request"]
        past = Request.create(
            {
                "partner_id": customer.id,
                "equipment_id": cls.equipment.id,
                "symptom": "Faint copies",
                "call_time": now - timedelta(days=30),
                "technician_id": technician.id,
            }
        )
        past.action_dispatch()
        past.action_arrive()
        past.write({"work_done": "Drum replaced", "no_signature_reason": "Away"})
        past.action_close()
        cls.open_request = Request.create(
            {
                "partner_id": customer.id,
                "equipment_id": cls.equipment.id,
                "symptom": "Noise",
                "call_time": now,
            }
        )

    def test_a_known_callers_call_in_at_most_5_clicks(self):
        self.browser_size = "1440x900"
        self.start_tour(
            "/odoo/action-aftersales_service.action_aftersales_request_register",
            "aftersales_intake_tour",
            login="t_intake_clerk",
        )
        new = self.env["aftersales.request"].search([("symptom", "=", "Streaks on every copy")])
        self.assertEqual(new.equipment_id, self.equipment)
        self.assertEqual(new.category, "A", "out of warranty: paid")
        with file_open("aftersales_service/static/tests/tours/aftersales_intake_tour.js") as tour:
            steps = tour.read()
        clicks = len(re.findall(r"(?<!function )\bclick\(", steps)) + steps.count('"CLICK: ')
        self.assertLessEqual(clicks, 5)
