from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import dispatch_planner as planner
from ..tools.reader_locale import local_datetime_formatter

# how far ahead a technician's free time is looked for, past the latest SLA deadline
HORIZON_DAYS = 2


class AftersalesRequestAssign(models.Model):
    """DSP-2: the suggested technician — the team's technicians ranked by free working
    time before the SLA deadline, skill for the product, zone, hours already booked that
    day and distance, with the reason shown; one click assigns the best with its slot,
    and auto-assign places the unassigned queue without double booking."""

    _inherit = "aftersales.request"

    # --- actions --------------------------------------------------------------
    def action_suggest_technicians(self):
        self.ensure_one()
        wizard = self.env["aftersales.assign.wizard"].create({"request_id": self.id})
        return wizard._get_records_action(name=self.env._("Suggested Technicians"), target="new")

    def action_assign_best(self):
        """One click: the best-ranked technician and their slot."""
        self.ensure_one()
        ranked = self._rank_technicians()
        if not ranked:
            raise UserError(
                self.env._(
                    "No technician of %(team)s has free working time for %(request)s.",
                    team=self.team_id.name,
                    request=self.name,
                )
            )
        self._assign_candidate(ranked[0])
        return True

    def action_auto_assign(self):
        """DSP-2: place the unassigned requests among the selection (or the whole queue
        of the user's teams when called without one), and tell what could not be placed."""
        queue = self or self.search([("state", "=", "new"), ("technician_id", "=", False)])
        placed, unplaced = queue.filtered(lambda r: r.state == "new" and not r.technician_id)._auto_assign()
        reasons = self._unplaced_reason_labels()
        lines = [self.env._("%(count)s requests assigned.", count=len(placed))]
        lines += [f"{request.name}: {reasons[code]}" for request, code in unplaced.items()]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if unplaced else "success",
                "title": self.env._("Auto-Assign"),
                "message": "\n".join(lines),
                "sticky": bool(unplaced),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # --- business helpers -----------------------------------------------------
    def _rank_technicians(self):
        """The team's technicians who have a slot for this request, best first
        (:class:`~..tools.dispatch_planner.Candidate`)."""
        self.ensure_one()
        technicians, jobs, day_of = self._planning_data()
        return planner.candidates(jobs[self.id], technicians.get(self.team_id, []), day_of)

    def _auto_assign(self):
        """``(assigned requests, {request: reason code})``: every request of the batch
        planned with its team's technicians, reading calendars and bookings once."""
        technicians, jobs, day_of = self._planning_data()
        placed = self.browse()
        unplaced = {}
        for team, requests in self.grouped("team_id").items():
            placements, missed = planner.plan(
                [jobs[request.id] for request in requests], technicians.get(team, []), day_of
            )
            for request in requests:
                if request.id in placements:
                    request._assign_candidate(placements[request.id])
                    placed |= request
                else:
                    unplaced[request] = missed.get(request.id, "no_technician")
        return placed, unplaced

    def _assign_candidate(self, candidate):
        self.ensure_one()
        self.write({"technician_id": candidate.technician.id, "scheduled_start": candidate.start})

    def _planning_data(self):
        """The planner's view of the batch: ``({team: [Technician]}, {request id: Job},
        day_of)``. One calendar computation per calendar, one search for the bookings."""
        jobs = self._planning_jobs()
        if not jobs:
            return {}, {}, lambda moment: moment.date()
        teams = self.team_id
        users, teams_of, calendar_of = self._technicians_of(
            [("id", "in", teams.ids)],
            ["partner_id", "aftersales_service_zone", "aftersales_skill_category_ids"],
        )
        users.partner_id.fetch(["partner_latitude", "partner_longitude"])
        start = min(job.earliest for job in jobs.values())
        end = max(job.deadline for job in jobs.values()) + timedelta(days=HORIZON_DAYS)
        work, _leaves = self._working_time(users, calendar_of, start, end)
        bookings = self._planning_bookings(users, start, end)
        technicians = {team: [] for team in teams}
        for user in users:
            technician = planner.Technician(
                id=user.id,
                work=work.get(user.id, []),
                bookings=bookings[user.id],
                zone=user.aftersales_service_zone or None,
                skills=frozenset(user.aftersales_skill_category_ids.ids),
                coordinates=user.partner_id._aftersales_coordinates(),
            )
            for team in teams.browse(teams_of.get(user.id, [])):
                technicians[team].append(technician)
        zone = pytz.timezone(teams[:1].resource_calendar_id.tz or self.env.user.tz or "UTC")
        return technicians, jobs, lambda moment: pytz.utc.localize(moment).astimezone(zone).date()

    def _planning_jobs(self):
        """``{request id: Job}``: from now (on the quarter hour) or the preferred time,
        until the SLA deadline."""
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        now += timedelta(minutes=-now.minute % 15)
        jobs = {}
        for request in self:
            earliest = max(now, request.preferred_time or now)
            deadline = request.sla_deadline or earliest + timedelta(days=1)
            category = request.product_id.categ_id
            jobs[request.id] = planner.Job(
                id=request.id,
                earliest=earliest,
                deadline=max(deadline, earliest),
                hours=request.planned_hours or 1.0,
                priority=int(request.priority or 0),
                zone=request.service_zone or None,
                # the product's category and the ones above it: a skill for "Copiers"
                # covers "Copiers / A3"
                categories=frozenset(int(part) for part in (category.parent_path or "").split("/") if part),
                coordinates=request.partner_id._aftersales_coordinates(),
            )
        return jobs

    def _planning_bookings(self, users, start, end):
        """``{user id: [(start, end)]}``: the technicians' other appointments."""
        bookings = {user.id: [] for user in users}
        for booked in self.search_fetch(
            [
                ("technician_id", "in", users.ids),
                ("state", "in", ("new", "dispatched")),
                ("scheduled_start", "<", end),
                ("scheduled_end", ">", start),
                ("id", "not in", self.ids),
            ],
            ["technician_id", "scheduled_start", "scheduled_end"],
        ):
            bookings[booked.technician_id.id].append((booked.scheduled_start, booked.scheduled_end))
        return bookings

    @api.model
    def _technicians_of(self, team_domain, fields, also=()):
        """``(users, {user id: team ids}, {user id: calendar})``: the technicians of the
        teams of ``team_domain``, and the users ``also``, ordered by name with ``fields``
        fetched; the teams each works in, and the working calendar of their first team.
        One query for the membership and the calendars, one for the users."""
        teams_of, calendar_of = defaultdict(list), {}
        for user, calendar, team_ids in self.env["aftersales.team"]._read_group(
            team_domain, ["member_ids", "resource_calendar_id"], ["id:array_agg"]
        ):
            if not user:
                continue
            if not teams_of[user.id] or min(team_ids) < min(teams_of[user.id]):
                calendar_of[user.id] = calendar
            teams_of[user.id] += team_ids
        users = self.env["res.users"].search_fetch(
            [("id", "in", [*teams_of, *also]), *self.env["aftersales.team"]._technician_domain()], fields
        )
        return users, teams_of, calendar_of

    @api.model
    def _working_time(self, users, team_calendars, start, end):
        """``({user id: [(start, end)]}, {user id: [(start, end, leave names)]})``: each
        user's working hours between ``start`` and ``end`` (UTC) without their leaves,
        and the leaves (Odoo's resource leaves, which Time Off fills, and the public
        holidays), on their own working calendar, else ``team_calendars[user id]``."""
        # read as the system: a dispatcher may not read colleagues' leaves, but must plan around them
        resources = (
            self.env["resource.resource"]
            .sudo()
            .search_fetch([("user_id", "in", users.ids)], ["user_id", "calendar_id", "tz", "company_id"])
        )
        resource_of = {resource.user_id.id: resource for resource in resources}
        members_of = defaultdict(list)
        for user in users:
            resource = resource_of.get(user.id)
            calendar = (resource and resource.calendar_id) or team_calendars.get(user.id)
            if calendar:
                members_of[calendar.sudo()].append(user.id)
        utc_start, utc_end = pytz.utc.localize(start), pytz.utc.localize(end)
        work, leaves = {}, {}
        for calendar, members in members_of.items():
            members_resources = resources.browse(
                [resource_of[user_id].id for user_id in members if user_id in resource_of]
            )
            attendances = calendar._attendance_intervals_batch(
                utc_start, utc_end, resources=members_resources
            )
            time_off = calendar._leave_intervals_batch(utc_start, utc_end, resources=members_resources)
            by_resource = {}  # technicians without a resource of their own share the calendar's time
            for user_id in members:
                key = resource_of[user_id].id if user_id in resource_of else False
                if key not in by_resource:
                    by_resource[key] = (
                        [
                            (_utc(begin), _utc(stop))
                            for begin, stop, _meta in attendances[key] - time_off[key]
                        ],
                        [
                            (_utc(begin), _utc(stop), ", ".join(filter(None, records.mapped("name"))))
                            for begin, stop, records in time_off[key]
                        ],
                    )
                work[user_id], leaves[user_id] = by_resource[key]
        return work, leaves

    def _candidate_reason(self, candidate):
        """Why the technician is suggested, in the reader's language: "free 10:00-12:00,
        services copiers, 3.5 h booked that day"."""
        self.ensure_one()
        env = self.env
        tz = env.user.tz or self.team_id.resource_calendar_id.tz
        parts = [
            env._(
                "free %(start)s-%(end)s",
                start=local_datetime_formatter(env)(candidate.start, tz),
                end=local_datetime_formatter(env, time_only=True)(candidate.end, tz),
            )
        ]
        if not candidate.meets_sla:
            parts.append(env._("after the SLA deadline"))
        if candidate.skill_match:
            parts.append(env._("services %(category)s", category=self.product_id.categ_id.name))
        elif candidate.skill_match is False:
            parts.append(env._("no skill for %(category)s", category=self.product_id.categ_id.name))
        if not candidate.zone_match:
            parts.append(env._("works in another zone"))
        parts.append(env._("%(hours)s h booked that day", hours=round(candidate.booked_hours, 1)))
        if candidate.distance_km is not None:
            parts.append(env._("%(km)s km away", km=round(candidate.distance_km, 1)))
        return env._(", ").join(parts)

    def _unplaced_reason_labels(self):
        return {
            "no_technician": self.env._("no technician of the team has free working time"),
            "late": self.env._("no free slot before the SLA deadline: left to the dispatcher"),
        }

    # --- the dispatcher's timeline (DSP-1) --------------------------------------------
    @api.model
    @api.readonly
    def get_timeline_rows(self, start, end, technician_ids=()):
        """The timeline's rows between ``start`` and ``end`` (UTC, "YYYY-MM-DD HH:MM:SS"):
        every technician of the user's teams, busy or idle, and those of
        ``technician_ids`` (the bars' technicians), with their working hours and leaves,
        so the dispatcher sees who can take a job when."""
        start, end = fields.Datetime.to_datetime(start), fields.Datetime.to_datetime(end)
        users, _teams_of, calendar_of = self._technicians_of([], ["partner_id"], also=technician_ids)
        users.partner_id.fetch(["name"])
        work, leaves = self._working_time(users, calendar_of, start, end)
        to_text = fields.Datetime.to_string
        return {
            "technicians": [{"id": user.id, "name": user.name} for user in users],
            "work": [
                {"group": user_id, "start": to_text(begin), "end": to_text(stop)}
                for user_id, intervals in work.items()
                for begin, stop in intervals
            ],
            "leaves": [
                {"group": user_id, "start": to_text(begin), "end": to_text(stop), "name": name}
                for user_id, intervals in leaves.items()
                for begin, stop, name in intervals
            ],
        }


def _utc(moment):
    """A time-zone aware moment as Odoo stores it: naive UTC."""
    return moment.astimezone(pytz.utc).replace(tzinfo=None)
