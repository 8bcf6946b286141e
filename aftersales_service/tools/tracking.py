"""Tracked changes written by a cron over thousands of records at once."""


def write_tracked_in_batch(records, values):
    """``records.write(values)``, with the chatter showing each changed tracked field as
    Odoo's tracking shows it (a note with the old and the new value), written for the
    whole batch in a few statements: Odoo's tracking logs the note of each record with
    two INSERTs of its own (README, Benchmark). For changes that trigger no tracking
    subtype: their notes are logged, nobody is notified."""
    if not records:
        return
    tracked = records._track_get_fields() & set(values)
    tracked_fields = records.fields_get(tracked, attributes=("string", "type", "selection", "currency_field"))
    initial = {record.id: {name: record[name] for name in tracked} for record in records}
    records.with_context(mail_notrack=True).write(values)
    commands_of = {}
    for record in records:
        _changed, commands = record._mail_track(tracked_fields, initial[record.id])
        if commands:
            commands_of[record.id] = commands
    if not commands_of:
        return
    messages = records.browse(list(commands_of))._message_log_batch({})
    records.env["mail.tracking.value"].sudo().create(
        [
            dict(values, mail_message_id=message.id)
            for message in messages
            for _command, _id, values in commands_of[message.res_id]
        ]
    )
