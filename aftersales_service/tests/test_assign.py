import itertools
import random
from datetime import datetime, timedelta

from odoo.tests import BaseCase, freeze_time

from ..tools import dispatch_planner as planner
from .common import AftersalesCase
from .query_budget import QueryBudgetMixin

MONDAY = datetime(2026, 11, 23)


def at(hour):
    return MONDAY + timedelta(hours=hour)


class TestPlannerAgainstBruteForce(BaseCase):
    """DSP-2: auto-assign never books a technician twice and never misses an SLA that
    some placement of the jobs in the free slots could have met (checked against every
    placement on small cases)."""

    def brute_force_best(self, jobs, technicians):
        """The most jobs any overlap-free placement on whole hours gets in time."""
        options = []
        for job in jobs:
            choices = [None]
            for technician in technicians:
                for start, end in technician.work:
                    hour = start
                    while hour + timedelta(hours=job.hours) <= end:
                        if hour >= job.earliest:
                            choices.append((technician.id, hour, hour + timedelta(hours=job.hours)))
                        hour += timedelta(hours=1)
            options.append(choices)
        best = 0
        for combination in itertools.product(*options):
            booked = [choice for choice in combination if choice]
            if any(
                a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for a, b in itertools.combinations(booked, 2)
            ):
                continue
            met = sum(
                1
                for job, choice in zip(jobs, combination, strict=False)
                if choice and choice[1] <= job.deadline
            )
            best = max(best, met)
        return best

    def check(self, jobs, technicians):
        placements, unplaced = planner.plan(jobs, technicians, lambda moment: moment.date())
        booked = [(c.technician.id, c.start, c.end) for c in placements.values()]
        for a, b in itertools.combinations(booked, 2):
            self.assertFalse(a[0] == b[0] and a[1] < b[2] and b[1] < a[2], f"double booking: {a} {b}")
        self.assertTrue(all(c.meets_sla for c in placements.values()))
        self.assertEqual(
            len(placements),
            self.brute_force_best(jobs, [planner.Technician(id=t.id, work=t.work) for t in technicians]),
        )
        self.assertEqual(set(placements) | set(unplaced), {job.id for job in jobs})

    def test_a_tight_morning(self):
        technicians = [planner.Technician(1, [(at(8), at(10))]), planner.Technician(2, [(at(8), at(12))])]
        jobs = [
            planner.Job(1, at(8), at(9), 1),
            planner.Job(2, at(8), at(9), 1),
            planner.Job(3, at(8), at(8), 2),
            planner.Job(4, at(8), at(11), 1),
        ]
        self.check(jobs, technicians)

    def test_random_small_days(self):
        generator = random.Random(16)
        for _case in range(12):
            technicians = [
                planner.Technician(
                    index, [(at(generator.choice((8, 9))), at(generator.choice((11, 12, 13))))]
                )
                for index in (1, 2)
            ]
            jobs = [
                planner.Job(
                    index,
                    at(8),
                    at(generator.choice((8, 9, 10, 11))),
                    generator.choice((1, 2)),
                    priority=0,
                )
                for index in range(1, 5)
            ]
            self.check(jobs, technicians)


