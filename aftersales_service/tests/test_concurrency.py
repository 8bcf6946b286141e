from contextlib import contextmanager
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase


class TestConcurrency(TransactionCase):
    """Two users, or two cron workers, on the same record at the same moment.

    How the two transactions are made: ``self.registry.cursor()`` outside the registry
    test mode opens a real cursor on a connection of its own, as a second server worker
    has (Odoo's own ``test_lock_for_update`` in base/tests/test_orm.py does the same).
    Inside ``enter_registry_test_mode()`` every cursor is a ``TestCursor`` on the test's
    own connection, serialised by a lock: its row locks never conflict, so it cannot
    show a concurrency bug. Two real connections only see committed rows, so each test
    commits its own records first (its team, people and customer too: a database
    without demo data has none), on a real cursor, and deletes them afterwards; the
    concurrent transactions themselves are rolled back. The losing transaction has a
    ``lock_timeout`` of one second: without the product's lock it would wait for the
    first one, which in a single-threaded test never ends, and the test fails with
    ``LockNotAvailable`` instead of hanging."""

    @contextmanager
    def worker(self, user=None):
        """A transaction on a connection of its own, rolled back at the end; ``user`` is
        a key of the committed people ("supervisor", "technician")."""
        cr = self.registry.cursor()
        try:
            cr.execute("SET LOCAL lock_timeout = 1000")  # milliseconds
            env = api.Environment(cr, SUPERUSER_ID, {})
            if user:
                env = env(user=self.people[user])
            yield env
        finally:
            cr.rollback()
            cr.close()

    def commit_records(self, build):
        """Create records with ``build(env)`` on a real cursor and commit them, so that
        other connections see them; they are deleted (last created first) after the
        test. Returns their ids as ``build`` returned them, by model."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            created = build(env)
            ids = [(records._name, records.ids) for records in created]
        self.addCleanup(self.delete_committed, ids)
        return [record_ids for _model, record_ids in ids]

    def delete_committed(self, ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            for model, record_ids in reversed(ids):
                records = env[model].browse(record_ids).exists()
                if model == "aftersales.request":
                    env["mail.message"].search(
                        [("model", "=", model), ("res_id", "in", records.ids)]
                    ).unlink()
                records.unlink()

    def setUp(self):
        """The team, its people and a customer, committed (and deleted after the test):
        a database without demo data has none the other connections could see."""
        super().setUp()

        def people(env):
            def user(login, group):
                return env["res.users"].create(
                    {
                        "name": login,
                        "login": login,
                        "email": f"{login}@example.com",
                        "group_ids": [Command.link(env.ref(group).id)],
                    }
                )

            supervisor = user("concurrency_supervisor", "aftersales_service.group_aftersales_supervisor")
            technician = user("concurrency_technician", "aftersales_service.group_aftersales_technician")
            team = env["aftersales.team"].create(
                {
                    "name": "Concurrency Team",
                    "supervisor_id": supervisor.id,
                    "member_ids": [Command.set(technician.ids)],
                }
            )
            customer = env["res.partner"].create(
                {
                    "name": "Concurrency Customer",
                    "phone": "+86 21 5555 0199",
                    "email": "concurrency.customer@example.com",
                    "street": "1 Lock Road",
                    "city": "Shanghai",
                    "aftersales_team_id": team.id,
                }
            )
            return [supervisor.partner_id | technician.partner_id, supervisor | technician, team, customer]

        _partners, (supervisor_id, technician_id), (team_id,), (customer_id,) = self.commit_records(people)
        self.people = {"supervisor": supervisor_id, "technician": technician_id}
        self.team_id, self.customer_id = team_id, customer_id

    def new_request(self, env, **values):
        request = env["aftersales.request"].create(
            {
                "partner_id": self.customer_id,
                "team_id": self.team_id,
                "technician_id": self.people["technician"],
                "symptom": "Paper jam",
                **values,
            }
        )
        if request.to_verify:
            request.action_verify()
        return request

    def test_two_dispatchers_dispatch_the_same_request(self):
        """SVC-4: two dispatchers press Dispatch on one request at the same moment: the
        first dispatches it, the second is told at once that someone else is doing it
        (it does not wait for the first one); once the first has saved, the second is
        told the request is already dispatched."""
        ((request_id,),) = self.commit_records(lambda env: [self.new_request(env)])
        with (
            self.worker("supervisor") as first,
            self.worker("supervisor") as second,
        ):
            first["aftersales.request"].browse(request_id).action_dispatch()
            first.flush_all()
            with self.assertRaisesRegex(UserError, "is being dispatched by someone else"):
                second["aftersales.request"].browse(request_id).action_dispatch()
                second.flush_all()
            first.cr.commit()
        with self.worker("supervisor") as second:
            request = second["aftersales.request"].browse(request_id)
            self.assertEqual(request.state, "dispatched")
            with self.assertRaisesRegex(UserError, "already dispatched"):
                request.action_dispatch()

    def test_two_cash_collections_on_one_request_make_one_payment(self):
        """SVC-7 / FLD-2: the technician's phone and the desk record the payment of one
        visit at the same moment: one payment; the second is refused, nothing booked."""

        def visit_on_site(env):
            request = self.new_request(env, category="A")
            request.action_dispatch()
            request.with_user(request.technician_id).action_arrive()
            return [request]

        ((request_id,),) = self.commit_records(visit_on_site)
        with (
            self.worker("technician") as phone,
            self.worker("supervisor") as desk,
        ):
            for env in (phone, desk):
                self.assertEqual(env["aftersales.request"].browse(request_id).state, "in_progress")
            Wizard = phone["aftersales.cash.wizard"]
            Wizard.create({"request_id": request_id, "amount": 50.0}).action_confirm()
            phone.flush_all()
            payments_before = desk["account.payment"].sudo().search_count([])
            with self.assertRaisesRegex(UserError, "is being recorded by someone else"):
                desk["aftersales.cash.wizard"].create(
                    {"request_id": request_id, "amount": 50.0}
                ).action_confirm()
            desk.cr.rollback()
            self.assertEqual(desk["account.payment"].sudo().search_count([]), payments_before)
            self.assertTrue(phone["aftersales.request"].browse(request_id).cash_payment_id)

    def test_two_cron_workers_send_each_expiry_notice_once(self):
        """CTR-3: two workers run the contract cron at the same moment (the scheduler
        and an administrator's Run Manually): each due contract gets its notice from one
        of them only; the second leaves the contracts the first is working on."""

        def due_contract(env):
            today = fields.Date.context_today(env["aftersales.contract"])
            partner = env["res.partner"].browse(self.customer_id)
            equipment = env["aftersales.equipment"].create(
                {
                    "partner_id": partner.id,
                    "product_id": env["product.product"].create({"name": "Concurrency Copier"}).id,
                    "serial_number": "SN-CONCURRENT-1",
                }
            )
            contract = env["aftersales.contract"].create(
                {
                    "partner_id": partner.id,
                    "equipment_ids": [Command.set(equipment.ids)],
                    "date_start": today - timedelta(days=300),
                    "date_end": today + timedelta(days=10),
                }
            )
            contract.action_activate()
            return [equipment.product_id, equipment, contract]

        _product, _equipment, (contract_id,) = self.commit_records(due_contract)
        with self.worker() as first, self.worker() as second:
            noticed = first["aftersales.contract"]._cron_update_states()
            self.assertIn(contract_id, noticed.ids)
            first.flush_all()
            noticed_again = second["aftersales.contract"]._cron_update_states()
            self.assertNotIn(contract_id, noticed_again.ids)
            contract = second["aftersales.contract"].browse(contract_id)
            self.assertFalse(contract.expiry_notice_sent)
            self.assertFalse(contract.message_ids.filtered(lambda m: m.message_type == "comment"))
