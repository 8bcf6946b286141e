from odoo import api, fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    # FLD-3: a technician's van is an internal location of its own under the team
    # warehouse's view location, so its parts are not counted as the warehouse's stock
    aftersales_van_user_id = fields.Many2one(
        "res.users",
        string="Van of Technician",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The technician who carries this stock in their van.",
    )
    aftersales_is_van = fields.Boolean(
        string="Technician's Van",
        compute="_compute_aftersales_is_van",
        store=True,
        help="A technician's van stock, created by their service team.",
    )

    @api.depends("aftersales_van_user_id")
    def _compute_aftersales_is_van(self):
        for location in self:
            location.aftersales_is_van = bool(location.aftersales_van_user_id)

    @api.model
    def _aftersales_vans(self, users):
        """``{(technician, company): van}`` of ``users``, found in one search. Read with
        sudo: a van belongs to its technician whichever company the reader works in."""
        if not users:
            return {}
        vans = self.sudo().search([("aftersales_van_user_id", "in", users.ids)])
        return {(van.aftersales_van_user_id, van.company_id): van for van in vans}
