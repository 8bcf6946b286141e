"""Run by ``odoo shell`` on the database installed from the earlier commit: adds, through
that version's own actions, records in every state of its processes, and commits them.
Each step runs in a savepoint; what failed is printed (the test names the steps it needs).
Reads its output path from AFTERSALES_UPGRADE_OUT."""

import json
import os
import traceback
from datetime import datetime, timedelta

from odoo import Command

env = globals()["env"]  # given by odoo shell

done = {}


def step(name, function):
    try:
        with env.cr.savepoint():
            function()
        done[name] = "ok"
    except Exception:
        done[name] = traceback.format_exc(limit=3)


Request = env["aftersales.request"]
demo_request = Request.search([("equipment_id", "!=", False), ("technician_id", "!=", False)], limit=1)
technician = demo_request.technician_id
call_time = datetime.now().replace(microsecond=0) - timedelta(hours=2)


def new_request(symptom):
    request = Request.create(
        {
            "partner_id": demo_request.partner_id.id,
            "equipment_id": demo_request.equipment_id.id,
            "symptom": f"Upgrade check: {symptom}",
            "call_time": call_time,
        }
    )
    if request.to_verify:
        request.action_verify()
    return request


def dispatched(symptom):
    request = new_request(symptom)
    request.technician_id = technician
    request.action_dispatch()
    return request


def on_site(symptom):
    request = dispatched(symptom)
    request.action_arrive()
    return request


def closed(symptom):
    request = on_site(symptom)
    request.write({"work_done": "Fixed", "no_signature_reason": "Customer away"})
    request.action_close()
    return request


step("request_new", lambda: new_request("new"))
step("request_dispatched", lambda: dispatched("dispatched"))
step("request_in_progress", lambda: on_site("on site"))
step("request_done", lambda: closed("done"))
step("request_cancel", lambda: new_request("cancelled").action_cancel())
step("request_in_repair", lambda: on_site("taken back").action_take_back())


def repair_missing_part():
    """A paid repair confirmed without its part in stock: the parts administrator's
    'Parts to purchase' to-do of that version."""
    request = on_site("missing part")
    request.action_take_back()
    repair = request.repair_ids[:1]
    product = env["product.product"].create(
        {"name": "Upgrade check part", "type": "consu", "is_storable": True}
    )
    repair.under_warranty = False
    repair.move_ids = [
        Command.create({"product_id": product.id, "product_uom_qty": 1, "repair_line_type": "add"})
    ]
    repair.action_validate()
    missing_part_activities.extend(repair.activity_ids.ids)


missing_part_activities = []
step("repair_missing_part", repair_missing_part)


def surveys():
    requests = closed("survey sent") | closed("survey answered")
    requests._send_surveys()


step("survey_sent", surveys)

Callback = env["aftersales.callback"]


def callbacks():
    request = closed("callback")
    supervisor = request.team_id.supervisor_id
    satisfaction = Callback._fields["satisfaction"].selection[0][0]
    for state in ("todo", "done", "confirmed", "cancel"):
        callback = Callback.create({"request_id": request.id, "due_date": call_time.date()})
        if state in ("done", "confirmed"):
            callback.write({"result": "reached", "satisfaction": satisfaction})
            callback.action_record_outcome()
        if state == "confirmed":
            callback.with_user(supervisor).action_confirm()
        if state == "cancel":
            callback.action_cancel()


step("callbacks", callbacks)

Complaint = env["aftersales.complaint"]
demo_complaint = Complaint.search([], limit=1)


def complaint(summary, actions):
    record = demo_complaint.copy({"description": f"<p>Upgrade check: {summary}</p>"})
    for action in actions:
        getattr(record, action)()
    return record


step("complaint_new", lambda: complaint("new", []))
step("complaint_accepted", lambda: complaint("accepted", ["action_accept"]))


def investigated():
    record = complaint("investigated", ["action_accept"])
    record.write({"cause": "Worn roller", "corrective_action": "Roller replaced"})
    record.action_submit_investigation()


step("complaint_investigated", investigated)
step("complaint_cancel", lambda: complaint("cancelled", ["action_cancel"]))

Contract = env["aftersales.contract"]
demo_contract = Contract.search([("state", "=", "active")], limit=1)
step("contract_draft", lambda: demo_contract.copy())
step("contract_cancel", lambda: demo_contract.copy().action_cancel())

Travel = env["aftersales.travel.application"]
demo_travel = Travel.search([("state", "=", "submitted")], limit=1)


def travel(decision):
    application = demo_travel.copy()
    application.action_submit()
    getattr(application.with_user(application.approver_id), decision)()


step("travel_draft", lambda: demo_travel.copy())
step("travel_approved", lambda: travel("action_approve"))
step("travel_refused", lambda: travel("action_refuse"))
step(
    "daily_report_submitted",
    lambda: env["aftersales.daily.report"].search([("state", "=", "draft")], limit=1).action_submit(),
)

states = {}
for model in (
    "aftersales.request",
    "aftersales.complaint",
    "aftersales.callback",
    "aftersales.contract",
    "aftersales.travel.application",
    "aftersales.daily.report",
    "repair.order",
):
    groups = env[model].with_context(active_test=False)._read_group([], ["state"], ["__count"])
    states[model] = dict(groups)
env.cr.commit()
with open(os.environ["AFTERSALES_UPGRADE_OUT"], "w") as out:
    json.dump(
        {"steps": done, "states": states, "missing_part_activities": missing_part_activities},
        out,
        indent=1,
        default=str,
    )
print("POPULATE-OK")
