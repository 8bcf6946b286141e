from datetime import timedelta

from markupsafe import Markup

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.activities import create_activities, insert_activities
from ..tools.reader_locale import reader_envs

DEADLINE_STATUSES = [
    ("on_time", "On Time"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
]


class AftersalesDeadlineMixin(models.AbstractModel):
    """A record with a promised time: a deadline (on the team's working calendar, or a
    fixed number of days), the start of its at-risk window, a status (on time, at risk,
    breached) and escalation steps, each an activity for one assignee. Requests (SVC-5,
    SVC-9: the SLA from call to arrival), repairs (the promised date of a product in the
    workshop) and complaints (CMP-4: the 3- and 6-day clocks) share it.

    Like Odoo's ``maintenance.mixin`` it adds no fields: each model names its own in
    ``_deadline_field``, ``_warning_field`` (a field, or a ``timedelta`` before the
    deadline) and ``_escalation_team_field``."""

    _name = "aftersales.deadline.mixin"
    _description = "Promised Time and Escalation"

    _deadline_field = "deadline"
    _warning_field = "warning_time"
    _escalation_team_field = "team_id"

    # --- status ---------------------------------------------------------------------
    def _get_deadline_status(self, now, deadline_field=None, warning=None):
        """``breached`` from the deadline on, ``at_risk`` from the warning on, else
        ``on_time``; ``False`` without a deadline. ``deadline_field``/``warning``
        default to the model's (a model with two clocks passes each)."""
        self.ensure_one()
        deadline = self[deadline_field or self._deadline_field]
        if not deadline:
            return False
        warning = warning or self._warning_field
        at_risk_from = deadline - warning if isinstance(warning, timedelta) else self[warning]
        if now >= deadline:
            return "breached"
        if at_risk_from and now >= at_risk_from:
            return "at_risk"
        return "on_time"

    @api.model
    def _search_deadline_status(self, statuses, now, deadline_field=None, warning=None):
        """The domain of the records whose :meth:`_get_deadline_status` is in ``statuses``."""
        deadline = deadline_field or self._deadline_field
        warning = warning or self._warning_field
        if isinstance(warning, timedelta):
            # deadline - warning <= now, written on the stored deadline
            at_risk_from, before_warning = (
                Domain(deadline, "<=", now + warning),
                Domain(deadline, ">", now + warning),
            )
        else:
            at_risk_from, before_warning = Domain(warning, "<=", now), Domain(warning, ">", now)
        domains = {
            "on_time": before_warning,
            "at_risk": at_risk_from & Domain(deadline, ">", now),
            "breached": Domain(deadline, "<=", now),
        }
        return Domain.OR(domains[status] for status in statuses if status in domains)

    # --- escalation -----------------------------------------------------------------
    def _get_escalation_user(self):
        """SVC-9: who is escalated to: the team's service supervisor, else the team
        manager, else :meth:`_get_escalation_fallback_user`."""
        self.ensure_one()
        return self._get_escalation_users()[self]

    def _get_escalation_users(self):
        """``{record: user}`` of :meth:`_get_escalation_user` for a batch, each team read once."""
        users = {}
        for team, records in self.grouped(self._escalation_team_field).items():
            lead = team.supervisor_id or team.manager_id
            for record in records:
                users[record] = lead or record._get_escalation_fallback_user()
        return users

    def _get_escalation_fallback_user(self):
        self.ensure_one()
        return self.env.user

    def _escalate(
        self, activity_type_xmlid, summary_of, note_of=None, user_of=None, bulk=False, name_of=None
    ):
        """One escalation step: an activity due today on each record for its assignee
        (``user_of(record)``, by default :meth:`_get_escalation_user`), who follows the
        record and gets one notification listing them. ``summary_of``/``note_of`` get
        the record in the assignee's language (X-1) and translate with ``record.env._``;
        ``note_of`` gets the assignee too (for their time zone); ``name_of`` gives the
        record's name on the activity (by default its display name).

        The activities are created by :func:`~odoo.addons.aftersales_service.tools.activities.create_activities`
        (``mail.activity.create`` in one batch); ``bulk`` writes the same rows with the
        set-based INSERTs of :func:`~odoo.addons.aftersales_service.tools.activities.insert_activities` (why, and for which
        crons: README, Benchmark)."""
        if not self:
            return self.env["mail.activity"]
        assignee_of = (
            {record: user_of(record) for record in self} if user_of else self._get_escalation_users()
        )
        assignees = self.env["res.users"].union(*assignee_of.values())
        env_of = reader_envs(self.env, assignees)
        rows = []
        for record, user in assignee_of.items():
            localized = record.with_env(env_of.get(user.id, self.env))
            note = note_of and note_of(localized, user)
            rows.append(
                {
                    "res_id": record.id,
                    "res_name": name_of(record) if name_of else record.display_name,
                    "user_id": user.id,
                    "summary": summary_of(localized),
                    "note": (Markup("<p>%s</p>") % note) if note else None,
                }
            )
        create = insert_activities if bulk else create_activities
        return create(self.env, self._name, activity_type_xmlid, rows)

    def _mark_escalation_step(self, flags):
        """Record that the batch went through an escalation step: ``flags`` are the
        step's markers (no tracking, nothing computed from them), set in one UPDATE
        for the whole batch where the ORM's write sends one statement per hundred rows
        (README, Benchmark)."""
        if not self:
            return
        self.flush_recordset(list(flags))
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s, write_uid = %s, write_date = %s WHERE id = ANY(%s)",
                SQL.identifier(self._table),
                SQL(", ").join(SQL("%s = %s", SQL.identifier(name), value) for name, value in flags.items()),
                self.env.uid,
                self.env.cr.now(),
                self.ids,
            )
        )
        self.invalidate_recordset([*flags, "write_uid", "write_date"])
