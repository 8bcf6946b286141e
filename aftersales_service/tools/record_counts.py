def count_per_record(records, comodel_name, inverse_field, domain=()):
    """Number of ``comodel_name`` rows linked to each of ``records`` through
    ``inverse_field``, in one grouped query: ``{record: count}`` (missing = 0)."""
    groups = records.env[comodel_name]._read_group(
        [(inverse_field, "in", records.ids), *domain], [inverse_field], ["__count"]
    )
    return dict(groups)
