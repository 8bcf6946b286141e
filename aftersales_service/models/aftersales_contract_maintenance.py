from odoo import api, fields, models


class AftersalesContractMaintenance(models.Model):
    """CTR-5: the contract's preventive maintenance plan, its planned visits and the
    ones missed. Renewal copies the contract, and with it the plan lines."""

    _inherit = "aftersales.contract"

    plan_ids = fields.One2many(
        "aftersales.contract.plan", "contract_id", string="Maintenance Plan", copy=True
    )
    maintenance_request_count = fields.Integer(
        string="Planned Maintenance", compute="_compute_maintenance_counts"
    )
    missed_maintenance_count = fields.Integer(
        string="Missed Maintenance", compute="_compute_maintenance_counts"
    )

    @api.depends("request_ids.request_type", "request_ids.state")
    def _compute_maintenance_counts(self):
        Request = self.env["aftersales.request"]
        domain = [("contract_id", "in", self.ids), ("request_type", "=", "maintenance")]
        planned = dict(Request._read_group(domain, ["contract_id"], ["__count"]))
        missed = dict(
            Request._read_group([*domain, ("maintenance_missed", "=", True)], ["contract_id"], ["__count"])
        )
        for contract in self:
            contract.maintenance_request_count = planned.get(contract, 0)
            contract.missed_maintenance_count = missed.get(contract, 0)

    @api.readonly
    def action_view_maintenance_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_planned_maintenance"
        )
        action["domain"] = [("contract_id", "=", self.id), ("request_type", "=", "maintenance")]
        action["context"] = {"create": False}
        return action
