from datetime import datetime, time, timedelta
from urllib.parse import quote, urlencode

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools.reader_locale import format_local_datetime


class AftersalesRequestMyDay(models.Model):
    """FLD-1: My Day, the technician's jobs of today on the phone: the appointment
    window, the map of the address, and "on my way", which tells the customer when to
    expect the technician."""

    _inherit = "aftersales.request"

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

    @api.depends(
        "street",
        "partner_id.name",
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "company_id.aftersales_map_provider",
    )
    def _compute_map_url(self):
        for request in self:
            request.map_url = request._get_map_url()

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

    # --- business helpers -----------------------------------------------------
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
        self._post_to_customer(
            lambda env, tz: env._(
                "Your technician %(technician)s is on the way. Expected arrival: %(time)s.",
                technician=self.technician_id.name,
                time=format_local_datetime(env, self.expected_arrival, tz),
            )
        )
