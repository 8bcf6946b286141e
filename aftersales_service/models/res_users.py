from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import SERVICE_ZONES


class ResUsers(models.Model):
    _inherit = "res.users"

    aftersales_van_location_id = fields.Many2one(
        "stock.location",
        string="Van Stock",
        compute="_compute_aftersales_van_location_id",
        help="The technician's own stock location in the current company: the parts carried "
        "in the van, used on site and refilled from the team's warehouse.",
    )

    # DSP-2: what the dispatcher's suggestions weigh
    aftersales_skill_category_ids = fields.Many2many(
        "product.category",
        "aftersales_user_skill_category_rel",
        "user_id",
        "category_id",
        string="Can Service",
        help="The product categories the technician can service (and those below them).",
    )
    aftersales_service_zone = fields.Selection(
        SERVICE_ZONES, string="Works In", help="The service zone the technician covers; empty: all."
    )
    # SVC-13: what an hour of the technician's work costs the company
    aftersales_cost_rate = fields.Float(
        string="Cost per Hour",
        digits="Product Price",
        groups="aftersales_service.group_aftersales_manager",
        help="What one hour of this technician's work costs the company (wages and charges), "
        "in the company's currency: the labour cost of the service cost and margin report.",
    )

    @api.constrains("aftersales_cost_rate")
    def _check_aftersales_cost_rate(self):
        if any(user.aftersales_cost_rate < 0 for user in self):
            raise ValidationError(self.env._("A technician's cost per hour cannot be negative."))

    @api.depends_context("company")
    def _compute_aftersales_van_location_id(self):
        # FLD-3: the van holds its technician (stock.location.aftersales_van_user_id), one
        # per company the technician works for
        vans = self.env["stock.location"]._aftersales_vans(self._origin)
        for user in self:
            user.aftersales_van_location_id = vans.get((user._origin, self.env.company), False)

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._aftersales_land_technicians_on_my_day()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._aftersales_land_technicians_on_my_day()
        return result

    def _aftersales_land_technicians_on_my_day(self):
        """FLD-1: a field technician (not a desk user) opens the product on My Day, not on
        Discuss; a home action someone chose is kept."""
        my_day = self.env.ref("aftersales_service.action_aftersales_my_day", raise_if_not_found=False)
        if not my_day:
            return
        technicians = self.filtered(
            lambda user: (
                not user.action_id
                and user.has_group("aftersales_service.group_aftersales_technician")
                and not user.has_group("aftersales_service.group_aftersales_user")
            )
        )
        if technicians:
            technicians.sudo().action_id = my_day.id
