from freezegun import freeze_time

from odoo.addons.aftersales_service.tests.query_budget import QueryBudgetMixin

from .common import SurveyCase


@freeze_time("2026-11-18 10:00:00")
class TestSurveyQueryCounts(QueryBudgetMixin, SurveyCase):
    """Query-count guard for the survey cron and callbacks."""

    def closed(self, count):
        requests = self.env["aftersales.request"].create(
            [
                {"partner_id": self.customer.id, "equipment_id": self.equipment.id, "symptom": "Jam"}
                for _i in range(count)
            ]
        )
        requests.action_verify()
        requests.technician_id = self.tech_a
        requests.action_dispatch()
        requests.action_arrive()
        requests.write({"work_done": "Fixed", "no_signature_reason": "Away"})
        requests.action_close()
        return requests

    def test_survey_sending_cron(self):
        """One survey per closed request and its invitation mail, in batches."""
        self.assertPerRecordQueries(
            self.closed, lambda requests: self.env["aftersales.request"]._cron_send_surveys(), at_most=1
        )

    def test_recording_unreached_callbacks_schedules_retries(self):
        def record(callbacks):
            callbacks.write({"result": "not_reached"})
            callbacks.action_record_outcome()

        self.assertFlatQueries(lambda count: self.closed(count).callback_ids, record)
