"""Upgrade of databases created before 19.0.1.1.0: scheduled action names without
their rule ID (X-2)."""

from odoo.addons.aftersales_service.migrations import strip_rule_ids


def migrate(cr, version):
    strip_rule_ids(cr, "aftersales_complaint")
