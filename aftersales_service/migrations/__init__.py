"""Helpers the upgrade scripts of the three modules share."""

from odoo.tools import SQL

# " (SVC-8)" at the end of a label written before X-2, or its full-width form in zh_CN
RULE_ID_SUFFIX = r"\s*[\uff08(](ORG|EQP|SVC|RPR|CTR|RPT|SUR|CMP|PRT|FLD|DSP)-\d+[\uff09)]"


def strip_rule_ids(cr, module):
    """Rule IDs out of what users read of ``module``: every translation of its
    scheduled actions' names and of its field help texts. Both keep the text they
    were installed with (cron data is ``noupdate``; an update rewrites a help's
    English only), so a database installed before X-2 still shows the IDs."""
    cr.execute(
        SQL(
            """
            UPDATE ir_act_server target
               SET name = %(strip)s
              FROM ir_cron cron
              JOIN ir_model_data data ON data.model = 'ir.cron' AND data.res_id = cron.id
             WHERE cron.ir_actions_server_id = target.id
               AND data.module = %(module)s
            """,
            strip=_stripped("name"),
            module=module,
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE ir_model_fields target
               SET help = %(strip)s
              FROM ir_model_data data
             WHERE data.model = 'ir.model.fields' AND data.res_id = target.id
               AND data.module = %(module)s
               AND target.help IS NOT NULL
            """,
            strip=_stripped("help"),
            module=module,
        )
    )


def _stripped(column):
    """The translations of ``target.<column>`` with the rule IDs removed."""
    return SQL(
        "(SELECT jsonb_object_agg(lang, regexp_replace(value, %s, '', 'g')) FROM jsonb_each_text(%s) AS t(lang, value))",
        RULE_ID_SUFFIX,
        SQL.identifier("target", column),
    )
