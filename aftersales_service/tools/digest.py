"""Notifications that list records: a digest of 100 000 lines helps nobody."""

from markupsafe import Markup

LISTED_LINES = 50


def digest_body(env, lines, total=None):
    """An HTML list of the first ``LISTED_LINES`` of ``lines``, then how many more of
    the ``total`` (by default ``len(lines)``), written in ``env``'s language."""
    listed = lines[:LISTED_LINES]
    total = len(lines) if total is None else total
    items = Markup("").join(Markup("<li>%s</li>") % line for line in listed)
    if total > len(listed):
        items += Markup("<li>%s</li>") % env._("… and %(count)s more", count=total - len(listed))
    return Markup("<ul>%s</ul>") % items
