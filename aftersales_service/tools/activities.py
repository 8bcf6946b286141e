"""Activities for escalations and notices: through ``mail.activity.create`` in one
batch, or set-based for the crons that write 100 000 of them."""

from collections import defaultdict

from odoo import fields
from odoo.tools import SQL

from .digest import digest_body
from .reader_locale import reader_envs


def create_activities(env, model_name, activity_type_xmlid, rows):
    """Activities of type ``activity_type_xmlid`` on ``model_name`` records through
    ``mail.activity.create``, in one batch: the rows of :func:`insert_activities`, and
    the same outcome (the assignees follow the records and get one notification each
    listing their new activities, not one mail per activity). Callers are trusted
    server code: no access rights are checked."""
    Activity = env["mail.activity"]
    if not rows:
        return Activity
    activity_type = env.ref(activity_type_xmlid)
    today = fields.Date.context_today(env.user)
    model_id = env["ir.model"]._get_id(model_name)
    activities = (
        Activity.sudo()
        .with_context(mail_activity_quick_update=True)
        .create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": row["res_id"],
                    "activity_type_id": activity_type.id,
                    "user_id": row["user_id"],
                    "summary": row["summary"],
                    "note": row["note"],
                    "date_deadline": row.get("date_deadline") or today,
                    "automated": True,
                }
                for row in rows
            ]
        )
    )
    users = env["res.users"].sudo().browse({row["user_id"] for row in rows})
    _notify_assignees(env, users, rows, activity_type, bus=False)  # create() refreshed the systray
    return activities.with_env(env)


def insert_activities(env, model_name, activity_type_xmlid, rows):
    """Activities of type ``activity_type_xmlid`` on ``model_name`` records, due today,
    with their assignees subscribed as followers, written with three set-based INSERTs.

    ``rows`` are dicts with ``res_id``, ``res_name``, ``user_id``, ``summary``, ``note``
    (HTML or None) and optionally ``date_deadline`` (today when missing).
    :func:`create_activities` is the usual way; these statements stay for the crons
    that escalate thousands of records a run (README, Benchmark). Callers are trusted
    server code (crons, confirmed workflows): no access rights are checked here."""
    Activity = env["mail.activity"]
    if not rows:
        return Activity
    env.flush_all()
    activity_type = env.ref(activity_type_xmlid)
    users = env["res.users"].sudo().browse({row["user_id"] for row in rows})
    activities = Activity.browse(_insert_activity_rows(env, model_name, activity_type, users, rows))
    _subscribe_assignees(env, model_name, rows, {user.id: user.partner_id.id for user in users})
    env[model_name].invalidate_model(["activity_ids", "message_follower_ids", "message_partner_ids"])
    _notify_assignees(env, users, rows, activity_type)
    return activities


def _insert_activity_rows(env, model_name, activity_type, users, rows):
    """The ``mail_activity`` rows, in one INSERT; their ids in ascending order."""
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
    return sorted(row[0] for row in env.cr.fetchall())


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


def _notify_assignees(env, users, rows, activity_type, bus=True):
    """One notification per assignee listing their new activities (a digest: the
    first of them, then how many more), and with ``bus``
    the systray counter refreshed as ``mail.activity.create`` does."""
    summaries = defaultdict(list)
    for row in rows:
        summaries[row["user_id"]].append(row["summary"])
    env_of = reader_envs(env, users)
    for user in users:
        if bus:
            user._bus_send(
                "mail.activity/updated", {"activity_created": True, "count_diff": len(summaries[user.id])}
            )
        if user == env.user:
            continue
        # the digest is written for its reader, in their language
        user_env = env_of[user.id]
        env["mail.thread"].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=user_env._(
                "%(type)s: %(count)s new activities assigned to you",
                type=activity_type.with_env(user_env).name,
                count=len(summaries[user.id]),
            ),
            body=digest_body(user_env, summaries[user.id]),
            email_layout_xmlid="mail.mail_notification_light",
        )
