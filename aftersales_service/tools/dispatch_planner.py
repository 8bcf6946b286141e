"""DSP-2: who can take a job, when, and how well they fit — on plain data, so that
ranking one request and auto-assigning a queue of hundreds share one engine and cost
the same queries (the caller reads calendars and bookings once for the batch).

Times are naive UTC datetimes. A technician's *work* is a sorted list of ``(start,
end)`` intervals (their working hours without leaves), *bookings* the appointments
they already have."""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

QUARTER_HOUR = timedelta(minutes=15)


@dataclass
class Technician:
    id: int
    work: list
    bookings: list = field(default_factory=list)
    zone: str | None = None
    skills: frozenset = frozenset()
    coordinates: tuple | None = None


@dataclass
class Job:
    id: int
    earliest: object
    deadline: object
    hours: float
    priority: int = 0
    zone: str | None = None
    categories: frozenset = frozenset()
    coordinates: tuple | None = None


@dataclass
class Candidate:
    technician: Technician
    start: object
    end: object
    meets_sla: bool
    free_hours: float
    booked_hours: float
    zone_match: bool
    skill_match: bool | None
    distance_km: float | None
    gap_after: float = 0.0  # hours left free right after the slot, before the next booking or the end of work

    def sort_key(self):
        """Best first: meets the SLA, can service the product, works in the zone, the
        least already booked that day, the most free time before the deadline, the
        nearest, the earliest."""
        return (
            not self.meets_sla,
            self.skill_match is False,
            not self.zone_match,
            round(self.booked_hours, 2),
            -round(self.free_hours, 2),
            self.distance_km if self.distance_km is not None else math.inf,
            self.start,
        )


def free_intervals(technician, since):
    """The technician's working time from ``since`` on, less their bookings."""
    bookings = sorted(technician.bookings)
    result = []
    for start, end in technician.work:
        start = max(start, since)
        if end <= start:
            continue
        for booked_start, booked_end in bookings:
            if booked_end <= start or booked_start >= end:
                continue
            if booked_start > start:
                result.append((start, booked_start))
            start = max(start, booked_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def distance_km(a, b):
    if not (a and b):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def candidates(job, technicians, day_of):
    """Every technician who has a slot long enough for ``job``, best first (``day_of``
    gives the local day of a datetime, for the hours already booked that day)."""
    result = []
    length = timedelta(hours=max(job.hours, 0.25))
    for technician in technicians:
        free = free_intervals(technician, job.earliest)
        slot, gap_after = next(
            (
                ((start, start + length), (end - start - length).total_seconds() / 3600)
                for start, end in free
                if end - start >= length
            ),
            (None, 0.0),
        )
        if not slot:
            continue
        free_hours = sum(
            (min(end, job.deadline) - start).total_seconds() / 3600
            for start, end in free
            if start < job.deadline
        )
        day = day_of(slot[0])
        booked = sum(
            (end - start).total_seconds() / 3600 for start, end in technician.bookings if day_of(start) == day
        )
        skill_match = bool(technician.skills & job.categories) if technician.skills else None
        result.append(
            Candidate(
                technician=technician,
                start=slot[0],
                end=slot[1],
                meets_sla=slot[0] <= job.deadline,
                free_hours=free_hours,
                booked_hours=booked,
                zone_match=not technician.zone or not job.zone or technician.zone == job.zone,
                skill_match=skill_match,
                distance_km=distance_km(technician.coordinates, job.coordinates),
                gap_after=gap_after,
            )
        )
    return sorted(result, key=Candidate.sort_key)


def plan(jobs, technicians, day_of):
    """Auto-assign: urgent first, then the earliest SLA deadline; each job takes a slot
    that meets its deadline, and the slot is booked before the next job is placed, so
    nobody is booked twice. Two ways of choosing are tried and the one that meets more
    deadlines wins (ties: the first): the best-ranked technician (the dispatcher's
    order: skill, zone, load), and the slot that fills a gap most tightly (which packs
    a crowded day better). A job no slot before its SLA deadline can take is left to
    the dispatcher. Returns ``(placements, unplaced)``: ``{job id: candidate}`` and
    ``{job id: reason code}`` (``no_technician``: nobody has a long enough slot in the
    horizon; ``late``: the first slot is after the SLA deadline)."""
    best = None
    for choose in (_best_ranked, _tightest):
        # each try books on its own copies of the technicians' bookings
        trial = [
            Technician(t.id, t.work, list(t.bookings), t.zone, t.skills, t.coordinates) for t in technicians
        ]
        originals = {copy.id: original for copy, original in zip(trial, technicians, strict=True)}
        placements, unplaced = _plan_with(jobs, trial, day_of, choose)
        if best is None or len(placements) > len(best[0]):
            best = (placements, unplaced, originals)
    placements, unplaced, originals = best
    for candidate in placements.values():
        candidate.technician = originals[candidate.technician.id]
        candidate.technician.bookings.append((candidate.start, candidate.end))
    return placements, unplaced


def _best_ranked(ranked):
    return ranked[0]


def _tightest(ranked):
    return min(ranked, key=lambda c: (not c.meets_sla, round(c.gap_after, 2), c.start, c.sort_key()))


def _plan_with(jobs, technicians, day_of, choose):
    placements, unplaced = {}, {}
    for job in sorted(jobs, key=lambda job: (-job.priority, job.deadline, job.id)):
        ranked = candidates(job, technicians, day_of)
        if not ranked:
            unplaced[job.id] = "no_technician"
            continue
        chosen = choose(ranked)
        if not chosen.meets_sla:
            unplaced[job.id] = "late"
            continue
        chosen.technician.bookings.append((chosen.start, chosen.end))
        placements[job.id] = chosen
    return placements, unplaced


def free_slots(job, technicians, count):
    """PRT-5: the first ``count`` moments at which one of ``technicians`` is free long
    enough for ``job``, from its earliest time on, on the quarter hour: what a
    customer may pick as the appointment (the dispatcher then assigns one of them)."""
    length = timedelta(hours=max(job.hours, 0.25))
    starts = set()
    for technician in technicians:
        for start, end in free_intervals(technician, job.earliest):
            start += (datetime.min - start) % QUARTER_HOUR  # up to the next quarter hour
            if end - start >= length:
                starts.add(start)
    return sorted(starts)[:count]
