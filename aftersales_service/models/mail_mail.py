from datetime import timedelta

from odoo import api, models

# How long mails refused by an unreachable server keep being retried: longer than any
# outage worth waiting for, short enough that a dead configuration stops being tried.
SERVER_DOWN_RETRY_DAYS = 3


class MailMail(models.Model):
    """The product's mails to customers (expiry notices, appointment reminders, surveys)
    are marked sent on their record when they are queued: the queue delivers them.
    Odoo's queue gives up on a mail at once when the mail server cannot be reached
    (state 'exception', with no reason of the mail's own): those of the product's
    records go back to the queue, so they go out once the server is back, each once."""

    _inherit = "mail.mail"

    @api.model
    def process_email_queue(self, email_ids=(), batch_size=1000):
        self._requeue_server_down_mails()
        return super().process_email_queue(email_ids=email_ids, batch_size=batch_size)

    @api.model
    def _aftersales_mail_models(self):
        """Models whose mails are retried after a server outage; each module built on
        this one adds its own."""
        return ["aftersales.request", "aftersales.contract", "aftersales.equipment"]

    @api.model
    def _requeue_server_down_mails(self):
        # a mail the server itself refused has a failure type (bad address, spam...): it
        # stays failed; one that never reached a server has none
        self.sudo().search(
            [
                ("state", "=", "exception"),
                ("failure_type", "=", False),
                ("model", "in", self._aftersales_mail_models()),
                ("create_date", ">=", self.env.cr.now() - timedelta(days=SERVER_DOWN_RETRY_DAYS)),
            ]
        ).mark_outgoing()
