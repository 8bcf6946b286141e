"""Upgrade of databases created before 19.0.1.3.0.

- PRT-4: every existing equipment gets a QR label token of its own (a column default
  would have given them all the same one).
"""

from odoo import SUPERUSER_ID, api
from odoo.addons.aftersales_service.models.aftersales_equipment_label import new_label_token


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    for equipment in env["aftersales.equipment"].search([("label_token", "=", False)]):
        equipment.label_token = new_label_token()
