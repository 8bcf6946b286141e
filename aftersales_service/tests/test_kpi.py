from datetime import datetime, timedelta

from odoo import fields

from .test_fees import FeesCase


class TestKpi(FeesCase):
    """RPT-3 on a known data set: two closed visits of tech_a, one on time and one
    late, one of them taken back and its repair returned before the promised date."""

    def close(self, request, arrival):
        request.write({"arrival_time": arrival, "state": "in_progress"})
        request.write({"work_done": "x", "no_signature_reason": "test"})
        request.action_close()

    def test_rates_by_team_and_technician(self):
        on_time = self.dispatched_request(call_time=datetime(2026, 11, 16, 9, 0))  # due 16:00
        late = self.dispatched_request(call_time=datetime(2026, 11, 16, 9, 0))
        other = self.dispatched_request(call_time=datetime(2026, 11, 16, 9, 0), technician=self.tech_b)
        self.close(on_time, datetime(2026, 11, 16, 10, 0))
        late.write({"arrival_time": datetime(2026, 11, 16, 17, 0), "state": "in_progress"})
        repair = self.env["repair.order"].browse(late.action_take_back()["res_id"])
        repair.write(
            {"return_no_signature_reason": "test", "schedule_date": fields.Datetime.now() + timedelta(days=1)}
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_request_inspection()
        repair.with_user(self.supervisor).action_inspection_pass()
        repair.action_repair_end()
        repair.action_aftersales_return()
        self.assertEqual(late.state, "done", "RPR-5: the return closes the request")
        self.close(other, datetime(2026, 11, 16, 11, 0))
        self.env.flush_all()

        Kpi = self.env["aftersales.kpi"]
        measures = [
            "service_count:sum",
            "sla_compliance:avg",
            "first_time_fix_rate:avg",
            "repair_on_time_rate:avg",
        ]
        with self.assertQueryCount(__system__=1):
            by_technician = {
                technician: values
                for technician, *values in Kpi._read_group(
                    [("team_id", "=", self.team.id)], ["technician_id"], measures
                )
            }
        self.assertEqual(by_technician[self.tech_a][0], 2)
        self.assertEqual(by_technician[self.tech_a][1], 50.0, "one of two visits within SLA")
        self.assertEqual(by_technician[self.tech_a][2], 50.0, "one of two fixed on the first visit")
        self.assertEqual(by_technician[self.tech_b][:3], [1, 100.0, 100.0])
        [(count, sla, repair_on_time)] = Kpi._read_group(
            [("team_id", "=", self.team.id)],
            [],
            ["service_count:sum", "sla_compliance:avg", "repair_on_time_rate:avg"],
        )
        self.assertEqual(count, 3)
        self.assertAlmostEqual(sla, 200.0 / 3)
        self.assertEqual(repair_on_time, 100.0)
