import io
from datetime import date, datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time
from odoo.tools.pdf import PdfFileWriter

from .common import AftersalesCase, smtp_server

CONTRACT_CRON = "aftersales_service.ir_cron_aftersales_contract_states"


def blank_pdf():
    writer = PdfFileWriter()
    writer.add_blank_page(width=72, height=72)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


@freeze_time("2026-12-05 08:00:00")
class TestFaults(AftersalesCase):
    """The mail server, wkhtmltopdf or a cron worker failing while the product's
    mails go out. Only what lies outside Odoo is replaced: the SMTP connection
    (``ir.mail_server._connect__``), the wkhtmltopdf call
    (``ir.actions.report._run_wkhtmltopdf``) and a worker dying before its commit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the database's own contracts (demo data) are out of the crons' way
        cls.env["aftersales.contract"].search([]).write({"expiry_notice_sent": True})
        cls.contracts = cls.env["aftersales.contract"]
        for serial in ("SN-FAULT-1", "SN-FAULT-2", "SN-FAULT-3"):
            equipment = cls.env["aftersales.equipment"].create(
                {"partner_id": cls.suburban_customer.id, "product_id": cls.copier.id, "serial_number": serial}
            )
            cls.contracts |= cls.env["aftersales.contract"].create(
                {
                    "partner_id": cls.suburban_customer.id,
                    "equipment_ids": [Command.set(equipment.ids)],
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 12, 31),
                }
            )
        cls.contracts.action_activate()

    def notices_of(self, contract):
        return contract.message_ids.filtered(lambda message: "ends on" in (message.subject or ""))

    def test_mail_server_down_nothing_goes_out_twice_and_all_goes_out_when_back(self):
        """CTR-3 / SVC-12: the expiry notices and the appointment reminder are queued
        mails; the flags on the records (expiry notice sent, reminder sent) mean
        "handed to the mail queue", which delivers them. With the server down the queue
        delivers nothing and no mail is marked sent; when the server is back every mail
        goes out once, and the crons run again do not queue a second one."""
        visit = self.create_request(partner_id=self.suburban_customer.id, equipment_id=False)
        visit.write({"scheduled_start": datetime(2026, 12, 6, 9, 0), "technician_id": self.tech_a.id})
        visit.action_verify()
        visit.action_dispatch()
        self.env["aftersales.contract"]._cron_update_states()
        self.env["aftersales.request"]._cron_send_appointment_reminders()
        self.assertTrue(all(self.contracts.mapped("expiry_notice_sent")))
        self.assertEqual(visit.confirmation_state, "sent")
        domain = [
            "|",
            "&",
            ("model", "=", "aftersales.contract"),
            ("res_id", "in", self.contracts.ids),
            "&",
            ("model", "=", "aftersales.request"),
            ("res_id", "=", visit.id),
        ]
        mails = self.env["mail.mail"].search(domain)
        self.assertEqual(len(mails), 4)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        subjects = set(mails.mapped("subject"))

        with smtp_server(self.env, down=True) as delivered:
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(delivered, [])
        self.assertEqual(set(mails.mapped("state")), {"exception"}, "none marked sent")

        with smtp_server(self.env) as delivered:
            self.env["mail.mail"].process_email_queue()
            ours = [subject for subject in delivered if subject in subjects]
            self.assertEqual(len(ours), 4, "each mail went out once the server was back")
            self.env["aftersales.contract"]._cron_update_states()
            self.env["aftersales.request"]._cron_send_appointment_reminders()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(sorted(subject for subject in delivered if subject in subjects), sorted(ours))
        self.assertFalse(self.env["mail.mail"].search([*domain, ("state", "!=", "sent")]), "nothing left")

    def test_a_notice_wkhtmltopdf_cannot_print_is_not_marked_sent_and_retried(self):
        """CTR-3: wkhtmltopdf fails on one contract's notice: that contract is not marked
        sent (no notice, no activity) while the others go out; the next run sends it."""
        broken, *working = self.contracts

        def run_wkhtmltopdf(report, bodies, *args, **kwargs):
            if any(broken.name in str(body) for body in bodies):
                raise UserError("Wkhtmltopdf failed (error code: -11). Message: Segmentation fault")
            return blank_pdf()

        printing = patch.object(type(self.env["ir.actions.report"]), "_run_wkhtmltopdf", run_wkhtmltopdf)
        with printing:
            noticed = self.contracts.with_context(force_report_rendering=True)._cron_update_states()
        self.assertEqual(noticed, self.contracts - broken)
        self.assertFalse(broken.expiry_notice_sent)
        self.assertEqual(broken.state, "active")
        self.assertFalse(self.notices_of(broken))
        self.assertFalse(broken.activity_ids)
        for contract in working:
            self.assertTrue(contract.expiry_notice_sent)
            self.assertEqual(len(self.notices_of(contract)), 1)

        self.assertEqual(self.env["aftersales.contract"]._cron_update_states(), broken)
        self.assertTrue(broken.expiry_notice_sent)
        for contract in self.contracts:
            self.assertEqual(len(self.notices_of(contract)), 1, "one notice each")
            self.assertEqual(len(contract.activity_ids), 1)

    def test_a_worker_killed_mid_batch_leaves_the_rest_to_the_next_run(self):
        """CTR-3: a cron worker dies after the notices of its batch were made but before
        its commit (the transaction is rolled back): nothing of that batch is marked or
        queued, and the next runs finish the work with one notice per contract. The
        notices, their mails and the sent marks are committed together."""
        commit = type(self.env["ir.cron"])._commit_progress
        runs = []

        def dying_commit(cron, *args, **kwargs):
            runs.append(args)
            if len(runs) == 2:
                raise RuntimeError("worker killed")
            return commit(cron, *args, **kwargs)

        with patch.object(type(self.env["ir.cron"]), "_commit_progress", dying_commit):
            self.run_cron(CONTRACT_CRON, "_cron_update_states", batch_size=2)
            done_first = self.contracts.filtered("expiry_notice_sent")
            self.assertEqual(len(done_first), 2)
            with self.assertRaisesRegex(RuntimeError, "worker killed"):
                self.run_cron(CONTRACT_CRON, "_cron_update_states", batch_size=2)
            self.assertEqual(self.contracts.filtered("expiry_notice_sent"), done_first, "rolled back")
            self.assertFalse(self.notices_of(self.contracts - done_first))
            progress = self.run_cron(CONTRACT_CRON, "_cron_update_states", batch_size=2)
        self.assertEqual(progress["remaining"], 0)
        self.assertTrue(all(self.contracts.mapped("expiry_notice_sent")))
        for contract in self.contracts:
            self.assertEqual(len(self.notices_of(contract)), 1, "one notice each")
            self.assertEqual(len(contract.activity_ids), 1)
        mails = self.env["mail.mail"].search(
            [("model", "=", "aftersales.contract"), ("res_id", "in", self.contracts.ids)]
        )
        self.assertEqual(len(mails), 3, "one queued mail each")
