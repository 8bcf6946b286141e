"""Run by ``odoo shell`` once the modules are gone: the registry loads, and what a user
opens first still works: the menus of every app (each menu's action readable), and the
form views of the models the modules had extended."""

import json
import os
import traceback

env = globals()["env"]  # given by odoo shell

problems = []
menus = env["ir.ui.menu"].load_menus(False)
for menu in env["ir.ui.menu"].browse([key for key in menus if isinstance(key, int)]):
    try:
        if menu.action:
            menu.action.sudo().read()
    except Exception:
        problems.append(f"menu {menu.complete_name}: {traceback.format_exc(limit=2)}")
for model in ("res.partner", "repair.order", "sale.order", "stock.picking", "product.template", "res.users"):
    if model in env:
        try:
            env[model].get_views([(False, "form"), (False, "list"), (False, "search")])
        except Exception:
            problems.append(f"views of {model}: {traceback.format_exc(limit=2)}")
with open(os.environ["AFTERSALES_UPGRADE_OUT"], "w") as out:
    json.dump({"problems": problems}, out, indent=1)
print("AFTER-UNINSTALL-OK")
