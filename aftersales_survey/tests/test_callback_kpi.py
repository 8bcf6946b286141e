from datetime import date

from freezegun import freeze_time

from .common import SurveyCase


class TestCallbackKpi(SurveyCase):
    """SUR-5: success rate = reached / callbacks per day and caller (target above 80%),
    complaints found, phone callback rate; RPT-3 dashboard columns."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-11-18 10:00:00"):
            cls.requests = cls.env["aftersales.request"]
            for _i in range(5):
                cls.requests |= cls.closed_request()
        cls.callbacks = cls.requests.callback_ids

    def record(self, callback, when, **values):
        with freeze_time(when):
            callback = callback.with_user(self.clerk)
            callback.write(values)
            callback.action_record_outcome()

    def kpi(self, day):
        self.env.flush_all()
        return self.env["aftersales.callback.kpi"].search(
            [("date", "=", day), ("user_id", "=", self.clerk.id)]
        )

    def test_success_rate_on_a_known_day(self):
        for callback in self.callbacks[:4]:
            self.record(callback, "2026-11-21 09:00:00", result="reached", satisfaction="satisfied")
        self.record(self.callbacks[4], "2026-11-21 15:00:00", result="not_reached", channel="sms")
        row = self.kpi(date(2026, 11, 21))
        self.assertEqual((row.callback_count, row.success_count), (5, 4))
        self.assertAlmostEqual(row.success_rate, 80.0)
        self.assertTrue(row.below_target, "the target is above 80%: 80% is shown red")
        self.assertAlmostEqual(row.phone_rate, 80.0)
        # the retry for tomorrow is not a callback made today
        self.assertEqual(self.callbacks[4].next_callback_id.state, "todo")

    def test_all_reached_meets_the_target_and_complaints_are_counted(self):
        for callback in self.callbacks[:4]:
            self.record(callback, "2026-11-21 09:00:00", result="reached", satisfaction="satisfied")
        self.record(
            self.callbacks[4],
            "2026-11-21 10:00:00",
            result="reached",
            satisfaction="poor",
            complaint_found=True,
            complaint_note="Still noisy",
        )
        row = self.kpi(date(2026, 11, 21))
        self.assertAlmostEqual(row.success_rate, 100.0)
        self.assertFalse(row.below_target)
        self.assertEqual(row.complaint_count, 1)

    def test_the_day_is_the_team_local_day(self):
        self.calendar.tz = "Asia/Shanghai"
        # 23:30 UTC on the 20th is 07:30 on the 21st in Shanghai
        self.record(self.callbacks[0], "2026-11-20 23:30:00", result="reached", satisfaction="satisfied")
        self.assertEqual(self.kpi(date(2026, 11, 21)).callback_count, 1)
        self.assertFalse(self.kpi(date(2026, 11, 20)))

    def test_daily_report_lists_each_call(self):
        self.record(self.callbacks[0], "2026-11-21 09:00:00", result="reached", satisfaction="satisfied")
        self.record(self.callbacks[1], "2026-11-21 09:30:00", result="not_reached")
        row = self.kpi(date(2026, 11, 21))
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "aftersales_survey.action_report_callback_daily", row.ids
            )[0]
        )
        self.assertIn("text-danger", html, "50% is below target")
        for request in self.requests[:2]:
            self.assertIn(request.name, html)
        self.assertNotIn(self.requests[2].name, html)

    def test_dashboard_shows_satisfaction_and_callback_success(self):
        inputs = self.env["aftersales.request"]._cron_send_surveys()
        self.answer(inputs[0], {"attitude": 4, "skill": 4, "arrival": 2, "promise": 2})
        self.record(self.callbacks[0], "2026-11-21 09:00:00", result="reached", satisfaction="satisfied")
        self.record(self.callbacks[1], "2026-11-21 09:00:00", result="not_reached")
        self.env.flush_all()
        [[satisfaction, callback_rate]] = self.env["aftersales.kpi"]._read_group(
            [("team_id", "=", self.team.id), ("kind", "=", "request")],
            [],
            ["satisfaction_score:avg", "callback_success_rate:avg"],
        )
        self.assertAlmostEqual(satisfaction, 3.0)
        self.assertAlmostEqual(callback_rate, 50.0)
