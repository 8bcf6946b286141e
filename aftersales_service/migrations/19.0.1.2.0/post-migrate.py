"""Upgrade of databases created before 19.0.1.2.0.

- FLD-3: the technicians of the existing teams get their van (a team creates the vans
  of the technicians it gains from now on).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["aftersales.team"].search([])._create_vans()
