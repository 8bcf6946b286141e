"""Upgrade of databases created before 19.0.1.4.0.

- RPR-6 / RPR-9: the parts administrator's 'Parts to purchase' activity of a repair was a
  plain to-do; it now has its own type, which the receipt of the parts marks done. The
  open to-dos the earlier version raised (recognised by their summary, in any installed
  language) take the new type, so that they close the same way.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.translate import code_translations

SUMMARY = "Parts to purchase for %(repair)s"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    todo = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    purchase = env.ref("aftersales_service.mail_activity_type_parts_purchase")
    if not todo:
        return
    summaries = {SUMMARY}
    for lang, _name in env["res.lang"].get_installed():
        translated = code_translations.get_python_translations("aftersales_service", lang).get(SUMMARY)
        if translated:
            summaries.add(translated)
    for summary in summaries:
        cr.execute(
            SQL(
                """
                UPDATE mail_activity a
                   SET activity_type_id = %(purchase)s
                  FROM repair_order r
                 WHERE a.res_model = 'repair.order' AND a.res_id = r.id
                   AND a.activity_type_id = %(todo)s
                   AND r.aftersales_request_id IS NOT NULL AND r.parts_need_notified
                   AND a.summary = replace(%(summary)s, '%%(repair)s', r.name)
                """,
                purchase=purchase.id,
                todo=todo.id,
                summary=summary,
            )
        )
