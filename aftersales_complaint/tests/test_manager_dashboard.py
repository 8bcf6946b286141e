import json
import re

from freezegun import freeze_time

from odoo.addons.aftersales_service.tests.common import load_chinese
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import file_open
from odoo.tools.translate import code_translations, extract_spreadsheet_terms

from .common import ComplaintCase

DASHBOARD_FILE = "aftersales_complaint/data/files/aftersales_dashboard.json"
# =PIVOT.VALUE(3,"sla_compliance") and =PIVOT(1)
PIVOT_FORMULA = re.compile(r'PIVOT(?:\.VALUE)?\((\d+)(?:\s*,\s*"([^"]+)")?')


class TestManagerDashboard(ComplaintCase):
    """RPT-3: the manager's dashboard in Odoo's Dashboards app. Its figures are those
    of the report models it reads, as the reader's record rules allow them: a
    supervisor their teams, a manager every team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team.write(
            {"callback_user_id": cls.clerk.id, "callback_delay_days": 3, "callback_attempts": 2}
        )
        cls.teams = cls.team | cls.other_team
        cls.dashboard = cls.env.ref("aftersales_complaint.spreadsheet_dashboard_aftersales")
        cls.data = json.loads(cls.dashboard.spreadsheet_data)
        with freeze_time("2026-11-18 10:00:00"):
            cls.own = cls.closed_request() | cls.closed_request()
            cls.foreign = cls.closed_request(technician=cls.outsider_tech, team_id=cls.other_team.id)
            cls.new_complaint(request_id=cls.own[0].id)
            (cls.own | cls.foreign)._send_surveys()
        # the supervisor's team answers 4/3/4/3 once (the second survey stays unanswered),
        # the other team 1/1/1/1
        cls.answer_survey(cls.own[0], {"attitude": 4, "skill": 3, "arrival": 4, "promise": 3})
        cls.answer_survey(cls.foreign, dict.fromkeys(("attitude", "skill", "arrival", "promise"), 1))
        with freeze_time("2026-11-21 09:00:00"):
            for request, result in (
                (cls.own[0], "reached"),
                (cls.own[1], "reached"),
                (cls.foreign, "not_reached"),
            ):
                callback = request.callback_ids.with_user(cls.clerk)
                callback.write(
                    {"result": result, "satisfaction": "satisfied" if result == "reached" else False}
                )
                callback.action_record_outcome()
        # today's queue: one open request of the team, two of the other one (all late)
        cls.create_request()
        cls.create_request(team_id=cls.other_team.id)
        cls.create_request(team_id=cls.other_team.id)
        cls.env.flush_all()

    @classmethod
    def answer_survey(cls, request, points):
        """Answer the request's survey as the survey page does; ``points`` maps criterion → 1-4."""
        user_input = request.survey_input_ids
        for criterion, value in points.items():
            question = cls.survey.question_ids.filtered(lambda q, c=criterion: q.aftersales_criterion == c)
            level = question.suggested_answer_ids.filtered(lambda a, v=value: a.aftersales_points == v)
            user_input._save_lines(question, str(level.id))
        user_input._mark_done()

    def pivot_figures(self, user, pivot_id, groupby=()):
        """What the dashboard's pivot shows ``user``, the Team filter set to our two teams:
        ``{measure: value}``, or ``{group: {measure: value}}`` with ``groupby``."""
        pivot = self.data["pivots"][pivot_id]
        Model = self.env[pivot["model"]].with_user(user)
        measures = [measure["fieldName"] for measure in pivot["measures"]]
        aggregates = [m if m == "__count" else f"{m}:{Model._fields[m].aggregator}" for m in measures]
        domain = Domain(pivot["domain"]) & Domain("team_id", "in", self.teams.ids)
        rows = Model._read_group(domain, list(groupby), aggregates)
        if not groupby:
            return dict(zip(measures, rows[0], strict=True))
        return {row[: len(groupby)]: dict(zip(measures, row[len(groupby) :], strict=True)) for row in rows}

    def test_manager_sees_every_team(self):
        kpi = self.pivot_figures(self.manager, "3")
        self.assertEqual(kpi["service_count"], 3)
        self.assertAlmostEqual(kpi["complaint_rate"], 100 / 3)
        self.assertAlmostEqual(kpi["first_time_fix_rate"], 100)
        scores = self.pivot_figures(self.manager, "5")
        self.assertAlmostEqual(scores["score_attitude"], 2.5)
        self.assertAlmostEqual(scores["score_skill"], 2.0)
        self.assertAlmostEqual(scores["score_arrival"], 2.5)
        self.assertAlmostEqual(scores["score_promise"], 2.0)
        self.assertAlmostEqual(scores["response_rate"], 200 / 3)
        callbacks = self.pivot_figures(self.manager, "6")
        self.assertEqual((callbacks["callback_count"], callbacks["success_count"]), (3, 2))
        queue = self.pivot_figures(self.manager, "1", groupby=["team_id"])
        self.assertEqual(
            {team: row["__count"] for (team,), row in queue.items()}, {self.team: 1, self.other_team: 2}
        )
        breaches = self.pivot_figures(self.manager, "2", groupby=["team_id"])
        self.assertEqual(
            {team: row["__count"] for (team,), row in breaches.items()}, {self.team: 1, self.other_team: 2}
        )
        self.assertEqual(self.pivot_figures(self.manager, "7")["__count"], 1)
        # the only complaint is still open: no on-time figure yet, not 0 % (closed late)
        on_time = self.pivot_figures(self.manager, "9")["closed_on_time"]
        self.assertFalse(on_time)
        self.assertNotIsInstance(on_time, float)

    def test_remote_resolution_and_cost_beside_the_service_figures(self):
        """SVC-10 / SVC-13 on the dashboard: the remote-resolution rate and the service
        cost, invoiced amount and margin, a supervisor's of their teams only."""
        self.assertEqual(self.pivot_figures(self.manager, "3")["remote_resolution_rate"], 0)
        Cost = self.env["aftersales.cost.report"]
        for user, teams in ((self.manager, self.teams), (self.supervisor, self.team)):
            figures = self.pivot_figures(user, "10")
            rows = Cost.search([("team_id", "in", teams.ids)])
            self.assertAlmostEqual(figures["total_cost"] or 0, sum(rows.mapped("total_cost")))
            self.assertAlmostEqual(figures["margin"] or 0, sum(rows.mapped("margin")))
        self.assertNotEqual(
            len(Cost.search([("team_id", "in", self.teams.ids)])),
            len(Cost.with_user(self.supervisor).search([("team_id", "in", self.teams.ids)])),
            "the supervisor's cost figures leave the other team out",
        )

    def test_supervisor_sees_their_team_only(self):
        kpi = self.pivot_figures(self.supervisor, "3")
        self.assertEqual(kpi["service_count"], 2)
        self.assertAlmostEqual(kpi["complaint_rate"], 50)
        scores = self.pivot_figures(self.supervisor, "5")
        self.assertEqual(
            [scores[f"score_{criterion}"] for criterion in ("attitude", "skill", "arrival", "promise")],
            [4, 3, 4, 3],
        )
        self.assertAlmostEqual(scores["response_rate"], 50)
        callbacks = self.pivot_figures(self.supervisor, "6")
        self.assertEqual((callbacks["callback_count"], callbacks["success_count"]), (2, 2))
        # customer service reads every team's requests: the dashboard shows the supervisor's
        queue = self.pivot_figures(self.supervisor, "1", groupby=["team_id"])
        self.assertEqual({team: row["__count"] for (team,), row in queue.items()}, {self.team: 1})
        breaches = self.pivot_figures(self.supervisor, "2", groupby=["team_id"])
        self.assertEqual({team: row["__count"] for (team,), row in breaches.items()}, {self.team: 1})
        for model in ("aftersales.kpi", "aftersales.technician.evaluation", "aftersales.callback.kpi"):
            teams = self.env[model].with_user(self.supervisor).search([]).team_id
            self.assertNotIn(self.other_team, teams, f"{model}: a supervisor reads another team's figures")

    def test_dashboard_for_supervisors_and_managers_only(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.manager, self.supervisor, self.general_manager):
            self.assertIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
            self.assertTrue(json.loads(self.dashboard.with_user(user)._get_serialized_readonly_dashboard()))
        action = self.env.ref("aftersales_complaint.action_aftersales_manager_dashboard")
        self.assertEqual(action.params, {"dashboard_id": self.dashboard.id}, "the reporting menu opens it")
        for user in (self.tech_a, self.clerk):
            self.assertNotIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
            with self.assertRaises(AccessError):
                self.dashboard.with_user(user).read(["spreadsheet_data"])

    def test_every_pivot_and_chart_reads_existing_fields(self):
        """A renamed field or a typo shows #ERROR on the dashboard: read every pivot and
        chart the way the spreadsheet does, with its filters' fields."""
        filters = {flt["id"] for flt in self.data["globalFilters"]}
        for pivot in self.data["pivots"].values():
            Model = self.env[pivot["model"]]
            measures = [m["fieldName"] for m in pivot["measures"]]
            groupby = [
                f"{dim['fieldName']}:{dim['granularity']}" if dim.get("granularity") else dim["fieldName"]
                for dim in pivot["rows"] + pivot["columns"]
            ]
            aggregates = [m if m == "__count" else f"{m}:{Model._fields[m].aggregator}" for m in measures]
            Model._read_group(Domain(pivot["domain"]), groupby, aggregates)
            self.check_field_matching(Model, pivot["fieldMatching"], filters)
        charts = [
            fig["data"] for sheet in self.data["sheets"] for fig in sheet["figures"] if fig["tag"] == "chart"
        ]
        for chart in charts:
            if chart["type"].startswith("odoo_"):
                meta = chart["metaData"]
                Model = self.env[meta["resModel"]]
                aggregate = f"{meta['measure']}:{Model._fields[meta['measure']].aggregator}"
                Model._read_group(Domain(chart["searchParams"]["domain"]), meta["groupBy"], [aggregate])
                self.check_field_matching(Model, chart["fieldMatching"], filters)
            else:
                sheet_names = {sheet["name"] for sheet in self.data["sheets"]}
                for xc in [dataset["dataRange"] for dataset in chart["dataSets"]] + [chart["labelRange"]]:
                    self.assertIn(xc.split("!")[0], sheet_names)
        self.assertEqual(
            len(charts), 4, "the two trends, first-time fix by technician, satisfaction per criterion"
        )

    def check_field_matching(self, Model, field_matching, filters):
        for filter_id, matching in field_matching.items():
            self.assertIn(filter_id, filters)
            Model.search_count([(matching["chain"], "!=", False)])

    def test_every_formula_reads_a_measure_of_its_pivot(self):
        pivots = self.data["pivots"]
        formulas = [
            cell for sheet in self.data["sheets"] for cell in sheet["cells"].values() if "PIVOT" in cell
        ]
        self.assertGreaterEqual(len(formulas), 20)
        for formula in formulas:
            for pivot_id, measure in PIVOT_FORMULA.findall(formula):
                self.assertIn(pivot_id, pivots, formula)
                if measure:
                    self.assertIn(measure, [m["fieldName"] for m in pivots[pivot_id]["measures"]], formula)

    def test_every_label_is_translated(self):
        load_chinese(self.env, ["aftersales_complaint"])
        with file_open(DASHBOARD_FILE, "rb") as f:
            terms = {term for _line, _func, term, _comments in extract_spreadsheet_terms(f, [], [], {})}
        translated = {
            message["id"]
            for message in code_translations.get_web_translations("aftersales_complaint", "zh_CN")["messages"]
        }
        self.assertIn("Satisfaction per criterion (1-4)", terms)
        self.assertFalse(terms - translated, "labels of the dashboard without a zh_CN translation")
        self.assertEqual(self.dashboard.with_context(lang="zh_CN").name, "售后服务")
