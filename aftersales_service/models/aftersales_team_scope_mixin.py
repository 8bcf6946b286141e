from odoo import api, fields, models
from odoo.fields import Domain


class AftersalesTeamScopeMixin(models.AbstractModel):
    """RPT-3: "my teams" — the records of the teams the user supervises or belongs to,
    or of every team for a manager. Customer service reads every request of the company;
    the manager's dashboard and the *My Teams* filter narrow a supervisor to their own."""

    _name = "aftersales.team.scope.mixin"
    _description = "Records of the User's Teams"

    _scope_team_field = "team_id"

    in_my_teams = fields.Boolean(
        string="In My Teams",
        compute="_compute_in_my_teams",
        search="_search_in_my_teams",
        help="Of a team you supervise or belong to (every team for a manager).",
    )

    @api.depends_context("uid")
    def _compute_in_my_teams(self):
        mine = self.filtered_domain(self._my_teams_domain())
        for record in self:
            record.in_my_teams = record in mine

    def _search_in_my_teams(self, operator, value):
        if operator != "in":
            return NotImplemented
        mine = self._my_teams_domain()
        return mine if True in value else ~mine

    @api.model
    def _my_teams_domain(self):
        if self.env.user.has_group("aftersales_service.group_aftersales_manager"):
            return Domain.TRUE
        team = self._scope_team_field
        return Domain(f"{team}.supervisor_id", "=", self.env.uid) | Domain(
            f"{team}.member_ids", "in", self.env.uid
        )
