from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import AftersalesCase


class TestSecurity(AftersalesCase):
    """ORG-2, from the attacker's side."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.dispatched_request(technician=cls.tech_a)
        cls.theirs = cls.dispatched_request(technician=cls.tech_b)
        cls.theirs_closed = cls.dispatched_request(technician=cls.tech_b)
        cls.theirs_closed.action_arrive()
        cls.theirs_closed.write({"work_done": "x", "no_signature_reason": "y"})
        cls.theirs_closed.action_close()

    def test_technician_edits_own_request(self):
        self.mine.with_user(self.tech_a).write({"work_done": "Checked"})
        self.mine.with_user(self.tech_a).action_arrive()
        self.assertEqual(self.mine.state, "in_progress")

    def test_technician_cannot_write_another_technicians_request(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.tech_a).write({"work_done": "Hijacked"})
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.tech_a).action_arrive()
        self.assertFalse(self.theirs.work_done)
        self.assertEqual(self.theirs.state, "dispatched")

    def test_technician_reads_the_open_queue_but_not_closed_work_of_others(self):
        self.assertEqual(self.theirs.with_user(self.tech_a).name, self.theirs.name)
        with self.assertRaises(AccessError):
            self.theirs_closed.with_user(self.tech_a).read(["work_done"])
        visible = self.env["aftersales.request"].with_user(self.tech_a).search([])
        self.assertNotIn(self.theirs_closed, visible)

    def test_technician_of_another_team_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.outsider_tech).read(["name"])

    def test_technician_cannot_add_time_to_another_technicians_request(self):
        with self.assertRaises(AccessError):
            self.env["aftersales.time.entry"].with_user(self.tech_a).create(
                {
                    "request_id": self.theirs.id,
                    "hours": 1,
                    "user_id": self.tech_a.id,
                }
            )
        self.assertFalse(self.theirs.time_entry_ids)

    def test_technician_cannot_register_or_configure(self):
        with self.assertRaises(AccessError):
            self.env["aftersales.request"].with_user(self.tech_a).create(
                {
                    "partner_id": self.customer.id,
                    "symptom": "x",
                }
            )
        with self.assertRaises(AccessError):
            self.team.with_user(self.tech_a).write({"sla_hours_urban": 99})
        with self.assertRaises(AccessError):
            self.team.with_user(self.supervisor).write({"sla_hours_urban": 99})
        self.assertEqual(self.team.sla_hours_urban, 6.0)

    def test_clerk_cannot_delete_requests(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.clerk).unlink()

    def test_user_of_another_company_sees_nothing(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign_clerk = new_test_user(
            self.env,
            "t_foreign_clerk",
            groups="base.group_user,aftersales_service.group_aftersales_user",
            company_id=other_company.id,
            company_ids=[Command.set([other_company.id])],
        )
        with self.assertRaises(AccessError):
            self.mine.with_user(foreign_clerk).read(["name"])
        self.assertFalse(
            self.env["aftersales.request"].with_user(foreign_clerk).search([("id", "=", self.mine.id)])
        )
        with self.assertRaises(AccessError):
            self.equipment.with_user(foreign_clerk).read(["name"])
