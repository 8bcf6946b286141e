"""Production layout: the product's read-only pages and web-client reads are declared
so, the way Odoo 19 sends them to a PostgreSQL read replica (``db_replica_host``): the
routes with ``readonly=True``, the model methods the web client calls with
``@api.readonly``. Every declared page is requested on the test server, whose cursor
is read-only for such routes (``SET TRANSACTION READ ONLY``): a page that wrote would
fail there and be retried on a read/write cursor with a warning, so each page must
render on the read-only cursor and log no retry. The routes that write stay read/write."""

import logging
import threading
from contextlib import contextmanager
from unittest.mock import patch

from odoo.addons.aftersales_service.tests.test_portal import PortalCase
from odoo.http import request
from odoo.tests import tagged

RETRY_WARNING = "retrying with a read/write cursor"

# (route, HTTP method) -> read-only
READONLY_ROUTES = [
    ("/aftersales/scan/<string:token>", "GET"),
    ("/aftersales/status/<string:token>", "GET"),
    ("/aftersales/status/<string:token>/slots", "GET"),
    ("/aftersales/status/<string:token>/voucher", "GET"),
    ("/aftersales/appointment/<int:request_id>/<string:token>", "GET"),
    ("/my/requests/new", "GET"),
    ("/my/requests/<int:request_id>/voucher", None),
    ("/my/complaints/new", "GET"),
    ("/my/complaints/<int:complaint_id>/certificate", None),
]
# what writes: submissions, signatures, slot picks, appointment answers; the request
# page hands out access tokens for its files; the lists keep the browsing history
# (prev / next on the record pages) in the session
READ_WRITE_ROUTES = [
    ("/aftersales/scan/<string:token>", "POST"),
    ("/aftersales/status/<string:token>/slots", "POST"),
    ("/aftersales/appointment/<int:request_id>/<string:token>/confirm", "POST"),
    ("/aftersales/appointment/<int:request_id>/<string:token>/change", "POST"),
    ("/my/requests/submit", "POST"),
    ("/my/requests/<int:request_id>", None),
    # links to other records (the machine's contract and requests, the contract's
    # machines, the complaint's own certificate) give them an access token first
    ("/my/equipment/<int:equipment_id>", None),
    ("/my/contracts/<int:contract_id>", None),
    ("/my/complaints/<int:complaint_id>", None),
    ("/my/requests/<int:request_id>/sign", None),
    ("/my/requests", None),
    ("/my/equipment", None),
    ("/my/contracts", None),
    ("/my/complaints", None),
    ("/my/complaints/submit", "POST"),
    ("/my/complaints/<int:complaint_id>/sign", None),
    ("/my/orders/<int:order_id>/old_parts", None),
    ("/my/surveys", None),
]
# model methods the web client calls (call_kw / call_button) only to read
READONLY_METHODS = {
    "aftersales.request": [
        "get_timeline_rows",
        "web_read_group",
        "action_print_voucher",
        "action_view_reschedules",
        "action_view_sale_order",
        "action_view_repairs",
        "action_view_survey",
        "action_view_callbacks",
        "action_view_complaints",
        "action_view_emergency_log",
    ],
    "aftersales.equipment": ["action_view_requests"],
    "aftersales.contract": ["action_view_invoices", "action_view_maintenance_requests"],
    "aftersales.team": ["action_view_van_stock", "action_view_open_requests"],
    "aftersales.daily.report": ["action_print"],
    "aftersales.callback": ["action_view_request"],
    "aftersales.complaint": ["action_view_credit_note", "action_view_picking"],
    "aftersales.evaluation.report.wizard": ["action_print"],
    "repair.order": ["action_print_pickup_receipt", "action_print_repair_card"],
}
# and those that write (a wizard record, an assignment)
READ_WRITE_METHODS = {
    "aftersales.request": ["action_suggest_technicians", "action_assign_best", "action_dispatch"],
}


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls.requests["a"]
        cls.visit.sudo().status_token = "status-token-readonly-0001"
        cls.complaint, cls.complaints_of_b = cls.env["aftersales.complaint"].create(
            [
                {"partner_id": cls.companies[key].id, "description": "<p>Cover broken</p>"}
                for key in ("a", "b")
            ]
        )
        cls.appointment = cls.env["aftersales.request"].create(
            {
                "partner_id": cls.companies["a"].id,
                "equipment_id": cls.equipment["a"].id,
                "symptom": "Streaks",
                "technician_id": cls.visit.technician_id.id,
                "call_time": "2026-11-16 09:00:00",
            }
        )
        cls.appointment.action_verify()
        cls.appointment.action_dispatch()
        cls.appointment.sudo().confirmation_token = "confirm-token-readonly-0001"

    def _routing(self):
        """``{(route, method): readonly}`` as the server dispatches it."""
        routing = {}
        # the map is built for the database of the current thread, as a request would
        with patch.object(threading.current_thread(), "dbname", self.env.cr.dbname, create=True):
            rules = list(self.env["ir.http"].routing_map().iter_rules())
        for rule in rules:
            readonly = rule.endpoint.routing["readonly"]
            methods = rule.endpoint.routing.get("methods") or [None]
            for method in methods:
                routing[rule.rule, method] = readonly
        return routing

    @contextmanager
    def _served(self):
        """Collects whether each template was rendered on a read-only cursor, and the
        server's warnings (a read-only route that wrote is retried with one)."""
        qweb = type(self.env["ir.qweb"])
        original = qweb._render
        cursors = []

        def _render(this, template, values=None, **options):
            if request:  # a page of the server, not a mail rendered by the test itself
                cursors.append((template, this.env.cr.readonly))
            return original(this, template, values, **options)

        collect = _Collect()
        logger = logging.getLogger("odoo.http")
        logger.addHandler(collect)
        try:
            with patch.object(qweb, "_render", _render):
                yield cursors, collect.messages
        finally:
            logger.removeHandler(collect)

    def assertServedReadonly(self, url, status=200):
        with self._served() as (cursors, warnings):
            response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        self.assertFalse([w for w in warnings if RETRY_WARNING in w], f"{url} wrote on a read-only cursor")
        if status == 200:
            self.assertTrue(cursors, url)
            self.assertTrue(all(readonly for _template, readonly in cursors), f"{url}: {cursors}")

    def test_declared_routes(self):
        routing = self._routing()
        for route in READONLY_ROUTES:
            with self.subTest(route=route):
                self.assertIs(routing[route], True)
        for route in READ_WRITE_ROUTES:
            with self.subTest(route=route):
                self.assertIs(routing[route], False)

    def test_declared_methods(self):
        """As /web/dataset/call_kw decides: the first ``_readonly`` in the MRO."""

        def readonly(model, name):
            for cls in type(self.env[model]).mro():
                method = getattr(cls, name, None)
                if method is not None and hasattr(method, "_readonly"):
                    return method._readonly
            return False

        for model, names in READONLY_METHODS.items():
            for name in names:
                with self.subTest(method=f"{model}.{name}"):
                    self.assertTrue(readonly(model, name))
        for model, names in READ_WRITE_METHODS.items():
            for name in names:
                with self.subTest(method=f"{model}.{name}"):
                    self.assertFalse(readonly(model, name))

    def test_public_pages_render_on_the_readonly_cursor(self):
        label = self.equipment["a"].sudo().label_token
        self.assertServedReadonly(f"/aftersales/scan/{label}")
        self.assertServedReadonly("/aftersales/status/status-token-readonly-0001")
        self.assertServedReadonly("/aftersales/status/status-token-readonly-0001/slots")
        self.assertServedReadonly(
            f"/aftersales/appointment/{self.appointment.id}/confirm-token-readonly-0001"
        )
        # the voucher of an open visit is not served, a wrong token neither
        self.assertServedReadonly("/aftersales/status/status-token-readonly-0001/voucher", status=404)
        self.assertServedReadonly("/aftersales/scan/not-a-label", status=404)

    def test_portal_pages_render_on_the_readonly_cursor(self):
        self.authenticate("prt_a", "prt_a")
        self.assertServedReadonly("/my/requests/new")
        self.assertServedReadonly(f"/my/requests/{self.visit.id}/voucher")
        self.assertServedReadonly("/my/complaints/new")
        # no discount certificate to sign yet; another company's is not found
        self.assertServedReadonly(f"/my/complaints/{self.complaint.id}/certificate", status=404)
        self.assertServedReadonly(f"/my/complaints/{self.complaints_of_b.id}/certificate", status=404)

    def test_a_write_on_a_readonly_route_is_caught(self):
        """The test server's read-only cursor refuses writes: what the checks above
        rely on. A page that wrote is retried on a read/write cursor, with a warning."""
        Request = type(self.env["aftersales.request"])
        original = Request._get_status_page_values

        def _writing(this):
            this.sudo().write({"symptom": "written while reading"})
            return original(this)

        with (
            self._served() as (_cursors, warnings),
            patch.object(Request, "_get_status_page_values", _writing),
        ):
            response = self.url_open("/aftersales/status/status-token-readonly-0001")
        self.assertEqual(response.status_code, 200)
        self.assertTrue([w for w in warnings if RETRY_WARNING in w])

    def test_web_client_reads_run_on_the_readonly_cursor(self):
        self.authenticate("admin", "admin")
        Request = type(self.env["aftersales.request"])
        original = Request._technicians_of
        cursors = []

        def _technicians_of(this, *args, **kwargs):
            cursors.append(this.env.cr.readonly)
            return original(this, *args, **kwargs)

        with (
            self._served() as (_cursors, warnings),
            patch.object(Request, "_technicians_of", _technicians_of),
        ):
            rows = self.make_jsonrpc_request(
                "/web/dataset/call_kw/aftersales.request/get_timeline_rows",
                {
                    "model": "aftersales.request",
                    "method": "get_timeline_rows",
                    "args": ["2026-11-16 00:00:00", "2026-11-17 00:00:00"],
                    "kwargs": {},
                },
            )
            action = self.make_jsonrpc_request(
                "/web/dataset/call_button/aftersales.equipment/action_view_requests",
                {
                    "model": "aftersales.equipment",
                    "method": "action_view_requests",
                    "args": [self.equipment["a"].ids],
                    "kwargs": {},
                },
            )
        self.assertIn("technicians", rows)
        self.assertEqual(action["res_model"], "aftersales.request")
        self.assertEqual(cursors, [True])
        self.assertFalse([w for w in warnings if RETRY_WARNING in w])
