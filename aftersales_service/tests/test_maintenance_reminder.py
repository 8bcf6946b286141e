from datetime import date, datetime

import lxml.html
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AftersalesCase, close_on_site, load_chinese
from .test_portal import PortalCase

CRON = "aftersales_service.ir_cron_aftersales_maintenance_reminders"


class TestMaintenanceReminder(AftersalesCase):
    """CTR-6: equipment without a running contract is reminded of its next maintenance
    (first maintenance 首保, then the product's interval), once per due date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.copier.write({"aftersales_maintenance_months": 6, "aftersales_first_maintenance_months": 3})
        cls.customer.write({"email": "urban@example.com", "lang": "en_US"})

    def remind(self):
        return self.env["aftersales.equipment"]._cron_send_maintenance_reminders()

    def reminders(self, equipment):
        return self.env["mail.mail"].search(
            [("model", "=", "aftersales.equipment"), ("res_id", "=", equipment.id)]
        )

    def test_first_maintenance_then_interval(self):
        self.assertEqual(self.equipment.next_maintenance_date, date(2026, 4, 15), "首保: purchase + 3 months")
        self.copier.aftersales_first_maintenance_months = 0
        self.assertEqual(self.equipment.next_maintenance_date, date(2026, 7, 15), "purchase + interval")
        with freeze_time("2026-05-04 10:00:00"):
            close_on_site(
                self.create_request(datetime(2026, 5, 4, 9), equipment_id=self.equipment.id), self.tech_a
            )
        self.assertEqual(self.equipment.last_service_date, date(2026, 5, 4))
        self.assertEqual(self.equipment.next_maintenance_date, date(2026, 11, 4), "last service + interval")

    def test_reminded_once_per_due_date_with_a_booking_link(self):
        with freeze_time("2026-04-07 06:00:00"):
            self.assertFalse(self.remind(), "more than a week ahead")
        with freeze_time("2026-04-10 06:00:00"):
            self.assertEqual(self.remind(), self.equipment)
            self.assertFalse(self.remind(), "not twice for the same date")
        message = self.reminders(self.equipment)
        self.assertEqual(len(message), 1)
        self.assertIn("Maintenance due", message.subject)
        self.assertIn(self.customer, message.recipient_ids)
        self.assertIn(f"/my/requests/new?equipment_id={self.equipment.id}", message.body)
        self.assertEqual(self.equipment.maintenance_reminded_date, date(2026, 4, 15))
        with freeze_time("2026-04-16 10:00:00"):
            close_on_site(
                self.create_request(datetime(2026, 4, 16, 9), equipment_id=self.equipment.id), self.tech_a
            )
        self.assertEqual(self.equipment.next_maintenance_date, date(2026, 10, 16))
        with freeze_time("2026-10-12 06:00:00"):
            self.assertEqual(self.remind(), self.equipment, "the next due date is reminded again")
        self.assertEqual(len(self.reminders(self.equipment)), 2)

    def test_in_the_customers_language(self):
        load_chinese(self.env)
        self.customer.lang = "zh_CN"
        with freeze_time("2026-04-10 06:00:00"):
            self.remind()
        message = self.reminders(self.equipment)
        self.assertIn("保养", message.subject)
        self.assertIn("预约保养上门服务", message.body)

    def test_running_contract_or_archived_equipment_is_never_reminded(self):
        archived = self.equipment.copy({"serial_number": "SN-OLD", "active": False})
        self.env["aftersales.contract"].create(
            {
                "partner_id": self.customer.id,
                "equipment_ids": [Command.set(self.equipment.ids)],
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "fee": 1200,
            }
        ).action_activate()
        with freeze_time("2026-04-10 06:00:00"):
            self.assertFalse(self.remind())
        self.assertFalse(self.reminders(self.equipment) | self.reminders(archived))
        self.assertFalse(archived.maintenance_reminded_date)

    def test_cron_reports_its_progress(self):
        self.equipment.copy({"serial_number": "SN-2"})
        with freeze_time("2026-04-10 06:00:00"):
            first = self.run_cron(CRON, "_cron_send_maintenance_reminders", batch_size=1)
            self.assertEqual((first["done"], first["remaining"]), (1, 1))
            second = self.run_cron(CRON, "_cron_send_maintenance_reminders", batch_size=1)
            self.assertEqual((second["done"], second["remaining"]), (1, 0))
            self.assertEqual(self.run_cron(CRON, "_cron_send_maintenance_reminders")["done"], 0)

    def test_negative_interval_is_refused(self):
        for field in ("aftersales_maintenance_months", "aftersales_first_maintenance_months"):
            with self.assertRefused(ValidationError, "positive number of months"):
                self.copier.write({field: -1})
        self.assertEqual(self.copier.aftersales_maintenance_months, 6)


@tagged("post_install", "-at_install")
class TestMaintenancePortal(PortalCase):
    """CTR-6: the reminded customer sees the notice on the machine's page and books
    the visit on the new-request form, prefilled with the machine."""

    def test_notice_and_prefilled_booking_form(self):
        machine = self.equipment["b"]
        machine.product_id.aftersales_maintenance_months = 6
        with freeze_time(datetime(2026, 11, 28, 6, 0)):
            self.env["aftersales.equipment"]._cron_send_maintenance_reminders()
        self.assertEqual(machine.maintenance_reminded_date, date(2026, 12, 1))
        self.authenticate("prt_b", "prt_b")
        page = self.page(f"/my/equipment/{machine.id}")
        self.assertIn(f"/my/requests/new?equipment_id={machine.id}", page.text)
        form = lxml.html.fromstring(self.page(f"/my/requests/new?equipment_id={machine.id}").text)
        self.assertEqual(
            form.xpath("//select[@name='equipment_id']/option[@selected]/@value"), [str(machine.id)]
        )
        self.assertNotIn(
            f"/my/requests/new?equipment_id={self.equipment['a'].id}",
            self.page(f"/my/equipment/{self.equipment['a'].id}").text,
            "covered by a contract: no notice",
        )

    def test_booking_link_with_another_customers_machine_shows_nothing_of_it(self):
        other = self.equipment["a"]
        self.authenticate("prt_b", "prt_b")
        page = self.page(f"/my/requests/new?equipment_id={other.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(other.serial_number, page.text)
        form = lxml.html.fromstring(page.text)
        self.assertFalse(form.xpath("//select[@name='equipment_id']/option[@selected]"))
