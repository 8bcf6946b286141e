"""Upgrade of databases created before 19.0.1.2.0.

- CTR-6: while aftersales_service is updated, a record it loads can touch an equipment's
  requests; the equipment's next maintenance date is then recomputed before this module's
  rule (a later date agreed on a callback) is loaded, and keeps the product's interval.
  The dates of the equipment with an agreed date are computed again, with the rule.
"""

from odoo import SUPERUSER_ID, api
from odoo.addons.aftersales_survey.models.aftersales_equipment import RECORDED_CALLBACK_STATES


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    callbacks = env["aftersales.callback"].search(
        [("state", "in", RECORDED_CALLBACK_STATES), ("next_maintenance_date", "!=", False)]
    )
    equipment = callbacks.request_id.equipment_id
    env.add_to_compute(equipment._fields["next_maintenance_date"], equipment)
    env.flush_all()
