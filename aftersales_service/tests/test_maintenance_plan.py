from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError

from .common import AftersalesCase, close_on_site


class TestMaintenancePlan(AftersalesCase):
    """CTR-5: a contract's preventive maintenance plan creates its visits ahead, on
    the team's working days, once each; missed visits show; the allowance counts them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.uncovered = cls.env["aftersales.equipment"].create(
            {"partner_id": cls.customer.id, "product_id": cls.copier.id, "serial_number": "SN-0002"}
        )
        cls.contract = cls.env["aftersales.contract"].create(
            {
                "partner_id": cls.customer.id,
                "equipment_ids": [Command.set(cls.equipment.ids)],
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "billing_period": "quarterly",
                "visit_allowance": 2,
            }
        )
        cls.contract.action_activate()
        cls.env.company.aftersales_maintenance_horizon_days = 14

    def add_plan(self, **values):
        return self.env["aftersales.contract.plan"].create(
            {
                "contract_id": self.contract.id,
                "equipment_id": self.equipment.id,
                "interval_months": 3,
                "planned_hours": 1.5,
                **values,
            }
        )

    def plan_visits(self):
        return self.env["aftersales.contract.plan"]._cron_plan_visits()

    @freeze_time("2025-12-22 10:00:00")
    def test_visits_land_on_working_days_within_the_horizon(self):
        # due on Saturday 3 January: planned on Monday 5 January, the calendar's first working hour
        plan = self.add_plan(first_date=date(2026, 1, 3))
        first = self.plan_visits()
        self.assertEqual(len(first), 1, "the April visit is beyond the 14-day horizon")
        self.assertEqual(first.call_time, datetime(2026, 1, 5, 8, 0))
        self.assertEqual(first.preferred_time, datetime(2026, 1, 5, 8, 0))
        self.assertEqual(first.maintenance_due_date, date(2026, 1, 3))
        self.assertEqual(
            (first.category, first.request_type, first.channel, first.contract_id, first.planned_hours),
            ("B", "maintenance", "plan", self.contract, 1.5),
        )
        self.assertEqual(first.team_id, self.team, "dispatched like any other request of the customer")
        self.assertFalse(first.to_verify, "a planned visit has no symptom to verify")
        self.assertEqual(plan.next_date, date(2026, 4, 3))
        # Friday 3 April is a public holiday of the calendar: the visit moves to Monday
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Qingming",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 4, 3, 0, 0),
                "date_to": datetime(2026, 4, 3, 23, 59),
            }
        )
        self.env.company.aftersales_maintenance_horizon_days = 120
        second = self.plan_visits()
        self.assertEqual(second.mapped("call_time"), [datetime(2026, 4, 6, 8, 0)])
        self.assertEqual(plan.next_date, date(2026, 7, 3))

    @freeze_time("2025-12-22 10:00:00")
    def test_a_planned_visit_is_registered_in_its_chatter(self):
        self.add_plan()
        Plan = self.env["aftersales.contract.plan"].with_context(tracking_disable=False)
        visit = Plan._cron_plan_visits()
        registered = visit.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("aftersales_service.mt_request_registered")
        )
        self.assertEqual(len(registered), 1, "one registration line, as for a call")

    @freeze_time("2025-12-22 10:00:00")
    def test_a_rerun_plans_nothing_twice(self):
        plan = self.add_plan()
        self.assertEqual(len(self.plan_visits()), 1)
        self.assertFalse(self.plan_visits(), "nothing new is due")
        # even with the next date put back (a schedule edited), a date is planned once
        plan.next_date = date(2026, 1, 1)
        self.assertFalse(self.plan_visits())
        self.assertEqual(len(plan.request_ids), 1)

    def test_visits_per_period_spread_over_the_billing_period(self):
        plan = self.add_plan(schedule_type="visits", visits_per_period=2, period="billing")
        self.assertEqual(
            plan._due_dates(date(2026, 1, 1), date(2026, 6, 30)),
            [date(2026, 1, 1), date(2026, 2, 15), date(2026, 4, 1), date(2026, 5, 16)],
        )
        yearly = self.add_plan(schedule_type="visits", visits_per_period=1, period="year")
        self.assertEqual(yearly._due_dates(date(2026, 1, 1), date(2026, 12, 31)), [date(2026, 1, 1)])

    def test_a_visit_not_done_by_its_day_is_missed(self):
        with freeze_time("2025-12-22 10:00:00"):
            plan = self.add_plan(first_date=date(2026, 1, 5))
            visit = self.plan_visits()
        Request = self.env["aftersales.request"]
        with freeze_time("2026-01-05 15:00:00"):
            self.assertFalse(visit.maintenance_missed, "not missed on its own day")
        with freeze_time("2026-01-06 09:00:00"):
            visit.invalidate_recordset(["maintenance_missed"])
            self.assertTrue(visit.maintenance_missed)
            self.assertEqual(Request.search([("maintenance_missed", "=", True)]), visit)
            self.assertEqual(self.contract.missed_maintenance_count, 1)
            self.assertEqual(plan.missed_count, 1)
            repair = self.create_request(call_time=datetime(2026, 1, 2, 9, 0))
            self.assertNotIn(repair, Request.search([("maintenance_missed", "=", True)]))
            close_on_site(visit, self.tech_a)
            visit.invalidate_recordset(["maintenance_missed"])
            self.assertFalse(visit.maintenance_missed, "done late, but done")
            self.contract.invalidate_recordset(["missed_maintenance_count"])
            self.assertEqual(self.contract.missed_maintenance_count, 0)

    @freeze_time("2025-12-22 10:00:00")
    def test_planned_visits_count_in_the_allowance(self):
        self.add_plan(interval_months=1)
        self.env.company.aftersales_maintenance_horizon_days = 80
        visits = self.plan_visits().sorted("call_time")
        self.assertEqual(len(visits), 3, "1 January, 1 February, 1 March")
        self.assertEqual(self.contract.visit_count, 3)
        self.assertEqual(self.contract.maintenance_request_count, 3)
        self.assertEqual(visits.mapped("over_allowance"), [False, False, True])
        repair = self.create_request(call_time=datetime(2026, 3, 16, 9, 0))
        self.assertTrue(repair.over_allowance, "the allowance was used by the planned visits")

    @freeze_time("2026-12-10 08:00:00")
    def test_renewal_carries_the_plan_over(self):
        self.add_plan(schedule_type="visits", visits_per_period=4, period="year", planned_hours=3.0)
        self.contract.action_renew()
        successor = self.contract.successor_id
        self.assertEqual(len(successor.plan_ids), 1)
        self.assertEqual(
            successor.plan_ids.read(
                ["equipment_id", "schedule_type", "visits_per_period", "period", "planned_hours"]
            )[0],
            {
                "id": successor.plan_ids.id,
                "equipment_id": (self.equipment.id, self.equipment.display_name),
                "schedule_type": "visits",
                "visits_per_period": 4,
                "period": "year",
                "planned_hours": 3.0,
            },
        )
        self.assertEqual(successor.plan_ids.next_date, date(2027, 1, 1), "from the new period's start")

    def test_bad_plans_are_refused(self):
        Plan = self.env["aftersales.contract.plan"]
        with self.assertRefused(ValidationError, "at least one month"):
            self.add_plan(interval_months=0)
        with self.assertRefused(ValidationError, "at least one month"):
            self.add_plan(interval_months=-3)
        with self.assertRefused(ValidationError, "at least one visit"):
            self.add_plan(schedule_type="visits", visits_per_period=0)
        with self.assertRefused(ValidationError, "not covered by the contract"):
            self.add_plan(equipment_id=self.uncovered.id)
        plan = self.add_plan()
        with self.assertRefused(ValidationError, "at least one month"):
            plan.interval_months = -1
        self.assertEqual(plan.interval_months, 3)
        self.assertEqual(Plan.search_count([("contract_id", "=", self.contract.id)]), 1)

    def test_refusal_is_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_service"], ["zh_CN"], overwrite=True)
        Plan = self.env["aftersales.contract.plan"].with_context(lang="zh_CN")
        vals = {"contract_id": self.contract.id, "equipment_id": self.uncovered.id}
        with self.assertRefused(ValidationError, "不在合同"):
            Plan.create(vals)
        with self.assertRefused(ValidationError, "至少"):
            Plan.create(dict(vals, equipment_id=self.equipment.id, interval_months=0))

    @freeze_time("2025-12-22 10:00:00")
    def test_the_cron_works_in_batches(self):
        second = self.env["aftersales.equipment"].create(
            {"partner_id": self.customer.id, "product_id": self.copier.id}
        )
        self.contract.equipment_ids = [Command.link(second.id)]
        self.add_plan()
        self.add_plan(equipment_id=second.id)
        first = self.run_cron(
            "aftersales_service.ir_cron_aftersales_plan_maintenance", "_cron_plan_visits", batch_size=1
        )
        self.assertEqual((first["done"], first["remaining"]), (1, 1))
        rest = self.run_cron(
            "aftersales_service.ir_cron_aftersales_plan_maintenance", "_cron_plan_visits", batch_size=1
        )
        self.assertEqual((rest["done"], rest["remaining"]), (1, 0))
