from collections import defaultdict


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
