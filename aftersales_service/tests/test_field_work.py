import base64
from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, freeze_time, new_test_user, tagged

from .common import AftersalesCase
from .query_budget import QueryBudgetMixin

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SIGNATURE = base64.b64encode(PNG)


class FieldWorkCase(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_a.tz = "Asia/Shanghai"
        cls.customer.write({"email": "customer@example.com", "lang": "en_US", "tz": "Asia/Shanghai"})

    def job(self, start, technician=None, **values):
        request = self.create_request(call_time=datetime(2026, 11, 23, 0, 0), **values)
        request.write({"technician_id": (technician or self.tech_a).id, "scheduled_start": start})
        request.action_dispatch()
        return request

    def sent_notifications(self, user):
        self.env.cr.precommit.run()
        return self.env["mail.message"].search(
            [("partner_ids", "in", user.partner_id.ids), ("message_type", "=", "user_notification")]
        )


@freeze_time("2026-11-23 02:00:00")  # 10:00 in Shanghai
class TestMyDay(FieldWorkCase):
    def test_my_day_lists_the_technicians_jobs_of_their_day_in_appointment_order(self):
        """FLD-1: today in the technician's time zone: open jobs until tonight, the visit
        under way and today's closed visits; not tomorrow's, not a colleague's."""
        afternoon = self.job(datetime(2026, 11, 23, 6, 0))  # 14:00 Shanghai
        morning = self.job(datetime(2026, 11, 23, 1, 0))  # 09:00
        late_evening = self.job(datetime(2026, 11, 23, 15, 0))  # 23:00, still today
        tomorrow = self.job(datetime(2026, 11, 23, 17, 0))  # 01:00 on the 24th
        colleague = self.job(datetime(2026, 11, 23, 3, 0), technician=self.tech_b)
        my_day = (
            self.env["aftersales.request"]
            .with_user(self.tech_a)
            .search([("my_day", "=", True)], order="scheduled_start, id")
        )
        self.assertEqual(my_day.ids, (morning | afternoon | late_evening).sorted("scheduled_start").ids)
        self.assertNotIn(tomorrow, my_day)
        self.assertNotIn(colleague, my_day)
        self.assertEqual(morning.with_user(self.tech_a).appointment_window, "09:00 - 11:00")

    def test_the_map_opens_the_address_in_the_companys_map(self):
        """FLD-1: Amap by default, on the address; Google or Baidu when the company says
        so; the customer's coordinates when known."""
        request = self.job(datetime(2026, 11, 23, 3, 0))
        self.assertEqual(request.map_url, "https://uri.amap.com/search?keyword=1%20Nanjing%20Road")
        self.customer.write({"partner_latitude": 31.2304, "partner_longitude": 121.4737})
        request.invalidate_recordset(["map_url"])
        self.assertIn("position=121.4737%2C31.2304", request.map_url)
        self.env.company.aftersales_map_provider = "google"
        request.invalidate_recordset(["map_url"])
        self.assertEqual(
            request.map_url, "https://www.google.com/maps/search/?api=1&query=31.2304%2C121.4737"
        )
        self.env.company.aftersales_map_provider = "baidu"
        request.invalidate_recordset(["map_url"])
        self.assertTrue(
            request.map_url.startswith("https://api.map.baidu.com/marker?location=31.2304%2C121.4737")
        )


@freeze_time("2026-11-23 02:00:00")
class TestOnTheWay(FieldWorkCase):
    def test_on_my_way_tells_the_customer_when_to_expect_the_technician(self):
        """FLD-1: the customer gets a mail with the expected arrival, in their time zone."""
        request = self.job(datetime(2026, 11, 23, 3, 0))
        self.team.travel_minutes = 45
        request.with_user(self.tech_a).action_on_my_way()
        self.assertEqual(request.expected_arrival, datetime(2026, 11, 23, 2, 45))
        message = request.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("Expected arrival: 11/23/2026 10:45", message.body)
        self.assertIn(self.tech_a.name, message.body)

    def test_on_my_way_is_written_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.customer.lang = "zh_CN"
        request = self.job(datetime(2026, 11, 23, 3, 0))
        request.with_user(self.tech_a).action_on_my_way()
        message = request.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertIn("预计到达", message.body)

    def test_a_technician_cannot_set_off_or_arrive_for_a_colleagues_job(self):
        request = self.job(datetime(2026, 11, 23, 3, 0), technician=self.tech_b)
        with self.assertRefused(AccessError, "not to you"):
            request.with_user(self.tech_a).action_on_my_way()
        with self.assertRefused(AccessError, "not to you"):
            request.with_user(self.tech_a).action_arrive()
        self.assertEqual(request.state, "dispatched")
        self.assertFalse(request.on_my_way_time)


@freeze_time("2026-11-23 02:00:00")
class TestVisitSteps(FieldWorkCase):
    def test_arrival_keeps_the_phones_location_and_starts_the_timer(self):
        """FLD-2: arrival time, and where the phone was when it allowed it."""
        request = self.job(datetime(2026, 11, 23, 3, 0))
        request.with_user(self.tech_a).action_arrive(latitude=31.2304, longitude=121.4737)
        self.assertEqual(request.state, "in_progress")
        self.assertEqual((request.arrival_latitude, request.arrival_longitude), (31.2304, 121.4737))
        self.assertEqual(request.timer_start, datetime(2026, 11, 23, 2, 0))

    def test_the_work_timer_makes_the_time_entry(self):
        request = self.job(datetime(2026, 11, 23, 3, 0))
        request.with_user(self.tech_a).action_arrive()
        with freeze_time("2026-11-23 03:30:00"):
            request.with_user(self.tech_a).action_stop_timer()
        entry = request.time_entry_ids
        self.assertEqual((entry.user_id, entry.hours), (self.tech_a, 1.5))
        self.assertEqual(
            (entry.start_time, entry.end_time), (datetime(2026, 11, 23, 2, 0), datetime(2026, 11, 23, 3, 30))
        )
        self.assertFalse(request.timer_start)
        self.assertEqual(request.time_spent, 1.5)

    def test_one_timer_at_a_time_and_no_overlapping_entries(self):
        """Bad input: a second running timer, an entry overlapping another, an entry
        ending before it starts: refused, nothing written."""
        first = self.job(datetime(2026, 11, 23, 3, 0))
        second = self.job(datetime(2026, 11, 23, 4, 0))
        first.with_user(self.tech_a).action_arrive()
        second.with_user(self.tech_a).action_arrive()  # arrived: its own timer running
        second.timer_start = False
        with self.assertRefused(UserError, first.name):
            second.with_user(self.tech_a).action_start_timer()
        with freeze_time("2026-11-23 03:00:00"):
            first.with_user(self.tech_a).action_stop_timer()
        Entry = self.env["aftersales.time.entry"]
        with self.assertRefused(ValidationError, "overlaps"):
            Entry.create(
                {
                    "request_id": second.id,
                    "user_id": self.tech_a.id,
                    "hours": 1,
                    "start_time": datetime(2026, 11, 23, 2, 30),
                    "end_time": datetime(2026, 11, 23, 3, 30),
                }
            )
        with self.assertRefused(ValidationError, "end before it starts"):
            Entry.create(
                {
                    "request_id": second.id,
                    "user_id": self.tech_a.id,
                    "hours": 1,
                    "start_time": datetime(2026, 11, 23, 5, 0),
                    "end_time": datetime(2026, 11, 23, 4, 0),
                }
            )
        self.assertFalse(second.time_entry_ids)

    def test_technicians_cannot_change_the_customer_or_the_address(self):
        """FLD-2 from the attacker's side: the job screen shows them read-only, and a
        write through RPC is refused too; the desk still edits them."""
        request = self.job(datetime(2026, 11, 23, 3, 0))
        for values in ({"street": "Elsewhere"}, {"partner_id": self.suburban_customer.id}, {"phone": "110"}):
            with self.assertRefused(AccessError, "service desk"):
                request.with_user(self.tech_a).write(values)
        self.assertEqual(request.street, "1 Nanjing Road")
        request.with_user(self.clerk).write({"street": "2 Nanjing Road"})
        self.assertEqual(request.street, "2 Nanjing Road")

    def test_photos_are_images_within_the_size_limit(self):
        request = self.job(datetime(2026, 11, 23, 3, 0))
        Attachment = self.env["ir.attachment"]
        photo = Attachment.create({"name": "before.png", "raw": PNG, "mimetype": "image/png"})
        request.photo_before_ids = photo
        self.assertEqual(request.photo_before_ids, photo)
        text = Attachment.create({"name": "notes.txt", "raw": b"hello", "mimetype": "text/plain"})
        with self.assertRefused(ValidationError, "not a photo"):
            request.photo_after_ids = text
        huge = Attachment.create(
            {"name": "huge.png", "raw": PNG + b"0" * (10 * 1024 * 1024), "mimetype": "image/png"}
        )
        with self.assertRefused(ValidationError, "too large"):
            request.photo_after_ids = huge
        self.assertFalse(request.photo_after_ids)

    def test_signoff_shows_the_charge_and_goes_on_to_the_payment(self):
        """FLD-2: paid service: the sign-off confirms only once signed, then opens the
        payment with the amount due; contract and warranty visits say they are free."""
        self.equipment.purchase_date = "2020-01-01"  # out of warranty: paid
        request = self.job(datetime(2026, 11, 23, 3, 0))
        request.with_user(self.tech_a).action_arrive()
        request.work_done = "Roller replaced"
        as_tech = request.with_user(self.tech_a)
        self.assertEqual(as_tech.action_open_signoff()["res_id"], request.id)
        self.assertFalse(request.timer_start, "the work is done: the timer stopped")
        with self.assertRefused(UserError, "not signed"):
            as_tech.action_confirm_signoff()
        request.write({"signature": SIGNATURE, "signed_by": "Ms Wang"})
        action = as_tech.action_confirm_signoff()
        self.assertEqual(action["res_model"], "aftersales.cash.wizard")
        self.assertTrue(action["context"]["aftersales_then_close"], "collect, then close in one tap")
        wizard = Form(
            self.env["aftersales.cash.wizard"].with_user(self.tech_a).with_context(action["context"])
        )
        self.assertEqual(wizard.amount, request.amount_due)
        self.assertGreater(request.amount_remaining, 0)
        warranty = self.create_request(call_time=datetime(2026, 11, 23, 0, 0), equipment_id=False)
        self.assertFalse(warranty.charge_label)  # paid without equipment
        self.equipment.purchase_date = "2026-10-01"
        in_warranty = self.create_request(call_time=datetime(2026, 11, 23, 0, 0))
        self.assertEqual(in_warranty.charge_label, "Warranty service: free")


@tagged("post_install", "-at_install")
class TestVoucherMail(FieldWorkCase, HttpCase):
    """The mailed voucher is a real PDF: wkhtmltopdf fetches its styles from Odoo's HTTP
    server, which a plain TransactionCase holds locked under Odoo's test runner (it
    would wait forever), hence an HttpCase."""

    def test_closing_mails_the_signed_voucher_to_the_customer(self):
        """FLD-2: the signed voucher PDF reaches the customer right after the close
        (the scheduled action is triggered at once), and the technician is told."""
        with freeze_time("2026-11-23 02:00:00"):
            request = self.job(datetime(2026, 11, 23, 3, 0))
            request.with_user(self.tech_a).action_arrive()
            request.write({"work_done": "Cleaned", "signature": SIGNATURE, "signed_by": "Ms Wang"})
            result = request.with_user(self.tech_a).action_close()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("customer@example.com", result["params"]["message"])
        self.assertTrue(request.voucher_mail_pending)
        # the PDF itself, as outside tests (Odoo renders reports as HTML in test mode)
        self.env["aftersales.request"].with_context(force_report_rendering=True)._cron_send_vouchers()
        self.assertFalse(request.voucher_mail_pending)
        mail = request.message_ids.filtered(lambda m: self.customer in m.partner_ids and m.attachment_ids)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        self.assertIn(request.name, mail.attachment_ids.name)


@freeze_time("2026-11-23 02:00:00")
class TestTechnicianNotifications(FieldWorkCase):
    def test_technicians_are_told_of_dispatch_moves_and_cancellations(self):
        """FLD: one notification per technician and kind of change, listing the jobs."""
        jobs = self.job(datetime(2026, 11, 23, 3, 0)) | self.job(datetime(2026, 11, 23, 5, 0))
        (dispatched,) = self.sent_notifications(self.tech_a)
        self.assertIn("New jobs for you: 2", dispatched.subject)
        self.assertIn(jobs[0].name, dispatched.body)
        self.assertIn(jobs[1].name, dispatched.body)
        jobs[0].scheduled_start = datetime(2026, 11, 23, 7, 0)
        jobs[1].action_cancel()
        subjects = set(self.sent_notifications(self.tech_a).mapped("subject"))
        self.assertIn("Appointments moved: 1", subjects)
        self.assertIn("Jobs cancelled: 1", subjects)

    def test_a_job_given_to_a_colleague_tells_both(self):
        job = self.job(datetime(2026, 11, 23, 3, 0))
        self.sent_notifications(self.tech_a)
        job.technician_id = self.tech_b
        self.assertIn(
            "Jobs given to another technician: 1", self.sent_notifications(self.tech_a).mapped("subject")
        )
        self.assertIn("New jobs for you: 1", self.sent_notifications(self.tech_b).mapped("subject"))


@freeze_time("2026-11-23 02:00:00")
class TestMyDayQueries(QueryBudgetMixin, FieldWorkCase):
    def test_my_day_reads_the_same_queries_for_5_and_20_jobs(self):
        """FLD-1: My Day as the phone loads it (the kanban's fields) for a technician
        with 20 jobs costs what it costs with 5."""
        view = self.env.ref("aftersales_service.view_aftersales_request_kanban_my_day")
        Request = self.env["aftersales.request"].with_user(self.tech_a)
        spec = {
            name: {"fields": {"display_name": {}}} if Request._fields[name].type == "many2one" else {}
            for name in Request.get_views([(view.id, "kanban")])["models"]["aftersales.request"]["fields"]
        }

        def jobs(count):
            return self.env["aftersales.request"].union(
                *(self.job(datetime(2026, 11, 23, 3, index)) for index in range(count))
            )

        self.assertFlatQueries(
            jobs,
            lambda _jobs: Request.web_search_read([("my_day", "=", True)], spec, order="scheduled_start, id"),
        )


class TestLanding(FieldWorkCase):
    def test_technicians_land_on_my_day_and_the_desk_does_not(self):
        """FLD-1: a technician's first screen is My Day (was Discuss)."""
        my_day = self.env.ref("aftersales_service.action_aftersales_my_day")
        technician = new_test_user(
            self.env, "t_new_tech", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        self.assertEqual(technician.action_id.id, my_day.id)
        self.assertFalse(self.clerk.action_id)


@freeze_time("2026-11-23 02:00:00")
class TestAddParts(FieldWorkCase):
    def test_a_part_picked_twice_is_one_line_of_two(self):
        """FLD-2: "Add a Part" adds one; the same part again makes the line two."""
        self.part.aftersales_spare_part = True
        request = self.job(datetime(2026, 11, 23, 3, 0))
        as_tech = request.with_user(self.tech_a)
        with self.assertRefused(UserError, "once you are on site"):
            as_tech.action_add_parts(self.part.ids)
        as_tech.action_arrive()
        as_tech.action_add_parts(self.part.ids)
        as_tech.action_add_parts(self.part.ids)
        self.assertEqual((request.part_ids.product_id, request.part_ids.quantity), (self.part, 2.0))
