"""FLD-1 / FLD-2 / FLD-3 in a real browser at phone size, in Chinese on Shanghai time:
a technician's visit from My Day to a closed job with the signed voucher mailed."""

import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open


@tagged("post_install", "-at_install")
class TestMyDayTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.technician = new_test_user(
            cls.env,
            "t_my_day_tech",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.technician.action_id = cls.env.ref("aftersales_service.action_aftersales_my_day").id
        team = cls.env["aftersales.team"].create(
            {"name": "My Day Team", "member_ids": [Command.set([cls.technician.id])]}
        )
        customer = cls.env["res.partner"].create(
            {
                "name": "My Day Customer",
                "phone": "+86 21 0000 0009",
                "email": "customer.myday@example.com",
                "street": "9 Tour Road",
                "lang": "zh_CN",
                "aftersales_team_id": team.id,
            }
        )
        copier = cls.env["product.product"].create(
            {"name": "My Day Copier", "type": "consu", "aftersales_warranty_months": 12}
        )
        cls.roller = cls.env["product.product"].create(
            {
                "name": "My Day Roller",
                "type": "consu",
                "is_storable": True,
                "aftersales_spare_part": True,
                "list_price": 120.0,
            }
        )
        cls.van = cls.technician.aftersales_van_location_id
        cls.env["stock.quant"]._update_available_quantity(cls.roller, cls.van, 5)
        equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": customer.id,
                "product_id": copier.id,
                "serial_number": "SN-MY-DAY",
                "purchase_date": "2020-01-01",  # out of warranty: paid service
            }
        )
        now = fields.Datetime.now()
        cls.request = cls.env["aftersales.request"].create(
            {
                "partner_id": customer.id,
                "equipment_id": equipment.id,
                "symptom": "Fuser jams on every copy",
                "call_time": now - timedelta(hours=1),
                "technician_id": cls.technician.id,
                "scheduled_start": now,
            }
        )
        cls.request.action_dispatch()

    def test_a_visit_from_my_day_to_a_closed_job_on_a_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour("/odoo", "aftersales_my_day_tour", login="t_my_day_tech", timeout=240)
        request = self.request
        self.assertEqual(request.state, "done")
        self.assertTrue(request.on_my_way_time)
        self.assertEqual(request.signed_by, "Ms Zhou")
        self.assertEqual(request.part_ids.product_id, self.roller)
        self.assertEqual(request.part_move_ids.location_id, self.van, "the part left the technician's van")
        self.assertEqual(request.photo_before_ids.mapped("name"), ["before.png"])
        self.assertTrue(request.cash_payment_id)
        self.assertEqual(len(request.time_entry_ids), 1, "the timer made the time entry")
        # the signed voucher is mailed by the scheduled action the close triggered
        request.with_context(force_report_rendering=True)._cron_send_vouchers()
        mail = request.message_ids.filtered(
            lambda message: request.partner_id in message.partner_ids and message.attachment_ids
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        # FLD: the taps from My Day to closed, typing and drawing excluded
        with file_open("aftersales_service/static/tests/tours/aftersales_my_day_tour.js") as tour:
            steps = tour.read()
        taps = len(re.findall(r"(?<!function )\btap\(", steps)) + steps.count('"TAP: ')
        self.assertLessEqual(taps, 12)
