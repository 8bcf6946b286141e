from collections import defaultdict

from markupsafe import Markup

from odoo import fields
from odoo.tools import SQL

from .reader_locale import reader_envs


def count_per_record(records, comodel_name, inverse_field, domain=()):
    """Number of ``comodel_name`` rows linked to each of ``records`` through
    ``inverse_field``, in one grouped query: ``{record: count}`` (missing = 0)."""
    groups = records.env[comodel_name]._read_group(
        [(inverse_field, "in", records.ids), *domain], [inverse_field], ["__count"]
    )
    return dict(groups)


def take_batches(cron_xmlid, batch_size, *fetched):
    """Each of ``fetched`` was searched with ``limit=batch_size + 1``: the first
    ``batch_size`` of each, and when any had more (a backlog), the scheduler is asked
    to run the cron ``cron_xmlid`` again at once, so one run stays short."""
    if any(len(records) > batch_size for records in fetched):
        fetched[0].env.ref(cron_xmlid)._trigger()
    return [records[:batch_size] for records in fetched]


def create_escalation_activities(
    records,
    user_of,
    summary_of,
    note_of=None,
    activity_type_xmlid="aftersales_service.mail_activity_type_sla_escalation",
):
    """SVC-9: one escalation activity per record, due today. ``user_of`` gives each
    record's assignee; ``summary_of``/``note_of`` its text, and get the record in the
    assignee's language (X-1): they translate with ``record.env._``. Other modules pass
    their own activity type (survey feedback, complaints). Crons over large batches
    build the rows with SQL and call :func:`insert_activities` directly."""
    if not records:
        return records.env["mail.activity"]
    assignee_of = {record: user_of(record) for record in records}
    env_of = reader_envs(records.env, records.env["res.users"].union(*assignee_of.values()))
    rows = []
    for record, user in assignee_of.items():
        localized = record.with_env(env_of.get(user.id, records.env))
        note = note_of and note_of(localized)
        rows.append(
            {
                "res_id": record.id,
                "res_name": record.display_name,
                "user_id": user.id,
                "summary": summary_of(localized),
                "note": (Markup("<p>%s</p>") % note) if note else None,
            }
        )
    return insert_activities(records.env, records._name, activity_type_xmlid, rows)


def insert_activities(env, model_name, activity_type_xmlid, rows):
    """Activities of type ``activity_type_xmlid`` on ``model_name`` records, due today,
    with their assignees subscribed as followers, written with three set-based INSERTs.

    ``rows`` are dicts with ``res_id``, ``res_name``, ``user_id``, ``summary``, ``note``
    (HTML or None) and optionally ``date_deadline`` (today when missing). Escalation
    crons run over up to 100 000 records: the ORM ``mail.activity.create`` took 72 s
    for them (computed fields, one follower record per request), these statements a
    few seconds. Callers are trusted server code
    (crons, confirmed workflows): no access rights are checked here."""
    Activity = env["mail.activity"]
    if not rows:
        return Activity
    env.flush_all()
    activity_type = env.ref(activity_type_xmlid)
    user_ids = {row["user_id"] for row in rows}
    users = env["res.users"].sudo().browse(user_ids)
    partner_of = {user.id: user.partner_id.id for user in users}
    tz_of = {user.id: user.tz for user in users}
    now = fields.Datetime.now()
    env.cr.execute(
        SQL(
            """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id,
                                       user_id, user_tz, summary, note, date_deadline, automated,
                                       active, create_uid, create_date, write_uid, write_date)
            SELECT %(model_id)s, %(model)s, row.res_id, row.res_name, %(type)s, row.user_id,
                   row.user_tz, row.summary, row.note, COALESCE(row.deadline, %(today)s), TRUE, TRUE,
                   %(uid)s, %(now)s,
                   %(uid)s, %(now)s
              FROM unnest(%(res_ids)s::int[], %(names)s::varchar[], %(user_ids)s::int[],
                          %(tzs)s::varchar[], %(summaries)s::varchar[], %(notes)s::text[],
                          %(deadlines)s::date[])
                   AS row(res_id, res_name, user_id, user_tz, summary, note, deadline)
            RETURNING id
            """,
            model_id=env["ir.model"]._get_id(model_name),
            model=model_name,
            type=activity_type.id,
            today=fields.Date.context_today(env.user),
            uid=env.uid,
            now=now,
            res_ids=[row["res_id"] for row in rows],
            names=[row["res_name"] for row in rows],
            user_ids=[row["user_id"] for row in rows],
            tzs=[tz_of[row["user_id"]] for row in rows],
            summaries=[row["summary"] for row in rows],
            notes=[row["note"] for row in rows],
            deadlines=[row.get("date_deadline") for row in rows],
        )
    )
    activities = Activity.browse(sorted(row[0] for row in env.cr.fetchall()))
    _subscribe_assignees(env, model_name, rows, partner_of)
    env[model_name].invalidate_model(["activity_ids", "message_follower_ids", "message_partner_ids"])
    _notify_assignees(env, users, rows, activity_type)
    return activities


