from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesRequestTravel(models.Model):
    """SVC-11: a visit to a customer out of the team's area (异地) needs an approved
    out-of-town application before the technician sets off; its travel expenses and
    subsidies are the request's cost lines."""

    _inherit = "aftersales.request"

    travel_application_ids = fields.One2many(
        "aftersales.travel.application", "request_id", string="Out-of-Town Applications", copy=False
    )
    travel_state = fields.Selection(
        [("to_apply", "To Apply"), ("pending", "Pending Approval"), ("approved", "Approved")],
        string="Out-of-Town Approval",
        compute="_compute_travel_state",
    )
    cost_ids = fields.One2many("aftersales.request.cost", "request_id", string="Service Costs", copy=False)

    @api.depends("service_zone", "travel_application_ids.state")
    def _compute_travel_state(self):
        for request in self:
            states = set(request.travel_application_ids.mapped("state"))
            if request.service_zone != "out_of_area":
                request.travel_state = False
            elif "approved" in states:
                request.travel_state = "approved"
            elif "submitted" in states:
                request.travel_state = "pending"
            else:
                request.travel_state = "to_apply"

    def action_on_my_way(self):
        self._check_travel_approved()
        return super().action_on_my_way()

    def action_arrive(self, *args, **kwargs):
        self._check_travel_approved()
        return super().action_arrive(*args, **kwargs)

    def action_new_travel_application(self):
        self.ensure_one()
        return self.env["aftersales.travel.application"]._get_records_action(
            name=self.env._("Out-of-Town Application"),
            context={"default_request_id": self.id},
        )

    def _check_travel_approved(self):
        for request in self:
            if request.travel_state in ("to_apply", "pending"):
                raise UserError(
                    self.env._(
                        "%(request)s is an out-of-town visit: the team's manager must approve its "
                        "out-of-town application before the technician sets off.",
                        request=request.name,
                    )
                )
