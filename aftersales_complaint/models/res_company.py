from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # CMP-11: who signs the discount certificate (销货折扣证明单) for the company
    aftersales_sales_vp_id = fields.Many2one(
        "res.users",
        string="Sales Vice-President",
        help="Signs the discount certificate of a complaint before its credit note is posted.",
    )
    # CMP-11: who receives the HR notice (人事公布单) of the administrative sanctions
    aftersales_hr_manager_id = fields.Many2one(
        "res.users",
        string="HR Notice Recipient",
        domain=[("share", "=", False)],
        help="Human resources: receives the HR notice of the administrative sanctions, with an activity "
        "to publish it, when a monthly complaint review is issued.",
    )
    # CMP-12: the emergency response group (应急小组) and its leader
    aftersales_emergency_user_ids = fields.Many2many(
        "res.users",
        "res_company_aftersales_emergency_user_rel",
        "company_id",
        "user_id",
        string="Emergency Response Group",
        help="Alerted when a complaint is serious or a service request is marked as an emergency.",
    )
    aftersales_emergency_leader_id = fields.Many2one(
        "res.users",
        string="Emergency Leader",
        help="Gets an activity for each emergency and leads its handling.",
    )
