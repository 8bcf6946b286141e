"""Text the product writes for people (chatter, activities, notifications) is in the
reader's language, and times in the reader's time zone (SPEC X-1). A scheduled job
runs in nobody's language: these helpers give the text of each reader its own."""

import pytz

from odoo.tools.misc import get_lang


def reader_envs(env, users):
    """``{user id: environment}``: ``env`` in each of ``users``' language, one
    environment per language, so text meant for many readers is translated once per
    language and the batch that carries it stays one batch."""
    per_language = {}
    result = {}
    for user in users.sudo():
        lang = user.lang or env.lang or "en_US"
        if lang not in per_language:
            per_language[lang] = env(context=dict(env.context, lang=lang))
        result[user.id] = per_language[lang]
    return result


def local_datetime_formatter(env, time_only=False):
    """A function ``(value, tz) -> text`` writing a naive UTC datetime as a reader in
    ``env``'s language reads it: in the time zone ``tz``, with the language's date and
    time formats, to the minute. The formats are read once, so a cron's batch of
    thousands of rows is formatted in milliseconds (the formats are numeric: Python's
    strftime writes them as babel would). ``time_only``: the time of day alone."""
    lang = get_lang(env)
    time_format = lang.time_format.replace(":%S", "")
    pattern = time_format if time_only else f"{lang.date_format} {time_format}"
    zones = {}

    def format_local(value, tz):
        if not value:
            return ""
        if tz not in zones:
            try:
                zones[tz] = pytz.timezone(tz or "UTC")
            except pytz.UnknownTimeZoneError:
                zones[tz] = pytz.utc
        return pytz.utc.localize(value).astimezone(zones[tz]).strftime(pattern)

    return format_local


def format_local_datetime(env, value, tz):
    """One datetime, see :func:`local_datetime_formatter`."""
    return local_datetime_formatter(env)(value, tz)
