"""Two people (or two cron workers) acting on the same record at the same moment."""

from odoo.exceptions import UserError


def lock_or_refuse(records, message):
    """Lock ``records`` for this transaction, or refuse at once when another
    transaction holds one of them: ``message(record)`` says who is busy with it.

    Without the lock the second transaction waits for the first one to finish and then
    fails on a serialization error (Odoo runs transactions in REPEATABLE READ), which
    the server retries behind the user's back. Odoo's lock skips rows locked by others
    instead of waiting (``FOR NO KEY UPDATE SKIP LOCKED``), so the second user is told
    straight away. A row another transaction changed and committed since this one
    started raises that serialization error here, before anything is written; the
    retried request then reads the new state and refuses with its own message."""
    busy = records - records.try_lock_for_update(allow_referencing=True)
    if busy:
        raise UserError(message(busy[0]))
