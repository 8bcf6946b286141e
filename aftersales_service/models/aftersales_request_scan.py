import re
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import dispatch_planner as planner
from ..tools.reader_locale import format_local_datetime, reader_envs
from .aftersales_equipment_label import clean_token

STATUS_ROUTE = "/aftersales/status"
FREE_SLOTS_OFFERED = 4
# a phone number is the same when its last digits are (country and trunk prefixes vary)
PHONE_DIGITS_COMPARED = 8


def phone_digits(phone):
    return re.sub(r"\D", "", phone or "")[-PHONE_DIGITS_COMPARED:]


class AftersalesRequestScan(models.Model):
    """PRT-4/PRT-5: the request reported from the equipment's QR label, and its live
    status page: the customer follows the visit from a link with the request's own
    token, and picks an appointment slot while nobody is assigned."""

    _inherit = "aftersales.request"

    reporter_unknown = fields.Boolean(
        string="Reporter Unknown",
        readonly=True,
        copy=False,
        help="Reported from the QR label by a phone number none of the customer's contacts has.",
    )
    status_token = fields.Char(copy=False, readonly=True, index="btree_not_null", groups="base.group_user")

    _status_token_unique = models.Constraint("UNIQUE(status_token)", "Each status link has its own token.")

    # --- creation from the label ------------------------------------------------
    @api.model
    def _create_from_scan(self, equipment, reporter):
        """The request as a phone call would register it (team, category, contract and
        SLA from the same create), with channel QR Code. ``reporter``: symptom,
        contact_name, phone and preferred_time (naive UTC or False) from the form."""
        customer = equipment.partner_id
        vals = self._get_contact_vals(customer, customer)
        vals.update(
            {
                "partner_id": customer.id,
                "equipment_id": equipment.id,
                "company_id": equipment.company_id.id,
                "channel": "qr",
                "symptom": reporter["symptom"],
                "contact_name": reporter["contact_name"],
                "phone": reporter["phone"],
                "preferred_time": reporter.get("preferred_time") or False,
                "reporter_unknown": not self._is_customer_phone(customer, reporter["phone"]),
                "status_token": secrets.token_urlsafe(16),
            }
        )
        return self.sudo().with_company(equipment.company_id).create(vals)

    @api.model
    def _is_customer_phone(self, customer, phone):
        digits = phone_digits(phone)
        if len(digits) < PHONE_DIGITS_COMPARED:
            return False
        contacts = (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                [("id", "child_of", customer.commercial_partner_id.id), ("phone", "!=", False)], ["phone"]
            )
        )
        return any(phone_digits(contact.phone) == digits for contact in contacts)

    def _send_scan_acknowledgement(self):
        """The customer (when they have an email) gets the number and the status link."""
        self.ensure_one()
        if not self.partner_id.email:
            return
        url = self._get_status_url()
        self._post_to_customer(
            lambda env, tz: env._(
                "We registered your service request %(request)s. Follow the visit here: %(url)s",
                request=self.name,
                url=url,
            )
        )

    # --- live status ------------------------------------------------------------
    def _get_status_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}{STATUS_ROUTE}/{self.sudo().status_token}"

    @api.model
    def _find_by_status_token(self, token):
        """The request of ``token`` or an empty recordset, with one indexed query."""
        return self.sudo().search_fetch(
            [("status_token", "=", clean_token(token))],
            [
                "name",
                "state",
                "technician_id",
                "on_my_way_time",
                "expected_arrival",
                "preferred_time",
                "symptom",
                "company_id",
                "partner_id",
                "team_id",
            ],
            limit=1,
        )

    def _get_live_stage(self):
        self.ensure_one()
        if self.state in ("done", "cancel"):
            return self.state
        if self.state in ("in_progress", "in_repair"):
            return "arrived"
        if self.state == "dispatched" and self.on_my_way_time:
            return "on_the_way"
        return "assigned" if self.technician_id else "registered"

    def _get_status_page_values(self):
        """What the status page shows: the request's number, symptom and stage, the
        technician's name once assigned, the expected arrival, the links of the
        finished visit. Nothing about the customer."""
        self.ensure_one()
        stage = self._get_live_stage()
        return {
            "request_name": self.name,
            "symptom": self.symptom,
            "stage": stage,
            "technician_name": self.technician_id.name if stage != "registered" else False,
            "expected_arrival": self.expected_arrival if stage == "on_the_way" else False,
            "preferred_time": self.preferred_time,
            "company_name": self.company_id.name,
            "can_pick_slot": stage == "registered",
            "links": self._get_status_page_links() if stage == "done" else [],
        }

    def _get_status_page_links(self):
        """``[(label, url)]`` shown on the status page of a closed visit. Modules built
        on this one add theirs (the opinion survey)."""
        return [(self.env._("Service voucher (PDF)"), f"{STATUS_ROUTE}/{self.sudo().status_token}/voucher")]

    # --- appointment slots ------------------------------------------------------
    def _get_free_slots(self, count=FREE_SLOTS_OFFERED):
        """The first free moments of the team's technicians, as the dispatcher's
        planner sees them (working hours, leaves, bookings)."""
        self.ensure_one()
        technicians, jobs, _day_of = self._planning_data()
        if self.id not in jobs:
            return []
        return planner.free_slots(jobs[self.id], technicians.get(self.team_id, []), count)

    def _pick_slot(self, start):
        """The customer picks one of the offered slots: it becomes the preferred time,
        and the dispatcher reads it in the chatter. Nothing else is written."""
        self.ensure_one()
        if self.state != "new" or self.technician_id:
            raise UserError(self.env._("A technician is already assigned: the appointment is set."))
        if start not in self._get_free_slots():
            raise UserError(self.env._("This time is no longer free: pick another one."))
        self.preferred_time = start
        dispatcher = self._get_escalation_user()
        env = reader_envs(self.env, dispatcher)[dispatcher.id]
        tz = dispatcher.tz or self.team_id.resource_calendar_id.tz
        self.message_post(
            body=env._(
                "The customer picked %(when)s on the status page.",
                when=format_local_datetime(env, start, tz),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
