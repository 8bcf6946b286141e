"""Upgrading a database installed before 19.0.1.1.0 (the post-migrate scripts of the
three modules), on data written the way the old version wrote it."""

import importlib.util
import os

from odoo.addons.aftersales_survey.tests.common import SurveyCase
from odoo.modules.module import get_module_path
from odoo.tools import SQL

VERSION = "19.0.1.1.0"
CRON_EN = "After-Sales: carry over undispatched requests"
CRON_ZH = "售后服务：顺延未派工的服务请求"  # noqa: RUF001
HELP_EN = "Registered on an earlier day and still not dispatched"
HELP_ZH = "前日已登记但仍未派工"


def run_post_migrate(env, module, version=VERSION):
    path = os.path.join(get_module_path(module), "migrations", version, "post-migrate.py")
    spec = importlib.util.spec_from_file_location(f"{module}_post_migrate", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.migrate(env.cr, "19.0.1.0.0")
    env.invalidate_all()


class TestUpgradeFrom1_0(SurveyCase):
    def test_old_survey_answers_get_their_own_token(self):
        """SUR-1: an answer sent without its own token blocked the customer's next
        survey; after the upgrade each unanswered one has a token of its own."""
        first, second = self.closed_request(), self.closed_request()
        answers = (first | second)._send_surveys()
        self.env.cr.execute(
            SQL("UPDATE survey_user_input SET invite_token = NULL WHERE id = ANY(%s)", answers.ids)
        )
        run_post_migrate(self.env, "aftersales_survey")
        tokens = answers.mapped("invite_token")
        self.assertTrue(all(tokens))
        self.assertEqual(len(set(tokens)), 2)

    def test_verification_issues_become_codes(self):
        """X-1: the English words the old version stored are recomputed to codes,
        so a Chinese reader sees Chinese."""
        request = self.create_request(serial_number=False)
        codes = request.verification_issues
        self.assertIn("serial", codes.split(","))
        self.env.cr.execute(
            SQL(
                "UPDATE aftersales_request SET verification_issues = 'serial number' WHERE id = %s",
                request.id,
            )
        )
        run_post_migrate(self.env, "aftersales_service")
        self.assertEqual(request.verification_issues, codes)

    def test_rule_ids_leave_cron_names_and_help_texts(self):
        """X-2: cron names (noupdate data) and field helps kept the rule IDs they were
        installed with, in every language."""
        # the Chinese values are written below; the language itself must be active
        self.env["res.lang"]._activate_lang("zh_CN")
        cron = self.env.ref("aftersales_service.ir_cron_aftersales_carry_over")
        field = self.env["ir.model.fields"]._get("aftersales.request", "carried_over")
        self.env.cr.execute(
            SQL(
                "UPDATE ir_act_server SET name = jsonb_build_object('en_US', %s, 'zh_CN', %s) WHERE id = %s",
                f"{CRON_EN} (SVC-8)",
                f"{CRON_ZH}\uff08SVC-8\uff09",
                cron.ir_actions_server_id.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE ir_model_fields SET help = jsonb_build_object('en_US', %s, 'zh_CN', %s) WHERE id = %s",
                f"{HELP_EN} (SVC-8).",
                f"{HELP_ZH}\uff08SVC-8\uff09\u3002",
                field.id,
            )
        )
        for module in ("aftersales_service", "aftersales_survey", "aftersales_complaint"):
            run_post_migrate(self.env, module)
        self.assertEqual(cron.with_context(lang="en_US").name, CRON_EN)
        self.assertEqual(cron.with_context(lang="zh_CN").name, CRON_ZH)
        self.assertEqual(field.with_context(lang="en_US").help, f"{HELP_EN}.")
        self.assertEqual(field.with_context(lang="zh_CN").help, f"{HELP_ZH}\u3002")


class TestUpgradeFrom1_1(SurveyCase):
    def test_technicians_of_existing_teams_get_their_van(self):
        """FLD-3: teams created before vans existed: after the upgrade each of their
        technicians has a van under the warehouse's view location, one per technician."""
        vans = self.team._get_van_locations() | self.other_team._get_van_locations()
        self.assertTrue(vans)
        vans.unlink()  # as the old version left them: no van
        self.env.invalidate_all()
        self.assertFalse(self.tech_a.aftersales_van_location_id)
        run_post_migrate(self.env, "aftersales_service", "19.0.1.2.0")
        warehouse = self.team._get_warehouse()
        for technician in (self.tech_a, self.tech_b, self.outsider_tech):
            van = technician.aftersales_van_location_id
            self.assertEqual(van.location_id, warehouse.view_location_id, technician.login)
        self.assertEqual(
            self.env["stock.location"].search_count([("aftersales_van_user_id", "=", self.tech_a.id)]), 1
        )
        run_post_migrate(self.env, "aftersales_service", "19.0.1.2.0")
        self.assertEqual(
            self.env["stock.location"].search_count([("aftersales_van_user_id", "=", self.tech_a.id)]),
            1,
            "running the upgrade twice creates no second van",
        )
