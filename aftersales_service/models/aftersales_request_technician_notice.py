from odoo import api, models

from ..tools.digest import LISTED_LINES, digest_body
from ..tools.reader_locale import local_datetime_formatter, reader_envs


class AftersalesRequestTechnicianNotice(models.Model):
    """FLD: technicians are told when a job is dispatched to them, moved, cancelled or
    given to a colleague: one Odoo notification per technician and kind of change,
    sent once per transaction whatever the number of writes."""

    _inherit = "aftersales.request"

    def write(self, vals):
        self._queue_technician_events(self._technician_events(vals))
        return super().write(vals)

    def _technician_events(self, vals):
        """What a write will tell technicians: ``[(user, kind, request)]`` with kind
        ``dispatched`` (a job is theirs), ``moved`` (its appointment changed),
        ``cancelled`` or ``removed`` (no longer theirs)."""
        if not ({"state", "technician_id", "scheduled_start"} & set(vals)):
            return []
        events = []
        new_technician = self.env["res.users"].browse(vals.get("technician_id"))
        for request in self:
            dispatched = request.state in ("dispatched", "in_progress") or vals.get("state") == "dispatched"
            if not dispatched:
                continue
            technician = new_technician if "technician_id" in vals else request.technician_id
            if vals.get("state") == "cancel":
                events.append((request.technician_id, "cancelled", request))
            elif "technician_id" in vals and new_technician != request.technician_id:
                if request.technician_id and request.state != "new":
                    events.append((request.technician_id, "removed", request))
                events.append((technician, "dispatched", request))
            elif vals.get("state") == "dispatched" and request.state == "new":
                events.append((technician, "dispatched", request))
            elif "scheduled_start" in vals and request.state == "dispatched":
                events.append((technician, "moved", request))
        return [event for event in events if event[0] and event[0] != self.env.user]

    def _queue_technician_events(self, events):
        """The events of the transaction's writes are told once, before it commits: a
        batch dispatched request by request still makes one notification per technician."""
        if not events:
            return
        pending = self.env.cr.precommit.data.setdefault("aftersales.technician_events", [])
        if not pending:
            self.env.cr.precommit.add(self._notify_technicians)
        pending.extend((user.id, kind, request.id) for user, kind, request in events)

    def _notify_technicians(self):
        """One notification per technician and kind of change, listing the jobs, in the
        technician's language and time zone."""
        queued = self.env.cr.precommit.data.pop("aftersales.technician_events", [])
        if not queued:
            return
        users = self.env["res.users"].sudo().browse({user_id for user_id, _kind, _id in queued})
        existing = set(self.sudo().browse({request_id for _user, _kind, request_id in queued}).exists().ids)
        env_of = reader_envs(self.env, users)
        grouped = {}
        for user_id, kind, request_id in dict.fromkeys(queued):
            if request_id in existing:
                grouped.setdefault((user_id, kind), []).append(request_id)
        for (user_id, kind), job_ids in grouped.items():
            user, env = users.browse(user_id), env_of[user_id]
            format_local = local_datetime_formatter(env)
            listed = self.with_env(env).sudo().browse(job_ids[:LISTED_LINES])
            lines = [
                env._(
                    "%(request)s, %(customer)s, %(when)s",
                    request=request.name,
                    customer=request.partner_id.display_name,
                    when=format_local(request.scheduled_start or request.preferred_time, user.tz)
                    or env._("time to agree"),
                )
                for request in listed
            ]
            self.env["mail.thread"].sudo().message_notify(
                partner_ids=user.partner_id.ids,
                subject=self._technician_subject(env, kind, len(job_ids)),
                body=digest_body(env, lines, total=len(job_ids)),
                email_layout_xmlid="mail.mail_notification_light",
            )

    @api.model
    def _technician_subject(self, env, kind, count):
        if kind == "dispatched":
            return env._("New jobs for you: %(count)s", count=count)
        if kind == "moved":
            return env._("Appointments moved: %(count)s", count=count)
        if kind == "cancelled":
            return env._("Jobs cancelled: %(count)s", count=count)
        return env._("Jobs given to another technician: %(count)s", count=count)
