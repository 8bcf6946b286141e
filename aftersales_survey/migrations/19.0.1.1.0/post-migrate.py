"""Upgrade of databases created before 19.0.1.1.0.

- SUR-1: an opinion survey sent without its own invite token counts against the
  customer's single attempt, so the customer could answer only one of them: every
  unanswered one gets its token, as new ones do.
- X-2: scheduled action names without their rule ID.
"""

from odoo.addons.aftersales_service.migrations import strip_rule_ids


def migrate(cr, version):
    cr.execute(
        """
        UPDATE survey_user_input
           SET invite_token = gen_random_uuid()::text
         WHERE aftersales_request_id IS NOT NULL
           AND invite_token IS NULL
           AND state != 'done'
        """
    )
    strip_rule_ids(cr, "aftersales_survey")
