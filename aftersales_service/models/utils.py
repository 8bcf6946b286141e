from collections import defaultdict

from markupsafe import Markup

from odoo import fields


def count_per_record(records, comodel_name, inverse_field, domain=()):
    """Number of ``comodel_name`` rows linked to each of ``records`` through
    ``inverse_field``, in one grouped query: ``{record: count}`` (missing = 0)."""
    groups = records.env[comodel_name]._read_group(
        [(inverse_field, "in", records.ids), *domain], [inverse_field], ["__count"]
    )
    return dict(groups)


def create_escalation_activities(
    records,
    user_of,
    summary_of,
    note_of=None,
    activity_type_xmlid="aftersales_service.mail_activity_type_sla_escalation",
):
    """SVC-9: one escalation activity per record, due today, created in one batch.
    ``user_of``/``summary_of``/``note_of`` give each record's values; other modules pass
    their own activity type (survey feedback, complaints)."""
    if not records:
        return records.env["mail.activity"]
    env = records.env
    activity_type = env.ref(activity_type_xmlid)
    model_id = env["ir.model"]._get_id(records._name)
    today = fields.Date.context_today(records)
    # quick_update: no assignment mail per activity (a dozen queries each); every
    # assignee gets one digest instead, below
    activities = (
        env["mail.activity"]
        .with_context(mail_activity_quick_update=True)
        .create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "user_id": user_of(record).id,
                    "summary": summary_of(record),
                    "note": note_of(record) if note_of else False,
                    "date_deadline": today,
                }
                for record in records
            ]
        )
    )
    _notify_assignees(activities, activity_type)
    return activities


def _notify_assignees(activities, activity_type):
    """One notification per assignee listing their new activities."""
    env = activities.env
    for user, user_activities in activities.grouped("user_id").items():
        if not user or user == env.user:
            continue
        items = Markup("").join(Markup("<li>%s</li>") % activity.summary for activity in user_activities)
        env["mail.thread"].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=env._(
                "%(type)s: %(count)s new activities assigned to you",
                type=activity_type.name,
                count=len(user_activities),
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
