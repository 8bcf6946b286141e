"""Upgrade of databases created before 19.0.1.1.0.

- Scheduled actions are ``noupdate`` data: their names still end with the rule ID
  they were written with (X-2 keeps rule IDs out of what users see).
- ``verification_issues`` held English words; it now holds codes that are shown in
  the reader's language (X-1).
"""

from odoo import SUPERUSER_ID, api
from odoo.addons.aftersales_service.migrations import strip_rule_ids


def migrate(cr, version):
    strip_rule_ids(cr, "aftersales_service")
    env = api.Environment(cr, SUPERUSER_ID, {})
    requests = env["aftersales.request"].with_context(active_test=False).search([("to_verify", "=", True)])
    env.add_to_compute(requests._fields["verification_issues"], requests)
    requests.flush_recordset(["verification_issues", "to_verify"])