def _subscribe_assignees(env, model_name, rows, partner_of):
    """The assignee follows each record, with the model's default subtypes, as
    ``mail.activity.create`` does through ``message_subscribe``."""
    subtype_ids = env["mail.message.subtype"]._default_subtypes(model_name)[0]
    env.cr.execute(
        SQL(
            """
            WITH new_followers AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT DISTINCT %(model)s, row.res_id, row.partner_id
                  FROM unnest(%(res_ids)s::int[], %(partner_ids)s::int[]) AS row(res_id, partner_id)
                ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
                RETURNING id
            )
            INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
            SELECT follower.id, subtype.id
              FROM new_followers follower, unnest(%(subtype_ids)s::int[]) AS subtype(id)
            """,
            model=model_name,
            res_ids=[row["res_id"] for row in rows],
            partner_ids=[partner_of[row["user_id"]] for row in rows],
            subtype_ids=subtype_ids,
        )
    )
    env["mail.followers"].invalidate_model()


LISTED_ACTIVITIES = 50


def _notify_assignees(env, users, rows, activity_type):
    """One notification per assignee listing their new activities (the first
    ``LISTED_ACTIVITIES``: a digest of 100 000 lines helps nobody), and the systray
    counter refreshed as ``mail.activity.create`` does."""
    summaries = defaultdict(list)
    for row in rows:
        summaries[row["user_id"]].append(row["summary"])
    env_of = reader_envs(env, users)
    for user in users:
        user._bus_send(
            "mail.activity/updated", {"activity_created": True, "count_diff": len(summaries[user.id])}
        )
        if user == env.user:
            continue
        # the digest is written for its reader, in their language
        user_env = env_of[user.id]
        listed = summaries[user.id][:LISTED_ACTIVITIES]
        items = Markup("").join(Markup("<li>%s</li>") % summary for summary in listed)
        more = len(summaries[user.id]) - len(listed)
        if more:
            items += Markup("<li>%s</li>") % user_env._("… and %(count)s more", count=more)
        env["mail.thread"].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=user_env._(
                "%(type)s: %(count)s new activities assigned to you",
                type=activity_type.with_env(user_env).name,
                count=len(summaries[user.id]),
            ),
            body=Markup("<ul>%s</ul>") % items,
            email_layout_xmlid="mail.mail_notification_light",
        )


def next_sequence_values(env, code, company, count):
    """``count`` references from the sequence ``code`` of ``company``. A standard
    sequence gives them all with one query (``nextval`` over ``generate_series``)
    instead of two queries per reference; other sequences go through Odoo's own
    ``next_by_code``. ``False`` entries when no sequence exists."""
    Sequence = env["ir.sequence"].with_company(company).sudo()
    sequence = Sequence.search(
        [("code", "=", code), ("company_id", "in", [company.id, False])], order="company_id", limit=1
    )
    if not sequence:
        return [False] * count
    if sequence.implementation != "standard" or sequence.use_date_range:
        return [Sequence.next_by_code(code) for _i in range(count)]
    env.cr.execute(
        "SELECT nextval(%s) FROM generate_series(1, %s)", [f"ir_sequence_{sequence.id:03d}", count]
    )
    return [sequence.get_next_char(number) for number in sorted(row[0] for row in env.cr.fetchall())]


def assign_sequence_names(env, code, vals_list):
    """Fill ``name`` of the ``vals_list`` entries that have none ("/" or missing) from
    the sequence ``code`` of each entry's company, one query per company."""
    unnamed = defaultdict(list)
    for vals in vals_list:
        if vals.get("name", "/") == "/":
            unnamed[vals.get("company_id") or env.company.id].append(vals)
    for company_id, company_vals in unnamed.items():
        names = next_sequence_values(env, code, env["res.company"].browse(company_id), len(company_vals))
        for vals, name in zip(company_vals, names, strict=True):
            vals["name"] = name or "/"