@freeze_time("2026-11-23 08:00:00")  # Monday: the team works 8-12 and 13-17 (UTC)
class TestSuggestedTechnician(QueryBudgetMixin, AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.copiers = cls.env["product.category"].create({"name": "Copiers"})
        cls.printers = cls.env["product.category"].create({"name": "Printers"})
        cls.copier.categ_id = cls.copiers
        (cls.tech_a | cls.tech_b).write({"aftersales_service_zone": "urban"})
        cls.team.member_ids -= cls.supervisor  # a supervisor is a technician too: not here
        cls.supervisor.tz = "UTC"

    def booked(self, technician, start, hours):
        request = self.create_request(call_time=datetime(2026, 11, 23, 7, 0))
        request.write({"technician_id": technician.id, "scheduled_start": start, "planned_hours": hours})
        request.action_dispatch()
        return request

    def new_call(self, **values):
        return self.create_request(call_time=datetime(2026, 11, 23, 8, 0), **{"planned_hours": 2.0, **values})

    def test_the_technician_who_services_the_product_comes_first_with_the_reason(self):
        """DSP-2: skill before load: tech A knows copiers and is booked all morning; his
        afternoon slot still meets the SLA (6 working hours: 15:00)."""
        self.tech_a.aftersales_skill_category_ids = self.copiers
        self.tech_b.aftersales_skill_category_ids = self.printers
        self.booked(self.tech_a, datetime(2026, 11, 23, 8, 0), 4.0)
        request = self.new_call()
        ranked = request._rank_technicians()
        self.assertEqual([c.technician.id for c in ranked], [self.tech_a.id, self.tech_b.id])
        best = ranked[0]
        self.assertEqual((best.start, best.meets_sla), (datetime(2026, 11, 23, 13, 0), True))
        request = request.with_user(self.supervisor)
        reason = request._candidate_reason(best)
        self.assertIn("free 11/23/2026 01:00 PM-03:00 PM", reason)
        self.assertIn("services Copiers", reason)
        self.assertIn("4.0 h booked that day", reason)
        self.assertIn("no skill for Copiers", request._candidate_reason(ranked[1]))

    def test_zone_then_load_then_distance(self):
        request = self.new_call()
        self.tech_a.aftersales_service_zone = "suburban"
        self.assertEqual(request._rank_technicians()[0].technician.id, self.tech_b.id, "works in the zone")
        self.tech_a.aftersales_service_zone = "urban"
        self.booked(self.tech_b, datetime(2026, 11, 23, 13, 0), 1.0)
        self.assertEqual(request._rank_technicians()[0].technician.id, self.tech_a.id, "less booked that day")
        self.booked(self.tech_a, datetime(2026, 11, 23, 14, 0), 1.0)
        self.customer.write({"partner_latitude": 31.23, "partner_longitude": 121.47})
        self.tech_a.partner_id.write({"partner_latitude": 31.0, "partner_longitude": 121.0})
        self.tech_b.partner_id.write({"partner_latitude": 31.22, "partner_longitude": 121.46})
        ranked = request._rank_technicians()
        self.assertEqual(ranked[0].technician.id, self.tech_b.id, "same load: the nearest")
        self.assertIn("km away", request.with_user(self.supervisor)._candidate_reason(ranked[0]))

    def test_leaves_and_working_hours_are_respected(self):
        """A technician on leave this morning is offered from the end of the leave."""
        self.give_leave(self.tech_a, datetime(2026, 11, 23, 8, 0), datetime(2026, 11, 23, 12, 0), "Doctor")
        request = self.new_call()
        slots = {c.technician.id: c.start for c in request._rank_technicians()}
        self.assertEqual(slots[self.tech_a.id], datetime(2026, 11, 23, 13, 0))
        self.assertEqual(slots[self.tech_b.id], datetime(2026, 11, 23, 8, 0))

    def test_one_click_assigns_the_best_with_its_slot(self):
        self.booked(self.tech_a, datetime(2026, 11, 23, 8, 0), 2.0)
        request = self.new_call()
        request.with_user(self.supervisor).action_assign_best()
        self.assertEqual(
            (request.technician_id, request.scheduled_start), (self.tech_b, datetime(2026, 11, 23, 8, 0))
        )
        wizard = (
            self.env["aftersales.assign.wizard"].with_user(self.supervisor).create({"request_id": request.id})
        )
        self.assertEqual(len(wizard.line_ids), 2)
        wizard.line_ids[-1].action_assign()
        self.assertEqual(request.technician_id, wizard.line_ids[-1].technician_id)

    def test_auto_assign_fills_the_queue_without_double_booking_and_reports_the_rest(self):
        """Urgent first, then the earliest deadline; what has no slot before its SLA
        deadline is left with the reason."""
        urgent = self.new_call(priority="2")
        others = self.new_call() | self.new_call() | self.new_call()
        too_late = self.new_call()
        too_late.planned_hours = 9.0  # longer than any working stretch
        queue = urgent | others | too_late
        result = queue.with_user(self.supervisor).action_auto_assign()
        self.assertIn(too_late.name, result["params"]["message"])
        assigned = queue.filtered("technician_id")
        self.assertEqual(assigned, urgent | others)
        self.assertEqual(urgent.scheduled_start, datetime(2026, 11, 23, 8, 0))
        for a, b in itertools.combinations(assigned, 2):
            if a.technician_id == b.technician_id:
                self.assertTrue(a.scheduled_end <= b.scheduled_start or b.scheduled_end <= a.scheduled_start)
        self.assertTrue(all(r.scheduled_start <= r.sla_deadline for r in assigned))

    def test_auto_assign_costs_the_same_queries_for_5_and_20_requests(self):
        self.team.sla_hours_urban = 40  # every request fits within its SLA
        self.assertFlatQueries(
            lambda count: self.env["aftersales.request"].union(
                *(self.new_call(planned_hours=0.5) for _i in range(count))
            ),
            lambda requests: requests._auto_assign(),
        )
