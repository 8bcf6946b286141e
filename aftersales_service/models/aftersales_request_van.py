from odoo import api, fields, models


class AftersalesRequestVan(models.Model):
    """FLD-3: parts used on site leave the technician's van; a technician without a
    van in the request's company takes them from the team's parts warehouse."""

    _inherit = "aftersales.request"

    parts_location_id = fields.Many2one(
        "stock.location",
        string="Parts From",
        compute="_compute_parts_location_id",
        help="Where the parts of this job are taken from: the technician's van, else the team's warehouse.",
    )

    @api.depends("technician_id", "team_id", "company_id")
    def _compute_parts_location_id(self):
        locations = self.sudo()._get_parts_locations()
        for request in self:
            request.parts_location_id = locations.get(request.sudo(), False)

    def _get_parts_location(self):
        self.ensure_one()
        return self._get_parts_locations()[self]

    def _get_parts_locations(self):
        """``{request: location its parts are taken from}``: one search for the
        technicians' vans and one warehouse look-up per team, however many requests."""
        vans = self.env["stock.location"]._aftersales_vans(self.technician_id._origin)
        team_locations = {team: team._get_parts_location() for team in self.team_id}
        empty = self.env["stock.location"]
        return {
            request: vans.get((request.technician_id._origin, request.company_id._origin))
            or team_locations.get(request.team_id, empty)
            for request in self
        }
