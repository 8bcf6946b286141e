from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.activities import create_activities
from ..tools.reader_locale import reader_envs

PARTS_PURCHASE_STATES = [("on_order", "On Order"), ("received", "Received")]


class AftersalesPartsPurchaseMixin(models.AbstractModel):
    """RPR-9: a job short of parts buys them through Odoo's purchase flow. Each missing
    part with a vendor becomes a line of that vendor's draft RFQ, linked to the job; a
    part already on order for the job is not ordered twice; the job shows its parts on
    order, then received, with the purchase orders' names; once everything on order has
    been received, the job's people are told, each in their own language.

    Carry-in repairs and on-site service requests share it. Each model declares
    ``aftersales_purchase_line_ids`` (the one2many of the ``purchase.order.line`` field
    named in ``_parts_purchase_link``) and says what is missing
    (:meth:`_get_parts_needs`, with the fields it reads in ``_parts_needs_depends``)
    and who is told (:meth:`_get_parts_received_users`)."""

    _name = "aftersales.parts.purchase.mixin"
    _description = "Missing Parts Bought Through Purchase"

    _parts_purchase_link = None
    _parts_needs_depends = ()

    aftersales_parts_state = fields.Selection(
        PARTS_PURCHASE_STATES,
        string="Parts Purchase",
        compute="_compute_aftersales_parts_state",
        help="On Order: the missing parts are bought from their vendors; Received: all of them have arrived.",
    )
    aftersales_parts_orders = fields.Char(string="Purchase Orders", compute="_compute_aftersales_parts_state")
    aftersales_parts_to_order = fields.Boolean(
        string="Parts to Order",
        compute="_compute_aftersales_parts_to_order",
        help="A part the job needs is missing and not on order yet.",
    )
    parts_received_notified = fields.Boolean(readonly=True, copy=False)

    @api.depends("aftersales_purchase_line_ids.qty_received", "aftersales_purchase_line_ids.state")
    def _compute_aftersales_parts_state(self):
        lines_of = self._get_parts_purchase_lines()
        for job in self:
            lines = lines_of[job]
            job.aftersales_parts_orders = ", ".join(lines.order_id.mapped("name")) or False
            if not lines:
                job.aftersales_parts_state = False
            elif all(line.product_uom_id.compare(line.qty_received, line.product_qty) >= 0 for line in lines):
                job.aftersales_parts_state = "received"
            else:
                job.aftersales_parts_state = "on_order"

    @api.depends(
        lambda self: (
            "aftersales_purchase_line_ids.product_id",
            "aftersales_purchase_line_ids.state",
            *self._parts_needs_depends,
        )
    )
    def _compute_aftersales_parts_to_order(self):
        lines_of = self._get_parts_purchase_lines()
        needs_of = self._get_parts_needs()
        for job in self:
            ordered = lines_of[job].product_id
            job.aftersales_parts_to_order = any(
                product not in ordered for product, _qty, _uom in needs_of[job]
            )

    # --- actions --------------------------------------------------------------
    def action_order_missing_parts(self):
        """Buy what the job is missing now; a part already on order is not ordered twice."""
        self.ensure_one()
        needs = self._get_parts_needs()[self]
        if not needs:
            raise UserError(self.env._("%(job)s has no missing parts.", job=self.display_name))
        if not self._order_missing_parts():
            ordered = self._get_parts_purchase_lines()[self].product_id
            without_vendor = [product for product, _qty, _uom in needs if product not in ordered]
            if without_vendor:
                raise UserError(
                    self.env._(
                        "%(parts)s: no vendor to order from. Ask purchasing to add one to the part.",
                        parts=", ".join(product.display_name for product in without_vendor),
                    )
                )
            raise UserError(
                self.env._(
                    "The missing parts of %(job)s are already on order (%(orders)s): nothing was ordered again.",
                    job=self.display_name,
                    orders=self.aftersales_parts_orders,
                )
            )
        return True

    # --- business helpers -----------------------------------------------------
    def _get_parts_needs(self):
        """``{job: [(product, quantity, uom)]}``: what each job is missing."""
        raise NotImplementedError

    def _get_parts_received_users(self):
        """``{job: users}``: who is told that the job's parts have arrived."""
        raise NotImplementedError

    def _get_parts_picking_types(self):
        """``{job: the receipt its parts come in by}``; none: the purchase order's default."""
        return dict.fromkeys(self, self.env["stock.picking.type"])

    def _get_parts_purchase_lines(self):
        """``{job: its purchase lines that are not cancelled}``, read as superuser: the
        job's people see what is on order without purchase rights."""
        return {
            job: as_superuser.aftersales_purchase_line_ids.filtered(lambda line: line.state != "cancel")
            for job, as_superuser in zip(self, self.sudo(), strict=True)
        }

    def _order_missing_parts(self):
        """One RFQ line per missing part that has a vendor and is not on order for the
        job yet, on the vendor's draft RFQ; returns the lines created."""
        lines_of = self._get_parts_purchase_lines()
        receipt_of = self._get_parts_picking_types()
        to_buy = defaultdict(list)  # {(vendor, company, receipt type): [(job, product, qty, uom)]}
        for job, needs in self._get_parts_needs().items():
            ordered = lines_of[job].product_id
            for product, quantity, uom in needs:
                seller = product._select_seller(quantity=quantity, uom_id=uom)
                if product in ordered or not seller:
                    continue
                to_buy[seller.partner_id, job.company_id, receipt_of[job]].append(
                    (job, product, quantity, uom)
                )
                ordered |= product
        vals_list = []
        for (vendor, company, picking_type), rows in to_buy.items():
            order = self._get_parts_rfq(vendor, company, picking_type, [job for job, *_rest in rows])
            vals_list += [
                {
                    "order_id": order.id,
                    "product_id": product.id,
                    "product_qty": quantity,
                    "product_uom_id": uom.id,
                    self._parts_purchase_link: job.id,
                }
                for job, product, quantity, uom in rows
            ]
        # the need is raised from the job: its people have no purchase rights
        lines = self.env["purchase.order.line"].sudo().create(vals_list)
        # parts ordered after an earlier arrival are told again once they arrive
        lines[self._parts_purchase_link].filtered("parts_received_notified").parts_received_notified = False
        return lines

    @api.model
    def _get_parts_rfq(self, vendor, company, picking_type, jobs):
        """The vendor's open draft RFQ of ``company`` (coming in by ``picking_type``
        when given), or a new one; its source document names ``jobs``."""
        PurchaseOrder = self.env["purchase.order"].sudo()
        domain = [("partner_id", "=", vendor.id), ("state", "=", "draft"), ("company_id", "=", company.id)]
        if picking_type:
            domain.append(("picking_type_id", "=", picking_type.id))
        order = PurchaseOrder.search(domain, limit=1)
        names = list(dict.fromkeys(job.display_name for job in jobs))
        if not order:
            vals = {"partner_id": vendor.id, "company_id": company.id, "origin": ", ".join(names)}
            if picking_type:
                vals["picking_type_id"] = picking_type.id
            return PurchaseOrder.create(vals)
        origins = (order.origin or "").split(", ")
        new_names = [name for name in names if name not in origins]
        if new_names:
            order.origin = ", ".join(filter(None, [order.origin, *new_names]))
        return order

    def _notify_parts_received(self):
        """An activity for each of the job's people once everything on order for it has
        been received, written in each reader's language; once per order round. Read
        and marked as superuser: whoever receives the parts in the warehouse may have
        no rights on the job."""
        jobs = self.sudo().filtered(
            lambda job: job.aftersales_parts_state == "received" and not job.parts_received_notified
        )
        if not jobs:
            return
        users_of = jobs._get_parts_received_users()
        lines_of = jobs._get_parts_purchase_lines()
        env_of = reader_envs(self.env, self.env["res.users"].union(*users_of.values()))
        rows = []
        for job, users in users_of.items():
            for user in users:
                env = env_of[user.id]
                parts = ", ".join(lines_of[job].product_id.with_env(env).mapped("display_name"))
                rows.append(
                    {
                        "res_id": job.id,
                        "res_name": job.display_name,
                        "user_id": user.id,
                        "summary": env._("Parts received for %(job)s", job=job.display_name),
                        "note": Markup("<p>%s</p>") % parts,
                    }
                )
        create_activities(self.env, self._name, "mail.mail_activity_data_todo", rows)
        jobs.parts_received_notified = True
