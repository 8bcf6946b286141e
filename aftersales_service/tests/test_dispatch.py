from datetime import datetime

from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import AftersalesCase


class TestDispatch(AftersalesCase):
    def test_dispatch_to_a_team_technician(self):
        """SVC-4: the supervisor assigns a technician; the appointment defaults to the
        customer's preferred time."""
        preferred = datetime(2026, 11, 23, 14, 0)
        request = self.create_request(preferred_time=preferred)
        request.with_user(self.supervisor).write({"technician_id": self.tech_a.id})
        request.with_user(self.supervisor).action_dispatch()
        self.assertEqual(request.state, "dispatched")
        self.assertEqual(request.scheduled_start, preferred)
        self.assertEqual(request.scheduled_end, datetime(2026, 11, 23, 16, 0))
        self.assertTrue(request.dispatch_time)

    def test_dispatch_to_someone_who_is_not_a_technician_of_the_team_is_refused(self):
        """Bad input: a technician of another team, or a clerk of this team."""
        request = self.create_request()
        for user in (self.outsider_tech, self.clerk):
            with self.assertRefused(ValidationError, "is not a technician of the team"):
                request.write({"technician_id": user.id})
            self.assertFalse(request.technician_id)
        self.assertEqual(request.state, "new")

    def test_dispatch_without_technician_is_refused(self):
        request = self.create_request()
        with self.assertRefused(UserError, "Choose the team and the technician"):
            request.action_dispatch()
        self.assertEqual(request.state, "new")

    def test_conflicting_appointments_are_visible(self):
        """SVC-4: overlapping appointments of the same technician are shown on both."""
        first = self.dispatched_request(scheduled_start=datetime(2026, 11, 23, 10, 0), planned_hours=2)
        second = self.dispatched_request(scheduled_start=datetime(2026, 11, 23, 11, 0), planned_hours=1)
        later = self.dispatched_request(scheduled_start=datetime(2026, 11, 23, 12, 0), planned_hours=1)
        other_tech = self.dispatched_request(
            technician=self.tech_b, scheduled_start=datetime(2026, 11, 23, 10, 0)
        )
        self.assertEqual(first.conflicting_request_ids, second)
        self.assertEqual(second.conflicting_request_ids, first)
        self.assertTrue(first.has_conflict)
        self.assertFalse(later.has_conflict, "back-to-back appointments do not overlap")
        self.assertFalse(other_tech.has_conflict)
        # a closed request is no longer an appointment
        second.action_cancel()
        first.invalidate_recordset(["conflicting_request_ids", "has_conflict"])
        self.assertFalse(first.has_conflict)

    def test_reschedule_records_new_time_and_reason(self):
        """SVC-4: rescheduling with the customer keeps the old and new time and why."""
        old_start = datetime(2026, 11, 23, 10, 0)
        new_start = datetime(2026, 11, 24, 9, 0)
        request = self.dispatched_request(scheduled_start=old_start)
        self.env["aftersales.reschedule.wizard"].with_user(self.clerk).create(
            {
                "request_id": request.id,
                "new_start": new_start,
                "reason": "Customer is away today",
            }
        ).action_confirm()
        self.assertEqual(request.scheduled_start, new_start)
        self.assertEqual(len(request.reschedule_ids), 1)
        log = request.reschedule_ids
        self.assertEqual((log.old_start, log.new_start, log.user_id), (old_start, new_start, self.clerk))
        self.assertEqual(log.reason, "Customer is away today")
        self.assertEqual(request.reschedule_count, 1)

    def test_reschedule_without_reason_or_after_arrival_is_refused(self):
        request = self.dispatched_request(scheduled_start=datetime(2026, 11, 23, 10, 0))
        wizard = self.env["aftersales.reschedule.wizard"].create(
            {
                "request_id": request.id,
                "new_start": datetime(2026, 11, 24, 9, 0),
                "reason": "  ",
            }
        )
        with self.assertRefused(UserError, "reason"):
            wizard.action_confirm()
        request.action_arrive()
        wizard.reason = "Late"
        with self.assertRefused(UserError, "can no longer be rescheduled"):
            wizard.action_confirm()
        self.assertFalse(request.reschedule_ids)
        self.assertEqual(request.scheduled_start, datetime(2026, 11, 23, 10, 0))

    def test_dispatch_board_sorts_by_sla_deadline(self):
        """SVC-4: the board lists open requests, the most urgent deadline first."""
        late = self.create_request(call_time=datetime(2026, 11, 23, 11, 0))
        early = self.create_request(call_time=datetime(2026, 11, 23, 8, 0))
        action = self.env.ref("aftersales_service.action_aftersales_request_dispatch")
        requests = self.env["aftersales.request"].search(
            [("id", "in", (late | early).ids), *safe_eval(action.domain)], order="sla_deadline"
        )
        self.assertEqual(requests.ids, [early.id, late.id])
        kanban = self.env.ref("aftersales_service.view_aftersales_request_kanban")
        self.assertIn('default_order="sla_deadline"', kanban.arch_db)
        self.assertIn('default_group_by="technician_id"', kanban.arch_db)

    def read_board(self, requests, opening_info=None):
        """The dispatch board as the web client loads it: the kanban's web_read_group
        grouped by technician, most urgent deadline first, groups opened by default."""
        action = self.env.ref("aftersales_service.action_aftersales_request_dispatch")
        Request = self.env["aftersales.request"].with_user(self.supervisor)
        return Request.with_context(read_group_expand=True).web_read_group(
            [*safe_eval(action.domain), ("id", "in", requests.ids)],
            ["technician_id"],
            order="sla_deadline ASC",
            auto_unfold=True,
            opening_info=opening_info or [],
            unfold_read_specification={"name": {}, "scheduled_start": {}, "to_verify": {}},
            unfold_read_default_limit=40,
        )["groups"]

    def test_board_shows_the_waiting_requests_first_and_open(self):
        """SVC-4: the requests nobody was dispatched to yet are the board's first
        column, unfolded, a breached one included."""
        breached = self.create_request(call_time=datetime(2026, 11, 2, 9, 0))
        waiting = self.create_request(call_time=datetime(2026, 11, 23, 9, 0))
        assigned = self.dispatched_request(technician=self.tech_a)
        self.assertEqual(breached.sla_status, "breached")
        groups = self.read_board(breached | waiting | assigned)
        self.assertFalse(groups[0]["technician_id"], "the unassigned column comes first")
        self.assertEqual([card["id"] for card in groups[0]["__records"]], [breached.id, waiting.id])
        self.assertEqual(groups[1]["technician_id"][0], self.tech_a.id)
        self.assertEqual([card["id"] for card in groups[1]["__records"]], [assigned.id])

        # reloaded after the supervisor folded it by hand, it stays folded
        reloaded = self.read_board(
            breached | waiting | assigned,
            opening_info=[
                {"value": False, "folded": True},
                {"value": self.tech_a.id, "folded": False, "limit": 40, "offset": 0},
            ],
        )
        self.assertFalse(reloaded[0]["technician_id"])
        self.assertNotIn("__records", reloaded[0])

    def test_board_cards_show_appointment_and_to_verify(self):
        """SVC-4: a card tells when the technician is expected and whether the data
        must still be verified before dispatch."""
        arch = (
            self.env["aftersales.request"]
            .with_user(self.supervisor)
            .get_views([(self.env.ref("aftersales_service.view_aftersales_request_kanban").id, "kanban")])
        )["views"]["kanban"]["arch"]
        card = etree.fromstring(arch).xpath("//t[@t-name='card']")[0]
        self.assertTrue(card.xpath(".//field[@name='scheduled_start']"))
        self.assertTrue(card.xpath(".//*[contains(@t-if, 'to_verify')]"))
        unverified = self.create_request(equipment_id=False)
        self.assertTrue(unverified.to_verify)
        (column,) = self.read_board(unverified)
        self.assertTrue(column["__records"][0]["to_verify"])

    def dispatch_buttons(self, request):
        """The form's visible Dispatch button(s) for the request, as the supervisor
        sees them."""
        arch = self.env["aftersales.request"].with_user(self.supervisor).get_views([(False, "form")])
        buttons = etree.fromstring(arch["views"]["form"]["arch"]).xpath("//button[@name='action_dispatch']")
        values = {name: request[name] for name in ("state", "has_conflict", "to_verify")}
        return [button for button in buttons if not safe_eval(button.get("invisible") or "False", values)]

    def test_dispatch_into_a_conflict_asks_for_confirmation(self):
        """SVC-4: dispatching onto another appointment of the technician asks first;
        a free slot is dispatched at once. The appointment the dispatch will give
        (the customer's preferred time) counts too."""
        self.dispatched_request(scheduled_start=datetime(2026, 11, 23, 10, 0), planned_hours=2)
        tech = self.tech_a.id
        overlapping = self.create_request(technician_id=tech, scheduled_start=datetime(2026, 11, 23, 11, 0))
        preferred = self.create_request(technician_id=tech, preferred_time=datetime(2026, 11, 23, 9, 30))
        free = self.create_request(technician_id=tech, scheduled_start=datetime(2026, 11, 23, 14, 0))
        for request in (overlapping, preferred):
            self.assertTrue(request.has_conflict)
            (button,) = self.dispatch_buttons(request)
            self.assertTrue(button.get("confirm"), "a conflicting dispatch asks for confirmation")
        self.assertFalse(free.has_conflict)
        (button,) = self.dispatch_buttons(free)
        self.assertFalse(button.get("confirm"))
        # confirmed, the dispatch goes through
        preferred.with_user(self.supervisor).action_dispatch()
        self.assertEqual(preferred.scheduled_start, datetime(2026, 11, 23, 9, 30))
        self.assertTrue(preferred.has_conflict)
