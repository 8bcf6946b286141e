"""Crons that work through a backlog in bounded batches and report their progress."""


def take_batch(batch_size, *fetched):
    """Each of ``fetched`` was searched with ``limit=batch_size + 1``: the first
    ``batch_size`` of each, and how many were left over (0 when none: no backlog;
    otherwise at least that many wait)."""
    left_over = sum(max(len(records) - batch_size, 0) for records in fetched)
    return [records[:batch_size] for records in fetched], left_over


def commit_cron_progress(env, processed, remaining):
    """Odoo 19's cron progress: a scheduled run reports what it did and what is left,
    and commits; with work left the scheduler runs the cron again at once, so one run
    stays short and a backlog is worked off run after run. Outside a scheduled run
    (a test, a shell, the "Run Manually" button's caller) nothing is reported nor
    committed."""
    if env.context.get("ir_cron_progress_id"):
        env["ir.cron"]._commit_progress(processed, remaining=remaining)
