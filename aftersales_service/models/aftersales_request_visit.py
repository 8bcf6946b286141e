from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AftersalesRequestVisit(models.Model):
    """SVC-3 / SVC-6: the visit — arrival on site, the work and time spent, the parts
    consumed, the customer's signature on the service voucher and the close."""

    _inherit = "aftersales.request"

    # --- on-site completion and voucher ---------------------------------------
    arrival_time = fields.Datetime(tracking=True, copy=False)
    work_done = fields.Text()
    time_entry_ids = fields.One2many("aftersales.time.entry", "request_id", string="Time Spent", copy=False)
    time_spent = fields.Float(string="Hours Spent", compute="_compute_time_spent", store=True)
    part_ids = fields.One2many("aftersales.request.part", "request_id", string="Parts Used", copy=False)
    signature = fields.Binary(string="Customer Signature", copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    no_signature_reason = fields.Text(
        string="Reason for No Signature",
        copy=False,
        help="Required to close a request the customer did not sign.",
    )
    close_time = fields.Datetime(string="Closed On", readonly=True, copy=False)
    part_move_ids = fields.One2many(
        "stock.move", "aftersales_request_id", string="Part Moves", readonly=True, copy=False
    )

    # --- computes -------------------------------------------------------------
    @api.depends("time_entry_ids.hours")
    def _compute_time_spent(self):
        for request in self:
            request.time_spent = sum(request.time_entry_ids.mapped("hours"))

    # --- constraints ----------------------------------------------------------
    @api.constrains("arrival_time", "call_time")
    def _check_arrival_after_call(self):
        for request in self:
            if request.arrival_time and request.call_time and request.arrival_time < request.call_time:
                raise ValidationError(
                    self.env._(
                        "%(request)s: the technician cannot arrive before the customer called.",
                        request=request.name,
                    )
                )

    # --- actions --------------------------------------------------------------
    def action_arrive(self):
        now = fields.Datetime.now()
        for request in self:
            if request.state != "dispatched":
                raise UserError(
                    self.env._(
                        "Only dispatched requests can be marked as arrived (%(request)s).",
                        request=request.name,
                    )
                )
            request.write({"state": "in_progress", "arrival_time": request.arrival_time or now})
        return True

    def action_close(self):
        """SVC-6: close with the customer's signature (or the reason there is none);
        the register entry is cleared at the same time."""
        for request in self:
            if request.state != "in_progress":
                raise UserError(
                    self.env._(
                        "%(request)s can only be closed once the technician is on site.",
                        request=request.name,
                    )
                )
            if not request.work_done:
                raise UserError(
                    self.env._("Describe the work done before closing %(request)s.", request=request.name)
                )
            if not request.signature and not (request.no_signature_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(request)s needs the customer's signature on the service voucher, or "
                        "the reason why the customer did not sign.",
                        request=request.name,
                    )
                )
        self._close()
        return True

    @api.readonly
    def action_print_voucher(self):
        return self.env.ref("aftersales_service.action_report_service_voucher").report_action(self)

    # --- business helpers -----------------------------------------------------
    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Service Voucher - %(request)s", request=self.name)

    def _is_signable_by_customer(self):
        """PRT-3: the customer signs the voucher once the technician is on site or has
        closed the visit without a signature; a signed voucher is never signed again."""
        self.ensure_one()
        return self.state in ("in_progress", "in_repair", "done") and not self.signature

    def _sign_by_customer(self, name, signature):
        self.ensure_one()
        if self.signature:
            raise UserError(self.env._("The voucher of %(request)s is already signed.", request=self.name))
        if not self._is_signable_by_customer():
            raise UserError(
                self.env._(
                    "The voucher of %(request)s can be signed once the technician is on site.",
                    request=self.name,
                )
            )
        if not (name or "").strip() or not signature:
            raise UserError(self.env._("Write your name and sign before confirming."))
        self.write({"signature": signature, "signed_by": name.strip(), "no_signature_reason": False})
        self.message_post(
            body=self.env._("Service voucher signed online by %(name)s.", name=name.strip()),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _close(self):
        """What closing a visit does: the parts leave stock, the register entry is
        cleared and paid service gets its quotation."""
        self._consume_parts()
        self.write({"state": "done", "close_time": fields.Datetime.now()})
        self.filtered(lambda r: r._is_chargeable_on_close())._create_sale_orders()

    def _consume_parts(self):
        """SVC-6 / RPR-6 / FLD-3: the parts written on the vouchers leave the
        technician's van (the team's stock when they have none) for the customer. Stock
        is checked for every part first, so a shortage stops the close with nothing
        consumed."""
        lines = self.part_ids
        if not lines:
            return
        # one parts location per request, not per line
        location_of = self._get_parts_locations()
        self._check_parts_in_stock(lines, location_of)
        customer_location = self.env.ref("stock.stock_location_customers")
        moves = (
            self.env["stock.move"]
            .sudo()
            .create(
                [
                    {
                        "product_id": line.product_id.id,
                        "product_uom": line.uom_id.id,
                        "product_uom_qty": line.quantity,
                        "location_id": location_of[line.request_id].id,
                        "location_dest_id": customer_location.id,
                        "partner_id": line.request_id.partner_id.id,
                        "origin": line.request_id.name,
                        "company_id": line.request_id.company_id.id,
                        "aftersales_request_id": line.request_id.id,
                    }
                    for line in lines
                ]
            )
        )
        # technicians have no inventory rights: the move is the system's record of
        # what they used, written with sudo like a validated delivery would be
        moves._action_confirm()
        moves._action_assign()
        for move in moves:
            move.quantity = move.product_uom_qty
        moves.picked = True
        moves._action_done()

    def _check_parts_in_stock(self, lines, location_of):
        """Refuse, listing every shortage at once and where else the part is, when the
        parts locations (``location_of[request]``) hold less of a stored part than
        ``lines`` use. The stock of all the parts is read in one grouped query."""
        needed = defaultdict(float)
        for line in lines.filtered(lambda part: part.product_id.is_storable):
            location = location_of[line.request_id]
            needed[location, line.product_id, line.company_id] += line.uom_id._compute_quantity(
                line.quantity, line.product_id.uom_id
            )
        stock = lines._read_stock()
        shortages = []
        for (location, product, company), quantity in needed.items():
            product_stock = stock.get((product, company), {})
            available = lines._available_in(product, product_stock, location)
            if product.uom_id.compare(available, quantity) < 0:
                shortage = self.env._(
                    "%(product)s: %(needed)s needed, %(available)s available in %(location)s",
                    product=product.display_name,
                    needed=quantity,
                    available=available,
                    location=location.display_name,
                )
                elsewhere = lines._format_elsewhere(product, product_stock, location)
                if elsewhere:
                    shortage += " " + self.env._("(available elsewhere: %(locations)s)", locations=elsewhere)
                shortages.append(shortage)
        if shortages:
            raise UserError(
                self.env._(
                    "Not enough parts in stock; nothing was consumed.\n%(lines)s", lines="\n".join(shortages)
                )
            )
