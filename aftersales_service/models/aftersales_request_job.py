from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.cron_batches import commit_cron_progress, take_batch
from ..tools.reader_locale import local_datetime_formatter

# what the customer's address and contact are: the desk's, a technician only reads them
CUSTOMER_FIELDS = {"partner_id", "contact_name", "street", "phone", "email", "service_zone"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024
EQUIPMENT_HISTORY = 5


class AftersalesRequestJob(models.Model):
    """FLD-2: the job screen's steps — arrival with the phone's location, the work
    timer, parts in two taps, photos, the customer's sign-off screen, the payment and
    the close, after which the signed voucher is mailed to the customer."""

    _inherit = "aftersales.request"

    arrival_latitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    arrival_longitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    timer_start = fields.Datetime(string="Timer Started", readonly=True, copy=False)
    photo_before_ids = fields.Many2many(
        "ir.attachment",
        "aftersales_request_photo_before_rel",
        "request_id",
        "attachment_id",
        string="Photos Before",
        copy=False,
    )
    photo_after_ids = fields.Many2many(
        "ir.attachment",
        "aftersales_request_photo_after_rel",
        "request_id",
        "attachment_id",
        string="Photos After",
        copy=False,
    )
    equipment_history_ids = fields.Many2many(
        "aftersales.request",
        compute="_compute_equipment_history_ids",
        string="Last Visits",
        help="The latest closed visits on the same equipment.",
    )
    last_visit = fields.Char(
        compute="_compute_last_visit",
        help="The equipment's latest closed visit, shown to the clerk while the customer calls.",
    )
    amount_remaining = fields.Monetary(
        string="Still Due",
        compute="_compute_amount_remaining",
        help="The amount due less what was collected on site.",
    )
    charge_label = fields.Char(string="Charge", compute="_compute_charge_label")
    voucher_mail_pending = fields.Boolean(readonly=True, copy=False)

    # --- computes -------------------------------------------------------------
    @api.depends("equipment_id")
    def _compute_equipment_history_ids(self):
        # one query for the batch: the equipment's closed visits, newest first
        closed = self.search_fetch(
            [("equipment_id", "in", self.equipment_id.ids), ("state", "=", "done")],
            ["equipment_id", "close_time"],
            order="close_time desc, id desc",
        )
        by_equipment = closed.grouped("equipment_id")
        for request in self:
            history = by_equipment.get(request.equipment_id, closed.browse()) - request
            request.equipment_history_ids = history[:EQUIPMENT_HISTORY]

    @api.depends("equipment_history_ids")
    @api.depends_context("lang", "tz")
    def _compute_last_visit(self):
        format_local = local_datetime_formatter(self.env)
        tz = self.env.context.get("tz") or self.env.user.tz
        for request in self:
            last = request.equipment_history_ids[:1]
            if not last:
                request.last_visit = False  # not the empty recordset, which showed as "aftersales.request()"
                continue
            request.last_visit = " · ".join(
                part
                for part in (
                    format_local(last.close_time, tz),
                    last.technician_id.name,
                    last.work_done or last.symptom,
                )
                if part
            )

    @api.depends("amount_due", "cash_amount")
    def _compute_amount_remaining(self):
        for request in self:
            request.amount_remaining = max(request.amount_due - request.cash_amount, 0.0)

    @api.depends("category")
    @api.depends_context("lang")
    def _compute_charge_label(self):
        labels = {
            "B": self.env._("Contract service: no charge"),
            "C": self.env._("Warranty service: free"),
        }
        for request in self:
            request.charge_label = labels.get(request.category, False)

    # --- constraints ----------------------------------------------------------
    @api.constrains("photo_before_ids", "photo_after_ids")
    def _check_photos(self):
        for request in self:
            for photo in request.photo_before_ids | request.photo_after_ids:
                if not (photo.mimetype or "").startswith("image/"):
                    raise ValidationError(
                        self.env._("%(file)s is not a photo: attach images only.", file=photo.name)
                    )
                if photo.file_size > PHOTO_MAX_BYTES:
                    raise ValidationError(
                        self.env._(
                            "%(file)s is too large (%(size)s MB): photos up to %(limit)s MB.",
                            file=photo.name,
                            size=round(photo.file_size / 1024 / 1024, 1),
                            limit=PHOTO_MAX_BYTES // 1024 // 1024,
                        )
                    )

    # --- CRUD -----------------------------------------------------------------
    def write(self, vals):
        if CUSTOMER_FIELDS & set(vals) and self._is_technician_only():
            raise AccessError(
                self.env._(
                    "The customer and the address are kept by the service desk: call them to change it."
                )
            )
        return super().write(vals)

    # --- actions --------------------------------------------------------------
    def action_arrive(self, latitude=None, longitude=None):
        """FLD-2: the technician's arrival on site starts their work timer; the phone's
        location is kept when the phone gave it."""
        for request in self:
            request._check_own_job()
        result = super().action_arrive()
        if latitude is not None and longitude is not None:
            self.write({"arrival_latitude": latitude, "arrival_longitude": longitude})
        # the timer is the technician's own: the desk recording an arrival starts none
        self.filtered(
            lambda request: request.technician_id == self.env.user and not request.timer_start
        ).write({"timer_start": fields.Datetime.now()})
        return result

    def action_start_timer(self):
        self.ensure_one()
        self._check_own_job()
        if self.state != "in_progress":
            raise UserError(self.env._("Mark your arrival before starting the work timer."))
        running = self.search(
            [("technician_id", "=", self.env.uid), ("timer_start", "!=", False), ("id", "!=", self.id)],
            limit=1,
        )
        if running:
            raise UserError(
                self.env._("Your timer is still running on %(request)s: stop it first.", request=running.name)
            )
        if not self.timer_start:
            self.timer_start = fields.Datetime.now()
        return True

    def action_stop_timer(self):
        """The time since the timer started becomes a time entry of the technician (one
        create for the batch: closing many requests stops their timers at once)."""
        running = self.filtered("timer_start")
        if not running:
            return True
        now = fields.Datetime.now()
        self.env["aftersales.time.entry"].create(
            [
                {
                    "request_id": request.id,
                    "user_id": self.env.uid,
                    "date": fields.Date.context_today(self, request.timer_start),
                    "hours": round(max((now - request.timer_start).total_seconds() / 3600, 1 / 60), 2),
                    "start_time": request.timer_start,
                    "end_time": now,
                }
                for request in running
            ]
        )
        running.timer_start = False
        return True

    def action_add_parts(self, product_ids):
        """FLD-2: one of each part on the job (one more when it is already there)."""
        self.ensure_one()
        self._check_own_job()
        if self.state != "in_progress":
            raise UserError(self.env._("Parts are added once you are on site."))
        products = self.env["product.product"].browse(product_ids)
        for product in products:
            line = self.part_ids.filtered(lambda part, product=product: part.product_id == product)[:1]
            if line:
                line.quantity += 1
            else:
                self.env["aftersales.request.part"].create({"request_id": self.id, "product_id": product.id})
        return True

    def action_open_signoff(self):
        """FLD-2: the customer's sign-off screen: what was done, the time, the parts and
        what it costs; the work timer stops, the work being done."""
        self.ensure_one()
        self.action_stop_timer()
        return self._get_records_action(
            name=self.env._("Customer Sign-Off"),
            target="new",
            views=[(self.env.ref("aftersales_service.view_aftersales_request_signoff_form").id, "form")],
            context={"dialog_size": "medium"},
        )

    def action_confirm_signoff(self):
        """The customer signed: paid service goes on to the payment, with the amount due."""
        self.ensure_one()
        if not self.signature:
            raise UserError(self.env._("The customer has not signed yet."))
        if self.category == "A" and self.amount_remaining and not self.cash_payment_id:
            action = self.action_open_cash_wizard()
            # the payment is the visit's last step: it offers to close the job with it
            action["context"] = dict(action["context"], aftersales_then_close=self.state == "in_progress")
            return action
        return {"type": "ir.actions.act_window_close"}

    def action_close(self):
        """FLD-2: once closed, the signed voucher goes to the customer by mail (sent by a
        scheduled action triggered at once, so the technician never waits for the PDF)
        and the technician sees it is done."""
        self.action_stop_timer()
        super().action_close()
        to_mail = self.filtered(lambda request: request.signature and request.email)
        if to_mail:
            to_mail.voucher_mail_pending = True
            self.env.ref("aftersales_service.ir_cron_aftersales_send_vouchers")._trigger()
        if len(self) != 1:
            return True
        message = (
            self.env._(
                "%(request)s is closed. The signed voucher is being mailed to %(email)s.",
                request=self.name,
                email=self.email,
            )
            if to_mail
            else self.env._("%(request)s is closed.", request=self.name)
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # --- crons ----------------------------------------------------------------
    @api.model
    def _cron_send_vouchers(self, batch_size=20):
        """FLD-2: the signed vouchers of closed visits, each a mail with its PDF, a batch
        a run; the scheduler is told what is left."""
        pending = self.search(
            [("voucher_mail_pending", "=", True)], order="close_time, id", limit=batch_size + 1
        )
        (batch,), left_over = take_batch(batch_size, pending)
        if batch:
            template = self.env.ref("aftersales_service.mail_template_service_voucher")
            batch.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
            batch.voucher_mail_pending = False
        commit_cron_progress(self.env, len(batch), left_over)
        return batch

    # --- business helpers -----------------------------------------------------
    def _is_technician_only(self):
        """A field technician without the service desk's rights (the desk, supervisors
        and the system keep every right)."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("aftersales_service.group_aftersales_technician")
            and not user.has_group("aftersales_service.group_aftersales_user")
        )

    def _check_own_job(self):
        self.ensure_one()
        if self._is_technician_only() and self.technician_id != self.env.user:
            raise AccessError(
                self.env._(
                    "%(request)s is dispatched to %(technician)s, not to you.",
                    request=self.name,
                    technician=self.technician_id.name or self.env._("nobody yet"),
                )
            )
