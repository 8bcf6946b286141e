"""After-sales benchmark: wall time and SQL queries of the product's batch
operations, board, reports and crons, side by side with OCA fieldservice's fsm.order
and Odoo's repair.order. Run through bench/run, which prepares the database.

Every operation runs in its own transaction and is rolled back, except the bulk data
the large cases need, which is inserted with SQL (generating 200 000 requests through
the ORM would measure the generator, not the product)."""

import argparse
import statistics
import time
from contextlib import contextmanager
from datetime import datetime, timedelta

from freezegun import freeze_time as freeze

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config
from odoo.tools.safe_eval import safe_eval

ROWS = []


def wall_clock():
    """Seconds from the OS monotonic clock: the crons run under freezegun, which fakes
    time.perf_counter (and, in 1.2, its own real_perf_counter too)."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sizes", default="1000,10000", help="batch sizes for registration, dispatch, close")
    parser.add_argument("--big", type=int, default=100_000, help="records for the cron cases")
    parser.add_argument("--board", type=int, default=200_000, help="requests in the database for the board")
    parser.add_argument("--entries", type=int, default=30_000, help="time entries for report and dashboard")
    parser.add_argument(
        "--crons",
        default="carry-over,escalation,survey,spot-check,contract,plan,reminders,callback,complaint",
        help="cron cases to run, comma-separated",
    )
    parser.add_argument(
        "--only",
        default="registration,board,reports,dispatcher,scan,crons",
        help="sections to run, comma-separated",
    )
    return parser.parse_args()


def vacuum(registry):
    """Each section's rows are rolled back; their dead tuples would slow the next
    section's index scans, which autovacuum spares a database in use."""
    with registry.cursor() as cr:
        cr.commit()
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE")


@contextmanager
def environment(registry, keep=False):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        try:
            yield env
        finally:
            if keep:
                cr.commit()
            else:
                cr.rollback()


def measure(env, operation, count, function, peer=None, repeat=1):
    """Wall time and queries of ``function``; read-only operations of a few
    milliseconds run ``repeat`` times and report the median, not one noisy sample."""
    samples = []
    for _run in range(repeat):
        env.flush_all()
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = wall_clock()
        function()
        env.flush_all()
        env.cr.precommit.run()  # what a commit would do first: tracking messages, for one
        samples.append((wall_clock() - start, env.cr.sql_log_count - queries))
    seconds = statistics.median(sample[0] for sample in samples)
    queries = samples[-1][1]
    ROWS.append({"operation": operation, "n": count, "seconds": seconds, "queries": queries, "peer": peer})
    print(f"  {operation:<48} {count:>8} {seconds:>9.3f} s {queries:>8} queries", flush=True)
    return seconds


# --- data ------------------------------------------------------------------------------
def base_data(env):
    """A team on a Mon-Fri calendar, customers, equipment in and out of warranty (found
    again when a cron case committed them earlier)."""
    team = env["aftersales.team"].search([("name", "=", "Bench Team")], limit=1)
    if team:
        customers = env["res.partner"].search([("aftersales_team_id", "=", team.id)], order="id")
        return {
            "team": team,
            "technician": env["res.users"].search([("login", "=", "bench_tech")]),
            "customers": customers,
            "equipment": env["aftersales.equipment"].search(
                [("partner_id", "in", customers.ids)], order="id"
            ),
        }
    calendar = env.ref("resource.resource_calendar_std")
    technician = env["res.users"].create(
        {
            "name": "Bench Technician",
            "login": "bench_tech",
            "group_ids": [(6, 0, [env.ref("aftersales_service.group_aftersales_technician").id])],
        }
    )
    supervisor = env["res.users"].create(
        {
            "name": "Bench Supervisor",
            "login": "bench_supervisor",
            "group_ids": [(6, 0, [env.ref("aftersales_service.group_aftersales_supervisor").id])],
        }
    )
    team = env["aftersales.team"].create(
        {
            "name": "Bench Team",
            "resource_calendar_id": calendar.id,
            "supervisor_id": supervisor.id,
            "member_ids": [(6, 0, [technician.id, supervisor.id])],
        }
    )
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {i}",
                "phone": f"+86 21 {i:07d}",
                "email": f"customer{i}@bench.example.com",
                "aftersales_team_id": team.id,
            }
            for i in range(50)
        ]
    )
    product = env["product.product"].create({"name": "Bench Copier", "aftersales_warranty_months": 12})
    equipment = env["aftersales.equipment"].create(
        [
            {
                "partner_id": customer.id,
                "product_id": product.id,
                "serial_number": f"BENCH-{i}",
                # half in warranty (free, category C), half out of it (paid, category A)
                "purchase_date": "2026-06-01" if i % 2 else "2020-01-01",
            }
            for i, customer in enumerate(customers)
        ]
    )
    return {"team": team, "technician": technician, "customers": customers, "equipment": equipment}


