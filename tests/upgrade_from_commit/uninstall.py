"""Run by ``odoo shell`` on the upgraded database: uninstalls the three modules the way
the Apps screen does (which commits and reloads the registry)."""

env = globals()["env"]  # given by odoo shell

modules = env["ir.module.module"].search(
    [("name", "in", ["aftersales_service", "aftersales_survey", "aftersales_complaint"])]
)
assert len(modules) == 3, modules.mapped("name")
modules.button_immediate_uninstall()
print("UNINSTALL-OK")
