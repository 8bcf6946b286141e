"""The add-ons keep Odoo's module layout, so that a reader finds things where Odoo keeps
them: one menu file per module, SQL-view report models and their views in ``report/``,
each wizard's views in its own file next to it, every module declaring the KPI columns
it adds, window actions from Odoo's helpers, and comments that give reasons (no
timings, no issue numbers: those belong to the history, not to the code)."""

import ast
import inspect
import re
from pathlib import Path

from lxml import etree

from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged

MODULES = ("aftersales_service", "aftersales_survey", "aftersales_complaint")
REPOSITORY = Path(get_module_path("aftersales_service")).parent


def data_files(module):
    manifest = get_manifest(module)
    root = Path(get_module_path(module))
    return [root / name for name in manifest["data"] if name.endswith(".xml")]


def python_files(module):
    return sorted(Path(get_module_path(module)).rglob("*.py"))


@tagged("post_install", "-at_install")
class TestModuleLayout(TransactionCase):
    def test_each_module_has_one_menu_file(self):
        """Every menu of a module is in its ``views/<module>_menus.xml``."""
        for module in MODULES:
            menu_file = Path(get_module_path(module)) / "views" / f"{module}_menus.xml"
            for path in data_files(module):
                tree = etree.parse(str(path))
                menus = tree.xpath("//menuitem | //record[@model='ir.ui.menu']")
                if path != menu_file:
                    self.assertFalse(menus, f"menus outside {menu_file.name}: {path}")
            self.assertIn(menu_file, data_files(module))

    def test_sql_view_models_live_in_report(self):
        """Models read from a SQL view (``_auto = False``), and the extensions other
        modules make of them, are defined in the module's ``report/`` folder."""
        for model_name in self.env.registry:
            model = self.env[model_name]
            if model._auto or model._abstract:
                continue
            for cls in type(model).__mro__:
                if not any(cls.__module__.startswith(f"odoo.addons.{module}.") for module in MODULES):
                    continue
                path = Path(inspect.getfile(cls))
                self.assertEqual(path.parent.name, "report", f"{model_name}: {path}")

    def test_wizard_views_are_next_to_their_wizard(self):
        """A wizard's views are in ``wizard/<wizard>_views.xml``, not in another file."""
        for module in MODULES:
            for path in data_files(module):
                for record in etree.parse(str(path)).xpath("//record[@model='ir.ui.view']"):
                    model_name = record.xpath("string(field[@name='model'])")
                    if model_name not in self.env or not self.env[model_name]._transient:
                        continue
                    expected = f"{model_name.replace('.', '_')}_views.xml"
                    self.assertEqual((path.parent.name, path.name), ("wizard", expected), record.get("id"))

    def test_each_module_declares_its_own_kpi_columns(self):
        """The complaint rate is the complaint module's column of the KPI dashboard;
        the service module neither declares it nor names the modules built on it."""
        field = self.env["ir.model.fields"]._get("aftersales.kpi", "complaint_rate")
        self.assertEqual(field.modules, "aftersales_complaint")
        for path in python_files("aftersales_service"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            source = path.read_text()
            for other in ("aftersales_survey", "aftersales_complaint"):
                self.assertNotIn(other, source, path)

    def test_each_module_lists_its_reports_printed_without_delay(self):
        """Every module's QWeb reports still print without Odoo's JavaScript delay,
        each module adding its own name (the service module names none of the others)."""
        self.assertCountEqual(self.env["ir.actions.report"]._no_print_delay_modules(), MODULES)

    def test_window_actions_come_from_odoo_helpers(self):
        """No window action is written out by hand: ``_get_records_action`` and
        ``get_formview_action`` build them."""
        for module in MODULES:
            for path in python_files(module):
                for node in ast.walk(ast.parse(path.read_text())):
                    if not isinstance(node, ast.Dict):
                        continue
                    pairs = {
                        key.value: value.value
                        for key, value in zip(node.keys, node.values, strict=True)
                        if isinstance(key, ast.Constant) and isinstance(value, ast.Constant)
                    }
                    self.assertNotEqual(pairs.get("type"), "ir.actions.act_window", f"{path}:{node.lineno}")

    def test_comments_give_reasons_not_history(self):
        """No comment or docstring cites an issue number, and the Python says why it
        does what it does, not how fast it ran once (``~2.5 s``, ``16 ms``)."""
        issue = re.compile(r"\bissues? #?\d+", re.IGNORECASE)
        timing = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:ms|s)\b|~ ?\d")
        folders = [Path(get_module_path(module)) for module in MODULES]
        folders += [REPOSITORY / "tests", REPOSITORY / "bench"]
        for folder in folders:
            for path in sorted(folder.rglob("*")):
                if path.suffix not in (".py", ".js", ".xml") or "i18n" in path.parts:
                    continue
                for number, line in enumerate(path.read_text().splitlines(), 1):
                    self.assertNotRegex(line, issue, f"{path}:{number}")
                    if path.suffix == ".py" and path.name != "test_module_layout.py":
                        self.assertNotRegex(line, timing, f"{path}:{number}")