def request_vals(data, count, call_time=None):
    call_time = call_time or datetime(2026, 11, 16, 9, 0)
    equipment = data["equipment"]
    return [
        {
            "partner_id": equipment[i % len(equipment)].partner_id.id,
            "equipment_id": equipment[i % len(equipment)].id,
            "symptom": "Paper jam",
            "call_time": call_time + timedelta(seconds=i),
        }
        for i in range(count)
    ]


def insert_requests(env, data, count, state, call_time, **columns):
    """``count`` requests straight into the table (for the large cases)."""
    equipment = data["equipment"]
    defaults = {
        "state": state,
        "team_id": data["team"].id,
        "technician_id": data["technician"].id if state != "new" else None,
        "company_id": env.company.id,
        "priority": "1",
        "category": "C",
        "channel": "phone",
        "service_zone": "urban",
        "active": True,
        "sla_hours": 6.0,
        "request_type": "repair",
    }
    defaults.update(columns)
    names = ", ".join(defaults)
    placeholders = ", ".join(["%s"] * len(defaults))
    env.cr.execute(
        f"""
        INSERT INTO aftersales_request (name, partner_id, equipment_id, symptom, call_time,
                                        sla_deadline, sla_warning_time, {names})
        SELECT 'BENCH/' || g, (%s)[1 + g %% %s], (%s)[1 + g %% %s], 'Paper jam',
               %s + make_interval(mins => g %% 600),
               %s + make_interval(mins => g %% 600) + interval '6 hours',
               %s + make_interval(mins => g %% 600) + interval '5 hours',
               {placeholders}
          FROM generate_series(1, %s) g
        RETURNING id
        """,
        [
            equipment.partner_id.ids,
            len(equipment),
            equipment.ids,
            len(equipment),
            call_time,
            call_time,
            call_time,
            *defaults.values(),
            count,
        ],
    )
    return env["aftersales.request"].browse([row[0] for row in env.cr.fetchall()])


# --- cases -----------------------------------------------------------------------------
def bench_registration(registry, sizes):
    print("Registration, dispatch, close")
    for count in sizes:
        bench_registration_batch(registry, count)


def bench_registration_batch(registry, count):
    with environment(registry) as env:
        data = base_data(env)
        vals = request_vals(data, count)
        created = []
        measure(
            env,
            "register requests (SLA computed)",
            count,
            lambda: created.append(env["aftersales.request"].create(vals)),
        )
        location = env["fsm.location"].create({"name": "Bench Site", "owner_id": data["customers"][0].id})
        measure(
            env,
            "  peer: OCA fieldservice fsm.order create",
            count,
            lambda: env["fsm.order"].create([{"location_id": location.id} for _i in range(count)]),
            peer="register requests (SLA computed)",
        )
        measure(
            env,
            "  peer: Odoo repair.order create",
            count,
            lambda: env["repair.order"].create(
                [{"partner_id": data["customers"][i % 50].id} for i in range(count)]
            ),
            peer="register requests (SLA computed)",
        )
        requests = created[0].browse(created[0].ids)

        def dispatch():
            requests.technician_id = data["technician"]
            requests.action_verify()
            requests.action_dispatch()

        measure(env, "dispatch requests", count, dispatch)
        requests.action_arrive()
        requests.write({"work_done": "Fixed", "no_signature_reason": "Signed on paper"})
        measure(env, "close requests (half paid: sale orders)", count, requests.action_close)


