from odoo import fields, models
from odoo.exceptions import UserError

# SVC-10: a technician already on site (or the product in the workshop) is no remote case
REMOTE_STATES = ("new", "dispatched")


class AftersalesRequestRemote(models.Model):
    """SVC-10: technical support (技术支持) diagnoses by phone or remote help and solves
    the request without a visit; it is closed through the visit's close path, so the
    register entry is cleared and the survey and callback follow as for a visit."""

    _inherit = "aftersales.request"

    resolved_remotely = fields.Boolean(readonly=True, copy=False, tracking=True)

    def action_open_remote_resolution(self):
        self.ensure_one()
        self._check_remote_resolvable()
        return self.env["aftersales.remote.wizard"]._get_records_action(
            name=self.env._("Resolved Remotely"), target="new", context={"default_request_id": self.id}
        )

    def _check_remote_resolvable(self):
        for request in self:
            if request.state not in REMOTE_STATES or request.on_my_way_time:
                raise UserError(
                    self.env._(
                        "%(request)s cannot be resolved remotely: a technician is already on the "
                        "way, on site or the product is in the workshop.",
                        request=request.name,
                    )
                )

    def _resolve_remotely(self, solution, hours, user):
        """Record the solution and the time spent, then close as a visit closes."""
        self._check_remote_resolvable()
        if not (solution or "").strip():
            raise UserError(self.env._("Describe the solution given to the customer."))
        if hours <= 0:
            raise UserError(self.env._("Enter the time spent on the remote support."))
        for request in self:
            request.write(
                {
                    "work_done": solution.strip(),
                    "resolved_remotely": True,
                    "time_entry_ids": [
                        fields.Command.create(
                            {"user_id": user.id, "hours": hours, "description": solution.strip()}
                        )
                    ],
                }
            )
        self._close()
        return True

    def _is_chargeable_on_close(self):
        """SVC-7 / SVC-10: paid service is quoted on close; remote support only when the
        team charges for it."""
        self.ensure_one()
        if self.category != "A":
            return False
        return not self.resolved_remotely or bool(self.team_id.remote_support_rate)
