from datetime import datetime, time, timedelta
from urllib.parse import quote, urlencode

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from ..tools.cron_batches import commit_cron_progress, take_batch
from ..tools.reader_locale import format_local_datetime, reader_envs

# what the customer's address and contact are: the desk's, a technician only reads them
CUSTOMER_FIELDS = {"partner_id", "contact_name", "street", "phone", "email", "service_zone"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024
EQUIPMENT_HISTORY = 5


class AftersalesRequestField(models.Model):
    """FLD-1 / FLD-2: the technician's day on the phone — My Day, "on my way" for the
    customer, arrival with the phone's location, the work timer, photos, the customer's
    sign-off screen and the signed voucher mailed once the visit is closed."""

    _inherit = "aftersales.request"

    # --- My Day ---------------------------------------------------------------
    my_day = fields.Boolean(
        string="My Day",
        compute="_compute_my_day",
        search="_search_my_day",
        help="Jobs of the current technician for today: appointments until tonight still "
        "open, the visit under way and today's closed visits.",
    )
    appointment_window = fields.Char(compute="_compute_appointment_window")
    map_url = fields.Char(string="Map", compute="_compute_map_url")
    on_my_way_time = fields.Datetime(string="On the Way Since", readonly=True, copy=False)
    expected_arrival = fields.Datetime(readonly=True, copy=False)

    # --- the visit ------------------------------------------------------------
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
    amount_remaining = fields.Monetary(
        string="Still Due",
        compute="_compute_amount_remaining",
        help="The amount due less what was collected on site.",
    )
    charge_label = fields.Char(string="Charge", compute="_compute_charge_label")
    voucher_mail_pending = fields.Boolean(readonly=True, copy=False)

    # --- computes -------------------------------------------------------------
    def _compute_my_day(self):
        mine = self.filtered_domain(self._my_day_domain())
        for request in self:
            request.my_day = request in mine

    def _search_my_day(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = self._my_day_domain()
        return domain if True in value else ~domain

    @api.model
    def _my_day_domain(self):
        """FLD-1: the technician's jobs of today, today being the technician's own day
        (their time zone): appointments until tonight not yet reached, the visit under
        way, and the visits closed today."""
        day_start, day_end = self._user_day_bounds()
        return Domain("technician_id", "=", self.env.uid) & (
            (Domain("state", "=", "dispatched") & Domain("scheduled_start", "<", day_end))
            | Domain("state", "=", "in_progress")
            | (
                Domain("state", "=", "done")
                & Domain("close_time", ">=", day_start)
                & Domain("close_time", "<", day_end)
            )
        )

    @api.model
    def _user_day_bounds(self):
        """(start, end) of the user's today, as naive UTC datetimes."""
        zone = pytz.timezone(self.env.user.tz or self.env.context.get("tz") or "UTC")
        today = fields.Date.context_today(self.with_context(tz=zone.zone))
        start = zone.localize(datetime.combine(today, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return start, start + timedelta(days=1)

    @api.depends("scheduled_start", "scheduled_end")
    @api.depends_context("tz")
    def _compute_appointment_window(self):
        zone = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        for request in self:
            if not request.scheduled_start:
                request.appointment_window = False
                continue
            start = pytz.utc.localize(request.scheduled_start).astimezone(zone)
            end = pytz.utc.localize(request.scheduled_end or request.scheduled_start).astimezone(zone)
            request.appointment_window = f"{start:%H:%M} - {end:%H:%M}"

    @api.depends("street", "partner_id.partner_latitude", "partner_id.partner_longitude", "company_id")
    def _compute_map_url(self):
        for request in self:
            request.map_url = request._get_map_url()

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

    @api.depends("amount_due", "cash_amount")
    def _compute_amount_remaining(self):
        for request in self:
            request.amount_remaining = max(request.amount_due - request.cash_amount, 0.0)

    @api.depends("category", "amount_due")
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
        self._queue_technician_events(self._technician_events(vals))
        return super().write(vals)

    # --- actions --------------------------------------------------------------
    def action_on_my_way(self):
        """FLD-1: the technician sets off; the customer is told by mail (and sees it on
        the portal) when to expect them."""
        now = fields.Datetime.now()
        for request in self:
            request._check_own_job()
            if request.state != "dispatched":
                raise UserError(
                    self.env._("%(request)s is not waiting for the technician.", request=request.name)
                )
            minutes = request.team_id.travel_minutes or 30
            request.write({"on_my_way_time": now, "expected_arrival": now + timedelta(minutes=minutes)})
            request._tell_customer_on_my_way()
        return True

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
        """The time since the timer started becomes a time entry of the technician."""
        for request in self.filtered("timer_start"):
            now = fields.Datetime.now()
            hours = max((now - request.timer_start).total_seconds() / 3600, 1 / 60)
            self.env["aftersales.time.entry"].create(
                {
                    "request_id": request.id,
                    "user_id": self.env.uid,
                    "date": fields.Date.context_today(self, request.timer_start),
                    "hours": round(hours, 2),
                    "start_time": request.timer_start,
                    "end_time": now,
                }
            )
            request.timer_start = False
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

    def _get_map_url(self):
        """FLD-1: the address in the map the company uses (Amap, Baidu or Google), on
        the customer's coordinates when known."""
        self.ensure_one()
        partner = self.partner_id
        latitude, longitude = partner.partner_latitude, partner.partner_longitude
        coordinates = bool(latitude or longitude)
        address = self.street or ""
        if not (coordinates or address):
            return False
        provider = self.company_id.aftersales_map_provider or "amap"
        if provider == "google":
            query = f"{latitude},{longitude}" if coordinates else address
            return "https://www.google.com/maps/search/?" + urlencode({"api": 1, "query": query})
        if provider == "baidu":
            if coordinates:
                params = {
                    "location": f"{latitude},{longitude}",
                    "title": partner.name or "",
                    "content": address,
                    "coord_type": "wgs84",
                    "output": "html",
                    "src": "odoo.aftersales",
                }
                return "https://api.map.baidu.com/marker?" + urlencode(params)
            return "https://api.map.baidu.com/geocoder?" + urlencode(
                {"address": address, "output": "html", "src": "odoo.aftersales"}
            )
        if coordinates:
            params = {
                "position": f"{longitude},{latitude}",
                "name": partner.name or "",
                "coordinate": "wgs84",
            }
            return "https://uri.amap.com/marker?" + urlencode(params)
        return "https://uri.amap.com/search?keyword=" + quote(address)

    def _tell_customer_on_my_way(self):
        """The customer's mail, in the customer's language, the time in their time zone
        (else the team calendar's)."""
        self.ensure_one()
        customer = self.partner_id
        env = self.with_context(lang=customer.lang or self.env.lang).env
        tz = customer.tz or self.team_id.resource_calendar_id.tz
        self.message_post(
            body=env._(
                "Your technician %(technician)s is on the way. Expected arrival: %(time)s.",
                technician=self.technician_id.name,
                time=format_local_datetime(env, self.expected_arrival, tz),
            ),
            partner_ids=customer.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _technician_events(self, vals):
        """What a write will tell technicians: ``[(user, kind, request)]`` with kind
        ``dispatched`` (a job is theirs), ``moved`` (its appointment changed),
        ``cancelled`` or ``removed`` (no longer theirs)."""
        if not ({"state", "technician_id", "scheduled_start"} & set(vals)):
            return []
        events = []
        new_technician = self.env["res.users"].browse(vals.get("technician_id"))
        for request in self:
            dispatched = request.state in ("dispatched", "in_progress") or vals.get("state") == "dispatched"
            if not dispatched:
                continue
            technician = new_technician if "technician_id" in vals else request.technician_id
            if vals.get("state") == "cancel":
                events.append((request.technician_id, "cancelled", request))
            elif "technician_id" in vals and new_technician != request.technician_id:
                if request.technician_id and request.state != "new":
                    events.append((request.technician_id, "removed", request))
                events.append((technician, "dispatched", request))
            elif vals.get("state") == "dispatched" and request.state == "new":
                events.append((technician, "dispatched", request))
            elif "scheduled_start" in vals and request.state == "dispatched":
                events.append((technician, "moved", request))
        return [event for event in events if event[0] and event[0] != self.env.user]

    def _queue_technician_events(self, events):
        """The events of the transaction's writes are told once, before it commits: a
        batch dispatched request by request still makes one notification per technician."""
        if not events:
            return
        pending = self.env.cr.precommit.data.setdefault("aftersales.technician_events", [])
        if not pending:
            self.env.cr.precommit.add(self._notify_technicians)
        pending.extend((user.id, kind, request.id) for user, kind, request in events)

    def _notify_technicians(self):
        """One notification per technician and kind of change, listing the jobs, in the
        technician's language and time zone."""
        queued = self.env.cr.precommit.data.pop("aftersales.technician_events", [])
        if not queued:
            return
        users = self.env["res.users"].sudo().browse({user_id for user_id, _kind, _id in queued})
        existing = set(self.sudo().browse({request_id for _user, _kind, request_id in queued}).exists().ids)
        env_of = reader_envs(self.env, users)
        grouped = {}
        for user_id, kind, request_id in dict.fromkeys(queued):
            if request_id in existing:
                grouped.setdefault((users.browse(user_id), kind), self.sudo().browse())
                grouped[users.browse(user_id), kind] += self.sudo().browse(request_id)
        for (user, kind), jobs in grouped.items():
            env = env_of[user.id]
            count = len(jobs)
            subject = self._technician_subject(env, kind, count)
            lines = [
                env._(
                    "%(request)s, %(customer)s, %(when)s",
                    request=request.name,
                    customer=request.partner_id.display_name,
                    when=format_local_datetime(
                        env, request.scheduled_start or request.preferred_time, user.tz
                    )
                    or env._("time to agree"),
                )
                for request in jobs.with_env(env)
            ]
            self.env["mail.thread"].sudo().message_notify(
                partner_ids=user.partner_id.ids,
                subject=subject,
                body=Markup("<ul>%s</ul>") % Markup("").join(Markup("<li>%s</li>") % line for line in lines),
                email_layout_xmlid="mail.mail_notification_light",
            )

    @api.model
    def _technician_subject(self, env, kind, count):
        if kind == "dispatched":
            return env._("New jobs for you: %(count)s", count=count)
        if kind == "moved":
            return env._("Appointments moved: %(count)s", count=count)
        if kind == "cancelled":
            return env._("Jobs cancelled: %(count)s", count=count)
        return env._("Jobs given to another technician: %(count)s", count=count)