def bench_board(registry, total):
    print(f"Dispatch board with {total} requests")
    with environment(registry) as env:
        data = base_data(env)
        insert_requests(env, data, total, "dispatched", datetime(2026, 11, 16, 8, 0))
        env.cr.execute("ANALYZE aftersales_request")
        Request = env["aftersales.request"]
        action = env.ref("aftersales_service.action_aftersales_request_dispatch")
        view = env.ref("aftersales_service.view_aftersales_request_kanban")
        spec = {
            name: {}
            for name in Request.get_views([(view.id, "kanban")])["models"]["aftersales.request"]["fields"]
        }
        domain = safe_eval(action.domain)
        for name in list(spec):
            if Request._fields[name].type in ("many2one", "one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
        # the web client's own call: first page, count capped at 10 001 (RelationalModel)
        board = Request.with_context(bin_size=True)

        def first_page():
            return board.web_search_read(domain, spec, order="sla_deadline", limit=80, count_limit=10001)

        first_page()  # warm caches, as a running server
        measure(env, "board first page (80 by SLA deadline)", 80, first_page, repeat=5)
        query = Request._search(domain, order="sla_deadline", limit=80)
        env.cr.execute(*("EXPLAIN " + query.select().code, query.select().params))
        plan = [row[0] for row in env.cr.fetchall()]
        print("    EXPLAIN:", " | ".join(line.strip() for line in plan[:4]))


def bench_reports(registry, entries):
    print(f"Daily report and dashboard with {entries} time entries")
    with environment(registry) as env:
        data = base_data(env)
        month_start = datetime(2026, 10, 1, 9, 0)
        requests = insert_requests(
            env, data, entries // 3, "done", month_start, close_time=datetime(2026, 10, 15)
        )
        env.cr.execute(
            """
            INSERT INTO aftersales_time_entry (request_id, user_id, date, hours, company_id)
            SELECT (%s)[1 + g %% %s], %s, DATE '2026-10-01' + (g %% 31), 0.5, %s
              FROM generate_series(1, %s) g
            """,
            [requests.ids, len(requests), data["technician"].id, env.company.id, entries],
        )
        env.invalidate_all()
        wizard = env["aftersales.daily.report.wizard"].create(
            {"report_type": "supervisor", "team_id": data["team"].id, "date": "2026-10-15"}
        )
        measure(env, "supervisor daily report (team-day of the month)", entries // 31, wizard.action_create)
        measure(
            env,
            "KPI dashboard (team x technician x month)",
            len(requests),
            lambda: env["aftersales.kpi"]._read_group(
                [], ["team_id", "technician_id", "date:month"], ["__count", "sla_compliance:avg", "hours:sum"]
            ),
            repeat=5,
        )


@contextmanager
def committed(registry, build):
    """Data a cron case runs over, committed before the cron runs and deleted after.
    A cron's rows come from earlier days: built in the measured transaction, PostgreSQL
    would re-check every foreign key of each row the cron updates, a cost no real run
    pays. The cron runs as the scheduler runs it: with tracking."""
    with environment(registry, keep=True) as env:
        data = base_data(env)
        build(env, data)
        env.cr.execute(
            "ANALYZE aftersales_request, aftersales_complaint, aftersales_contract, aftersales_contract_plan, "
            "aftersales_callback, aftersales_equipment"
        )
    try:
        with environment(registry) as env:
            yield env(context={})
    finally:
        with environment(registry, keep=True) as env:
            env.cr.execute(
                "DELETE FROM aftersales_callback WHERE request_id IN (SELECT id FROM aftersales_request WHERE name LIKE 'BENCH/%%')"
            )
            env.cr.execute("DELETE FROM aftersales_request WHERE name LIKE 'BENCH/%%'")
            env.cr.execute("DELETE FROM aftersales_equipment WHERE name LIKE 'BENCH-EQ-%%'")
            env.cr.execute("DELETE FROM aftersales_complaint WHERE name LIKE 'BENCH-KS-%%'")
            env.cr.execute("DELETE FROM aftersales_contract WHERE name LIKE 'BENCH-CT-%%'")


def insert_complaints(env, data, count):
    env.cr.execute(
        """
        INSERT INTO aftersales_complaint (name, partner_id, company_id, state, source, severity, escalation,
                                          description, team_id, accepted_on, investigation_due, closing_due)
        SELECT 'BENCH-KS-' || g, %s, %s, 'accepted', 'phone', 'general', 'none', '<p>x</p>', %s,
               TIMESTAMP '2026-11-10 09:00', TIMESTAMP '2026-11-13 09:00', TIMESTAMP '2026-11-16 09:00'
          FROM generate_series(1, %s) g
        """,
        [data["customers"][0].id, env.company.id, data["team"].id, count],
    )


def insert_contracts(env, data, count):
    """Open contracts ending within their notice window: all due for the expiry notice."""
    env.cr.execute(
        """
        INSERT INTO aftersales_contract (name, partner_id, company_id, user_id, state, billing_period, notice_date,
                                         date_start, date_end, notice_days, fee, expiry_notice_sent)
        SELECT 'BENCH-CT-' || g, (%s)[1 + g %% %s], %s, %s, 'active', 'yearly', DATE '2026-11-10',
               DATE '2025-12-10', DATE '2026-12-10', 30, 0, FALSE
          FROM generate_series(1, %s) g
        """,
        [data["customers"].ids, len(data["customers"]), env.company.id, data["technician"].id, count],
    )


def insert_plan_lines(env, data, count, contracts=1000):
    """CTR-5: ``contracts`` open quarterly contracts sharing ``count`` plan lines, all
    of them due within the horizon (a backlog after downtime)."""
    env.cr.execute(
        """
        INSERT INTO aftersales_contract (name, partner_id, company_id, user_id, state, billing_period, notice_date,
                                         date_start, date_end, notice_days, fee, expiry_notice_sent)
        SELECT 'BENCH-CT-' || g, (%s)[1 + g %% %s], %s, %s, 'active', 'quarterly', DATE '2026-12-01',
               DATE '2026-01-01', DATE '2026-12-31', 30, 0, FALSE
          FROM generate_series(1, %s) g
        RETURNING id
        """,
        [data["customers"].ids, len(data["customers"]), env.company.id, data["technician"].id, contracts],
    )
    contract_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        """
        INSERT INTO aftersales_contract_plan (contract_id, company_id, equipment_id, sequence, schedule_type,
                                              interval_months, visits_per_period, period, planned_hours,
                                              first_date, next_date)
        SELECT (%s)[1 + g %% %s], %s, (%s)[1 + g %% %s], 10, 'interval', 3, 1, 'year', 2.0,
               DATE '2026-02-21' + (g %% 7), DATE '2026-11-21' + (g %% 7)
          FROM generate_series(1, %s) g
        """,
        [
            contract_ids,
            len(contract_ids),
            env.company.id,
            data["equipment"].ids,
            len(data["equipment"]),
            count,
        ],
    )


def insert_callbacks(env, data, count):
    """Closed requests, each with a first callback whose customer was not reached."""
    requests = insert_requests(
        env, data, count, "done", datetime(2026, 11, 16, 9, 0), close_time=datetime(2026, 11, 16, 12, 0)
    )
    env.cr.execute(
        """
        INSERT INTO aftersales_callback (request_id, partner_id, team_id, company_id, user_id, kind, state,
                                         channel, result, attempt, due_date)
        SELECT request.id, request.partner_id, request.team_id, request.company_id, %s, 'first', 'todo',
               'phone', 'not_reached', 1, DATE '2026-11-19'
          FROM aftersales_request request WHERE request.id = ANY(%s)
        """,
        [data["technician"].id, requests.ids],
    )


def insert_equipment_due(env, data, count):
    """Machines without a contract, their maintenance due on a spread of days around
    the run (a tenth within the reminder week), none reminded yet."""
    product = data["equipment"][:1].product_id
    env.cr.execute(
        """
        INSERT INTO aftersales_equipment (name, partner_id, product_id, company_id, active, serial_number,
                                          purchase_date, next_maintenance_date, maintenance_reminder_due)
        SELECT 'BENCH-EQ-' || g, (%s)[1 + g %% %s], %s, %s, TRUE, 'BENCH-EQ-' || g,
               DATE '2026-06-01', DATE '2026-11-20' + (g %% 70), TRUE
          FROM generate_series(1, %s) g
        """,
        [data["customers"].ids, len(data["customers"]), product.id, env.company.id, count],
    )


def until_done(run):
    """The scheduler's view of a batched cron: it runs again while a run did work."""

    def runs():
        while run():
            pass

    return runs


def team_technicians(env, data, count, login):
    """``count`` more technicians in the bench team."""
    group = env.ref("aftersales_service.group_aftersales_technician")
    users = env["res.users"].create(
        [
            {"name": f"{login} {index}", "login": f"{login}_{index}", "group_ids": [(6, 0, group.ids)]}
            for index in range(count)
        ]
    )
    data["team"].member_ids = [(4, user.id) for user in users]
    return users


def bench_timeline(registry, total, technicians=80):
    """DSP-1: the dispatcher's timeline for one week, ``technicians`` rows, with
    ``total`` requests in the database spread over three years: what the web client
    loads (the bars of the action's window) and the rows' hours and leaves."""
    print(f"Dispatch timeline: {technicians} technicians x one week, {total} requests in the database")
    with environment(registry) as env:
        data = base_data(env)
        users = team_technicians(env, data, technicians, "bench_row")
        requests = insert_requests(env, data, total, "dispatched", datetime(2026, 11, 16, 8, 0))
        env.cr.execute(
            """
            UPDATE aftersales_request
               SET scheduled_start = TIMESTAMP '2026-11-16 08:00' + ((id %% 1000) - 500) * INTERVAL '1 day'
                                     + (id %% 8) * INTERVAL '1 hour',
                   scheduled_end = TIMESTAMP '2026-11-16 10:00' + ((id %% 1000) - 500) * INTERVAL '1 day'
                                   + (id %% 8) * INTERVAL '1 hour',
                   technician_id = (%s)[1 + id %% %s]
             WHERE id = ANY(%s)
            """,
            [users.ids, technicians, requests.ids],
        )
        env.cr.execute("ANALYZE aftersales_request")
        env.invalidate_all()
        view = env.ref("aftersales_service.view_aftersales_request_timeline")
        Request = env["aftersales.request"]
        fields_ = Request.get_views([(view.id, "timeline")])["models"]["aftersales.request"]["fields"]
        # what the timeline script asks for: the bars' technicians as ids, the rows bring the names
        specification = {
            name: {"fields": {"display_name": {}}} if Request._fields[name].type == "many2one" else {}
            for name in fields_
        }
        specification["technician_id"] = {}
        week = [
            ("state", "in", ("new", "dispatched", "in_progress")),
            ("scheduled_start", ">=", "2026-11-16"),
            ("scheduled_start", "<", "2026-11-23"),
        ]

        def load():
            bars = Request.web_search_read(week, specification, order="technician_id")["records"]
            env.invalidate_all()  # the rows are a second call, with a cache of its own
            technician_ids = list({bar["technician_id"] for bar in bars if bar["technician_id"]})
            Request.get_timeline_rows("2026-11-16 00:00:00", "2026-11-23 00:00:00", technician_ids)
            return bars

        print(f"    bars in the week: {len(load())}")
        measure(env, "timeline week (bars + rows' hours)", technicians, load, repeat=5)


def bench_dispatcher(registry, technicians=40, queue=500, ranked_among=80):
    """DSP-2: ranking the technicians for one request among ``ranked_among`` of them,
    and auto-assigning ``queue`` unassigned requests over ``technicians``, each with
    two days of appointments already booked."""
    print(f"Dispatcher: ranking among {ranked_among} technicians, auto-assign {queue} over {technicians}")
    with environment(registry) as env:
        data = base_data(env)
        users = team_technicians(env, data, ranked_among, "bench_dispatch")
        team = data["team"]
        team.sla_hours_urban = team.sla_hours_suburban = 40  # the queue fits within a week
        with freeze(datetime(2026, 11, 16, 8, 0)):
            start = datetime(2026, 11, 16, 8, 0)
            booked = insert_requests(env, data, ranked_among * 4, "dispatched", datetime(2026, 11, 16, 7, 0))
            for index, request in enumerate(booked):
                request.write(
                    {
                        "technician_id": users[index % ranked_among].id,
                        "scheduled_start": start + timedelta(hours=2 * (index // ranked_among)),
                    }
                )
            waiting = env["aftersales.request"].create(
                [
                    {
                        "partner_id": data["customers"][index % len(data["customers"])].id,
                        "symptom": "Bench queue",
                        "call_time": start,
                        "planned_hours": 1.0,
                    }
                    for index in range(queue)
                ]
            )
            env.flush_all()
            env.cr.execute("ANALYZE aftersales_request")
            one = waiting[0]
            one._rank_technicians()  # warm caches, as a running server
            measure(env, "rank technicians for one request", ranked_among, one._rank_technicians, repeat=5)
            team.member_ids = [(3, user.id) for user in users[technicians:]]
            env.invalidate_all()
            measure(env, "auto-assign the unassigned queue", queue, waiting._auto_assign)


def insert_labels_and_status_links(env, data, total):
    """``total`` equipment labels and ``total`` requests with status links, straight
    into the tables; returns the requests."""
    env.cr.execute(
        """
        INSERT INTO aftersales_equipment (name, partner_id, product_id, company_id, serial_number,
                                          active, label_token)
        SELECT 'Bench Copier', %s, %s, %s, 'BENCH-L-' || g, true, md5(g::text || random()::text)
          FROM generate_series(1, %s) g
        """,
        [data["customers"][0].id, data["equipment"][0].product_id.id, env.company.id, total],
    )
    requests = insert_requests(env, data, total, "dispatched", datetime(2026, 11, 16, 8, 0))
    env.cr.execute(
        "UPDATE aftersales_request SET status_token = md5(id::text || random()::text) WHERE id = ANY(%s)",
        [requests.ids],
    )
    env.cr.execute("ANALYZE aftersales_equipment; ANALYZE aftersales_request")
    return requests


def bench_scan(registry, total):
    """PRT-4/PRT-5: the page a scanned label opens and the request's status page, as
    the anonymous visitor gets them (values and template render), with one equipment
    among ``total`` labels and one request among ``total`` status links."""
    from odoo.addons.http_routing.tests.common import MockRequest  # noqa: PLC0415

    print(f"Scan and status pages among {total} labels and {total} requests")
    with environment(registry) as env:
        data = base_data(env)
        requests = insert_labels_and_status_links(env, data, total)
        label = data["equipment"][0].label_token
        status = requests[total // 2].status_token
        env["res.lang"]._activate_lang("zh_CN")  # the scanning phone asks for Chinese
        public = env(user=env.ref("base.public_user").id, context={"lang": "zh_CN"})

        def scan_page():
            with MockRequest(public):
                equipment = public["aftersales.equipment"]._find_by_label_token(label)
                values = dict(
                    equipment._get_scan_page_values(), token=label, post={}, errors={}, photos_hint=""
                )
                public["ir.qweb"]._render("aftersales_service.scan_page", values)

        def status_page():
            with MockRequest(public):
                service_request = public["aftersales.request"]._find_by_status_token(status)
                values = dict(
                    service_request._get_status_page_values(),
                    token=status,
                    submitted=False,
                    status_url="",
                    tz="Asia/Shanghai",
                )
                public["ir.qweb"]._render("aftersales_service.status_page", values)

        for page in (scan_page, status_page):
            page()  # warm caches, as a running server
        measure(env, "scan page (values + render)", 1, scan_page, repeat=5)
        measure(env, "status page (values + render)", 1, status_page, repeat=5)


def bench_crons(registry, count, wanted):
    """Every case puts all ``count`` records in the cron's way at once (the worst case:
    a backlog after downtime). Batched crons show one run and all runs until done."""
    print(f"Crons over {count} records")

    def requests_in(state, **columns):
        # the cases' rows: ``count`` requests called on Monday 16 November 09:00
        return lambda env, data: insert_requests(
            env, data, count, state, datetime(2026, 11, 16, 9, 0), **columns
        )

    if "carry-over" in wanted:
        with committed(registry, requests_in("new")) as env, freeze(datetime(2026, 11, 17, 23, 30)):
            Request = env["aftersales.request"]
            measure(env, "carry-over cron, one run", count, Request._cron_carry_over)
            measure(env, "carry-over cron, runs until done", count, until_done(Request._cron_carry_over))
            measure(env, "carry-over cron (re-run)", count, Request._cron_carry_over)

    if "escalation" in wanted:
        # midnight: 90 % of the requests breached, the other 10 % at risk
        with committed(registry, requests_in("dispatched")) as env, freeze(datetime(2026, 11, 17, 0, 0)):
            Request = env["aftersales.request"]
            measure(env, "SLA escalation cron, one run", count, Request._cron_escalate)
            measure(env, "SLA escalation cron, runs until done", count, until_done(Request._cron_escalate))
            measure(env, "SLA escalation cron (re-run)", count, Request._cron_escalate)

    if "survey" in wanted:
        done = requests_in("done", close_time=datetime(2026, 11, 16, 12, 0))
        with committed(registry, done) as env, freeze(datetime(2026, 11, 17, 9, 0)):
            Request = env["aftersales.request"]
            measure(env, "survey sending cron, one run", count, Request._cron_send_surveys)

    if "spot-check" in wanted:
        # RPR-8: all the requests closed yesterday by one technician; 10 % drawn
        done = requests_in("done", close_time=datetime(2026, 11, 16, 12, 0))
        with committed(registry, done) as env, freeze(datetime(2026, 11, 17, 9, 0)):
            SpotCheck = env["aftersales.spot.check"]
            measure(env, "spot check draw cron, one run", count, SpotCheck._cron_draw_spot_checks)
            measure(env, "spot check draw cron (re-run)", count, SpotCheck._cron_draw_spot_checks)

    if "contract" in wanted:
        with (
            committed(registry, lambda env, data: insert_contracts(env, data, count)) as env,
            freeze(datetime(2026, 11, 23, 6, 0)),
        ):
            Contract = env["aftersales.contract"]
            measure(env, "contract expiry cron, one run", count, Contract._cron_update_states)

    if "plan" in wanted:
        with (
            committed(registry, lambda env, data: insert_plan_lines(env, data, count)) as env,
            freeze(datetime(2026, 11, 16, 22, 0)),
        ):
            Plan = env["aftersales.contract.plan"]
            measure(env, "maintenance plan generation, one run", count, Plan._cron_plan_visits)

    if "callback" in wanted:
        with (
            committed(registry, lambda env, data: insert_callbacks(env, data, count)) as env,
            freeze(datetime(2026, 11, 19, 10, 0)),
        ):
            callbacks = env["aftersales.callback"].search([("request_id.name", "=like", "BENCH/%")])
            measure(
                env, "callback retries (not reached: next-day retry)", count, callbacks.action_record_outcome
            )

    if "reminders" in wanted:
        with (
            committed(registry, lambda env, data: insert_equipment_due(env, data, count)) as env,
            freeze(datetime(2026, 11, 23, 6, 0)),
        ):
            Equipment = env["aftersales.equipment"]
            measure(env, "maintenance reminders, one run", count, Equipment._cron_send_maintenance_reminders)

    if "complaint" in wanted:
        with (
            committed(registry, lambda env, data: insert_complaints(env, data, count)) as env,
            freeze(datetime(2026, 11, 17, 9, 0)),
        ):
            Complaint = env["aftersales.complaint"]
            measure(env, "complaint clocks cron, one run", count, Complaint._cron_escalate)
            measure(
                env, "complaint clocks cron, runs until done", count, until_done(Complaint._cron_escalate)
            )
            measure(env, "complaint clocks cron (re-run)", count, Complaint._cron_escalate)


def print_table():
    by_operation = {(row["operation"].strip(), row["n"]): row for row in ROWS}
    print()
    header = f"{'operation':<50} {'N':>8} {'seconds':>9} {'ms/record':>10} {'queries':>8} {'q/record':>9} {'vs peer':>8}"
    print(header)
    print("-" * len(header))
    for row in ROWS:
        per_ms = 1000 * row["seconds"] / row["n"]
        ratio = ""
        if row["peer"]:
            own = by_operation.get((row["peer"], row["n"]))
            if own:
                ratio = f"{own['seconds'] / row['seconds']:.2f}x"
        print(
            f"{row['operation']:<50} {row['n']:>8} {row['seconds']:>9.3f} {per_ms:>10.3f} "
            f"{row['queries']:>8} {row['queries'] / row['n']:>9.3f} {ratio:>8}"
        )
    print("vs peer: our time / the peer's time for the same N (below 1 = faster than the peer).")


def main():
    args = parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.tools.config["workers"] = 0
    registry = Registry(args.database)
    sections = args.only.split(",")
    runs = {
        "registration": lambda: bench_registration(registry, [int(size) for size in args.sizes.split(",")]),
        "board": lambda: bench_board(registry, args.board),
        "reports": lambda: bench_reports(registry, args.entries),
        "timeline": lambda: bench_timeline(registry, args.board),
        "dispatcher": lambda: bench_dispatcher(registry),
        "scan": lambda: bench_scan(registry, args.board),
        "crons": lambda: bench_crons(registry, args.big, args.crons.split(",")),
    }
    for section, run in runs.items():
        if section in sections:
            vacuum(registry)
            run()
    print_table()


if __name__ == "__main__":
    main()
