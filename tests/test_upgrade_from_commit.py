"""A database that used an earlier version of the add-ons: installed from a fixed earlier
commit of main with demo data, given records in every state through that version's own
actions, then upgraded to this checkout with ``-u``. Every record of the modules' tables
(and every column they add to other models' tables) is intact, the migration scripts
moved what changed meaning, and the three modules then uninstall cleanly."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from pathlib import Path

from odoo import sql_db
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

# main just before repair estimates, parts purchases, spot checks, complaint paperwork and
# emergencies came in: the upgrade meets every model, field and dependency
# (purchase_stock) they add, on data the older version wrote
OLD_COMMIT = "2aaa179f06d9f76e604a7c50fc26e14fe26c764a"
MODULES = ("aftersales_service", "aftersales_survey", "aftersales_complaint")
REPOSITORY = Path(get_module_path("aftersales_service")).parent
SCRIPTS = Path(__file__).parent / "upgrade_from_commit"
DB = os.environ.get("AFTERSALES_UPGRADE_DB", "aftersales_upgrade_test")
INSTALL_TIMEOUT = 600
STEP_TIMEOUT = 300
# columns any write refreshes: the upgrade's recomputations may touch them
VOLATILE_COLUMNS = {"write_date", "write_uid"}
# the request steps the issue names, and what the old version could also reach
REQUIRED_STEPS = (
    "request_new",
    "request_dispatched",
    "request_in_progress",
    "request_done",
    "request_cancel",
    "request_in_repair",
    "repair_missing_part",
    "survey_sent",
    "callbacks",
    "complaint_new",
    "complaint_accepted",
    "complaint_investigated",
    "complaint_cancel",
    "contract_draft",
    "contract_cancel",
    "travel_draft",
    "travel_approved",
    "travel_refused",
    "daily_report_submitted",
)


def git(*args):
    if not shutil.which("git"):
        raise AssertionError("git is needed to check out the earlier commit the upgrade starts from")
    return subprocess.run(
        ["git", "-C", str(REPOSITORY), *args], capture_output=True, text=True, timeout=120, check=False
    )


def oca_addons_path():
    """The folder holding OCA's web_timeline, as the running configuration has it."""
    for path in config["addons_path"]:
        if Path(path, "web_timeline", "__manifest__.py").is_file():
            return str(path)
    raise AssertionError(f"web_timeline is on none of {config['addons_path']}")


def run_odoo(args, log, timeout=STEP_TIMEOUT, stdin=None):
    """Runs ``python3 -m odoo <args>``; fails with the end of its log when it fails."""
    with open(log, "w") as out:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "odoo", *args],
                stdin=stdin,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
            failure = result.returncode and f"exit code {result.returncode}"
        except subprocess.TimeoutExpired:
            failure = f"no end after {timeout} s"
    text = Path(log).read_text(errors="replace")
    if failure:
        raise AssertionError(f"odoo {' '.join(args[:6])}: {failure}\n{tail(text)}")
    return text


def tail(text, lines=80):
    return "\n".join(text.splitlines()[-lines:])


def error_lines(text, records_in_use=False):
    """The log's errors. With ``records_in_use``, not the failed deletions of an uninstall:
    Odoo tries to delete each record of the module's data and keeps, after logging the
    refused query, those that other records still point to (a product sold, a partner
    invoiced)."""
    lines = text.splitlines()
    errors = []
    for index, line in enumerate(lines):
        if " ERROR " not in line and " CRITICAL " not in line:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if records_in_use and "odoo.sql_db: bad query: b'DELETE FROM" in line and "foreign key" in following:
            continue
        errors.append(line)
    return errors


def query(db, sql, params=()):
    with closing(sql_db.db_connect(db).cursor()) as cr:
        cr.execute(sql, params)
        return cr.fetchall()


