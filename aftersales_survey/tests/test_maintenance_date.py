from datetime import date

from freezegun import freeze_time

from .common import SurveyCase


@freeze_time("2026-11-18 10:00:00")
class TestMaintenanceDateFromCallback(SurveyCase):
    """CTR-6: the next maintenance date the customer agreed on the callback after the
    last service replaces the product's interval; the reminder cron then uses it."""

    def setUp(self):
        super().setUp()
        self.copier.aftersales_maintenance_months = 6
        self.request = self.closed_request()
        self.equipment = self.request.equipment_id
        self.callback = self.request.callback_ids

    def test_recorded_callback_date_wins(self):
        self.assertEqual(self.equipment.next_maintenance_date, date(2027, 5, 18), "closed + 6 months")
        self.callback.write({"next_maintenance_date": "2027-02-01"})
        self.assertEqual(self.equipment.next_maintenance_date, date(2027, 5, 18), "not recorded yet")
        self.callback.with_user(self.clerk).write(
            {"result": "reached", "satisfaction": "very_satisfied", "next_maintenance_date": "2027-02-01"}
        )
        self.callback.with_user(self.clerk).action_record_outcome()
        self.assertEqual(self.equipment.next_maintenance_date, date(2027, 2, 1))
        with freeze_time("2027-01-27 06:00:00"):
            reminded = self.env["aftersales.equipment"]._cron_send_maintenance_reminders()
        self.assertIn(self.equipment, reminded)
        self.assertEqual(self.equipment.maintenance_reminded_date, date(2027, 2, 1))