def drop_database(db):
    sql_db.close_db(db)
    with closing(sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def owned_columns(db):
    """{(model, table): [(column, type, relation table, column1, column2)]}: every stored
    field of the modules' models, and the modules' fields on other models' tables; SQL
    views and wizards left out."""
    rows = query(
        db,
        """
        SELECT m.model, f.name, f.ttype, f.relation_table, f.column1, f.column2, t.table_name
          FROM ir_model_fields f
          JOIN ir_model m ON m.id = f.model_id
          JOIN information_schema.tables t
            ON t.table_name = replace(m.model, '.', '_') AND t.table_type = 'BASE TABLE'
         WHERE f.store AND NOT m.transient AND f.ttype != 'one2many'
           AND (f.id IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.model.fields' AND module = ANY(%s))
                OR m.model LIKE 'aftersales.%%')
        """,
        (list(MODULES),),
    )
    columns = {}
    for model, name, ttype, relation, column1, column2, table in rows:
        if name not in VOLATILE_COLUMNS and name != "id":
            columns.setdefault((model, table), []).append((name, ttype, relation, column1, column2))
    return columns


def fingerprint(db):
    """Every value of the modules' stored fields: {"model.field": {id: value}}, many2many
    fields as sorted id lists."""
    prints = {}
    existing = set(query(db, "SELECT table_name, column_name FROM information_schema.columns"))
    for (model, table), fields in owned_columns(db).items():
        plain = [f for f in fields if f[1] != "many2many" and (table, f[0]) in existing]
        if plain:
            names = ", ".join(f'"{f[0]}"' for f in plain)
            rows = query(db, f'SELECT id, {names} FROM "{table}" ORDER BY id')
            for index, field in enumerate(plain, start=1):
                prints[f"{model}.{field[0]}"] = {row[0]: json_value(row[index]) for row in rows}
        for name, _ttype, relation, column1, column2 in fields:
            if relation and name not in prints:
                links = {}
                for left, right in query(
                    db, f'SELECT "{column1}", "{column2}" FROM "{relation}" ORDER BY 1, 2'
                ):
                    links.setdefault(left, []).append(right)
                prints[f"{model}.{name}"] = links
    return prints


def json_value(value):
    return value if value is None or isinstance(value, (bool, int, str, dict, list)) else str(value)


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestUpgradeFromCommit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = Path(tempfile.mkdtemp(prefix="aftersales_upgrade_"))
        cls.addClassCleanup(shutil.rmtree, cls.work, ignore_errors=True)
        cls.old = cls.work / "old"
        checkout = git("worktree", "add", "--detach", str(cls.old), OLD_COMMIT)
        if checkout.returncode:
            raise AssertionError(
                f"cannot check out {OLD_COMMIT} (a clone with main's full history is needed):\n{checkout.stderr}"
            )
        cls.addClassCleanup(git, "worktree", "prune")
        cls.addClassCleanup(git, "worktree", "remove", "--force", str(cls.old))
        drop_database(DB)
        cls.addClassCleanup(drop_database, DB)
        cls.old_conf = cls.write_config("old.conf", cls.old)
        cls.new_conf = cls.write_config("new.conf", REPOSITORY)

        modules = ",".join(MODULES)
        log = run_odoo(
            ["-c", cls.old_conf, "-d", DB, "-i", modules, "--with-demo", "--stop-after-init", "--no-http"],
            cls.work / "install.log",
            timeout=INSTALL_TIMEOUT,
        )
        cls.install_errors = error_lines(log)
        _log, cls.populated = cls.shell(cls.old_conf, "populate.py", "POPULATE-OK")
        cls.before = fingerprint(DB)
        cls.old_models = [model for (model, _table) in owned_columns(DB) if model.startswith("aftersales.")]

        log = run_odoo(
            ["-c", cls.new_conf, "-d", DB, "-u", modules, "--stop-after-init", "--no-http"],
            cls.work / "upgrade.log",
        )
        cls.upgrade_log = log
        cls.after = fingerprint(DB)
        # read now: the uninstall test removes the tables
        cls.activity_types = query(
            DB,
            """SELECT a.id, d.module || '.' || d.name FROM mail_activity a
                 JOIN ir_model_data d ON d.model = 'mail.activity.type' AND d.res_id = a.activity_type_id
                WHERE a.id = ANY(%s)""",
            (cls.populated["missing_part_activities"],),
        )
        cls.complaint_flags = query(DB, "SELECT severity, is_emergency FROM aftersales_complaint")

    @classmethod
    def write_config(cls, name, addons):
        path = cls.work / name
        path.write_text(
            "[options]\n"
            f"addons_path = {addons},{oca_addons_path()}\n"
            f"data_dir = {cls.work / 'data'}\n"
            + "".join(
                f"{key} = {config[key]}\n"
                for key in ("db_host", "db_port", "db_user", "db_password")
                if config[key]
            )
            + "admin_passwd = admin\nlist_db = False\nlog_level = warn\n"
        )
        return str(path)

    @classmethod
    def shell(cls, conf, script, marker):
        """Runs one of the scripts in ``odoo shell``; returns its log and the JSON it
        wrote, if any."""
        out = cls.work / f"{script}.json"
        os.environ["AFTERSALES_UPGRADE_OUT"] = str(out)
        with open(SCRIPTS / script) as stdin:
            log = run_odoo(
                ["shell", "-c", conf, "-d", DB, "--no-http"], cls.work / f"{script}.log", stdin=stdin
            )
        if marker not in log:
            raise AssertionError(f"{script} did not finish:\n{tail(log)}")
        return log, json.loads(out.read_text()) if out.exists() else None

    def test_old_version_has_records_in_every_state(self):
        failed = {name: error for name, error in self.populated["steps"].items() if error != "ok"}
        self.assertFalse(failed, "the earlier version refused to create records")
        self.assertEqual(set(REQUIRED_STEPS) - set(self.populated["steps"]), set())
        states = self.populated["states"]
        self.assertLessEqual(
            {"new", "dispatched", "in_progress", "in_repair", "done", "cancel"},
            set(states["aftersales.request"]),
        )
        self.assertLessEqual(
            {"new", "accepted", "investigated", "closed", "cancel"}, set(states["aftersales.complaint"])
        )
        self.assertLessEqual({"todo", "done", "confirmed", "cancel"}, set(states["aftersales.callback"]))
        self.assertLessEqual({"draft", "active", "expiring", "cancel"}, set(states["aftersales.contract"]))
        self.assertLessEqual(
            {"draft", "submitted", "approved", "refused"}, set(states["aftersales.travel.application"])
        )
        self.assertFalse(self.install_errors, "the earlier version installed with errors")

    def test_upgrade_logs_no_error(self):
        self.assertFalse(error_lines(self.upgrade_log), tail(self.upgrade_log))

    def test_every_record_is_intact(self):
        """Same records (ids), same values, in every column the older version had."""
        self.assertGreater(len(self.before["aftersales.request.state"]), 15)
        missing = sorted(set(self.before) - set(self.after))
        self.assertFalse(missing, "fields of the older version lost in the upgrade")
        changed = {}
        for key, values in self.before.items():
            new_values = {str(k): v for k, v in self.after[key].items()}
            old_values = {str(k): v for k, v in json.loads(json.dumps(values)).items()}
            diff = {
                record_id: (value, new_values.get(record_id, "<gone>"))
                for record_id, value in old_values.items()
                if json.loads(json.dumps(new_values.get(record_id, "<gone>"))) != value
            }
            if diff:
                changed[key] = dict(list(diff.items())[:5])
        self.assertFalse(changed, "values changed by the upgrade (id: before, after)")

    def test_parts_to_purchase_todos_get_their_activity_type(self):
        """RPR-9: the older version's 'Parts to purchase' to-dos become activities of the
        new type, so that receiving the parts marks them done."""
        activities = self.populated["missing_part_activities"]
        self.assertTrue(activities)
        rows = self.activity_types
        self.assertEqual(
            {type_xmlid for _id, type_xmlid in rows}, {"aftersales_service.mail_activity_type_parts_purchase"}
        )
        self.assertEqual(len(rows), len(activities))

    def test_serious_complaints_become_emergencies(self):
        """CMP-12: the new stored flag is filled for the older complaints."""
        rows = self.complaint_flags
        self.assertTrue(rows)
        self.assertEqual([row for row in rows if (row[0] == "serious") != bool(row[1])], [])

    def test_modules_uninstall_cleanly(self):
        """On the database that used them: no error, nothing of theirs left (records,
        models, tables, columns on other tables, menus, actions, rules, crons), and Odoo
        still starts: the menus and the extended models' views load, the login page answers."""
        columns = owned_columns(DB)
        models = sorted({model for (model, _table) in columns if model.startswith("aftersales.")})
        self.assertLessEqual(set(self.old_models), set(models))
        tables = {table for (model, table) in columns if model in models}
        added = {
            (table, name)
            for (model, table), fields in columns.items()
            if model not in models
            for name, ttype, *_rest in fields
            if ttype != "many2many"
        }
        self.assertIn(("repair_order", "aftersales_request_id"), added)
        log, _data = self.shell(self.new_conf, "uninstall.py", "UNINSTALL-OK")
        self.assertFalse(error_lines(log, records_in_use=True), tail(log))
        self.assertEqual(
            query(
                DB,
                "SELECT name, state FROM ir_module_module WHERE name = ANY(%s) AND state != 'uninstalled'",
                (list(MODULES),),
            ),
            [],
        )
        leftovers = {
            "ir.model.data": self.dangling_xmlids(models),
            "ir.model": query(DB, "SELECT model FROM ir_model WHERE model = ANY(%s)", (models,)),
            "tables": query(
                DB,
                "SELECT table_name FROM information_schema.tables WHERE table_name = ANY(%s)",
                (sorted(tables),),
            ),
            "columns": [
                row
                for row in query(DB, "SELECT table_name, column_name FROM information_schema.columns")
                if tuple(row) in added
            ],
            "actions": query(
                DB, "SELECT id, res_model FROM ir_act_window WHERE res_model = ANY(%s)", (models,)
            ),
            "server actions": query(
                DB,
                """SELECT a.id, a.name->>'en_US' FROM ir_act_server a JOIN ir_model m ON m.id = a.model_id
                    WHERE m.model LIKE 'aftersales%%' OR a.code LIKE '%%aftersales%%'""",
            ),
            "rules": query(DB, "SELECT id, name FROM ir_rule WHERE domain_force LIKE '%%aftersales%%'"),
            "menus without their action": query(
                DB,
                """SELECT id, name->>'en_US' FROM ir_ui_menu
                    WHERE action LIKE 'ir.actions.act_window,%%'
                      AND split_part(action, ',', 2)::int NOT IN (SELECT id FROM ir_act_window)""",
            ),
            "crons": query(DB, "SELECT id, cron_name FROM ir_cron WHERE cron_name ILIKE '%%after-sales%%'"),
            "mail templates": query(
                DB, "SELECT id, model FROM mail_template WHERE model LIKE 'aftersales%%'"
            ),
            "sequences": query(DB, "SELECT id, code FROM ir_sequence WHERE code LIKE 'aftersales%%'"),
            "reports": query(
                DB, "SELECT id, report_name FROM ir_act_report_xml WHERE model LIKE 'aftersales%%'"
            ),
            "activities, messages, attachments": [
                row
                for table in ("mail_activity", "mail_message", "ir_attachment")
                for row in query(
                    DB,
                    f"SELECT '{table}', count(*) FROM {table} WHERE {'model' if table == 'mail_message' else 'res_model'}"
                    " LIKE 'aftersales%%' HAVING count(*) > 0",
                )
            ],
            "views": query(
                DB, "SELECT id, name FROM ir_ui_view WHERE arch_db::text LIKE '%%aftersales%%' LIMIT 10"
            ),
        }
        self.maxDiff = None
        self.assertEqual({kind: rows for kind, rows in leftovers.items() if rows}, {})
        _log, checked = self.shell(self.new_conf, "after_uninstall.py", "AFTER-UNINSTALL-OK")
        self.assertEqual(checked["problems"], [])
        self.assertIn("oe_login_form", self.login_page())

    def dangling_xmlids(self, models):
        """External ids of the modules still there after the uninstall, other than those
        of records Odoo kept because other apps' documents still use them (a stock move's
        product, an invoice's partner: it logs the refused deletion and keeps the record
        with its external id, which a new install of the modules finds again)."""
        dangling = []
        for module, model, name, res_id in query(
            DB,
            "SELECT module, model, name, res_id FROM ir_model_data WHERE module = ANY(%s)",
            (list(MODULES),),
        ):
            table = model.replace(".", "_")
            kept = (
                model not in models
                and query(DB, "SELECT to_regclass(%s) IS NOT NULL", (table,))[0][0]
                and query(DB, f'SELECT 1 FROM "{table}" WHERE id = %s', (res_id,))
            )
            if not kept:
                dangling.append(f"{module}.{name} ({model}, {res_id})")
        return dangling[:10]

    def login_page(self):
        port = free_port()
        log = open(self.work / "serve.log", "w")  # noqa: SIM115 (the server writes to it until stopped)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "odoo",
                "-c",
                self.new_conf,
                "-d",
                DB,
                f"--db-filter=^{DB}$",
                f"--http-port={port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=30) as response:
                        return response.read().decode()
                except OSError:
                    if server.poll() is not None:
                        break
                    time.sleep(1)
            raise AssertionError(f"no login page:\n{tail((self.work / 'serve.log').read_text())}")
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
