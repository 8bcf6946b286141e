import re

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

SERVICE_ZONES = [
    ("urban", "Urban"),
    ("suburban", "Suburban"),
    # SVC-11: outside the team's area (异地): a visit needs the manager's approval first
    ("out_of_area", "Out of Town"),
]
# what a clerk types for a phone number: digits and the usual separators
PHONE_INPUT = re.compile(r"^\s*\+?[\d\s\-./()]+$")
# fewer digits than this would match half the customers
PHONE_MIN_DIGITS = 4


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_zone = fields.Selection(
        SERVICE_ZONES,
        default="urban",
        help="Decides the SLA hours of the customer's service requests.",
    )
    aftersales_team_id = fields.Many2one(
        "aftersales.team",
        string="Service Team",
        help="Team that serves this customer by default.",
    )
    aftersales_equipment_ids = fields.One2many("aftersales.equipment", "partner_id", string="Equipment")

    def _aftersales_one_line_address(self, home_country=None):
        """The address on one line, in the order the partner's country writes it
        (China: postcode, then province, city, street), for the visit address of a
        service request. Parts left empty (a missing second street line, postcode ...)
        leave no empty segment behind, and the country is left out when it is
        ``home_country``: the technicians work there."""
        self.ensure_one()
        address_format, args = self._prepare_display_address(without_company=True)
        if home_country and self.country_id == home_country:
            args["country_name"] = ""
        segments = [
            " ".join(part.split()) for line in (address_format % args).split("\n") for part in line.split(",")
        ]
        return ", ".join(segment for segment in segments if segment)

    @api.model
    def _search_display_name(self, operator, value):
        """SVC-1: where the clerk picks the caller (the context key
        ``aftersales_customer_search`` of the request's customer field), the customer
        is also found by phone number, however it is typed, and by the serial number
        of their equipment. A company is found by the number of its contact persons
        too: the equipment is usually filed under the company."""
        domain = super()._search_display_name(operator, value)
        if (
            not self.env.context.get("aftersales_customer_search")
            or operator != "ilike"
            or not isinstance(value, str)
            or not value.strip()
        ):
            return domain
        phone = self._phone_number_domain(value)
        return (
            Domain(domain)
            | phone
            | Domain("child_ids", "any", phone)
            | Domain("aftersales_equipment_ids.serial_number", "ilike", value.strip())
        )

    @api.model
    def _phone_number_domain(self, value):
        """Partners whose phone holds the number typed in ``value``, compared on digits:
        '021-1234-5678', '+86 21 1234 5678' and '2112345678' are one number. Odoo 19
        keeps one number per contact, so a caller's mobile is the phone of the contact
        person who calls."""
        if not PHONE_INPUT.match(value):
            return Domain.FALSE
        digits = re.sub(r"\D", "", value)
        if value.lstrip().startswith(("+", "00")):
            digits = digits.removeprefix("00")
            # numbers of the company's own country are often stored without the code
            country_code = str(self.env.company.country_id.phone_code or "")
            if country_code and digits.startswith(country_code):
                digits = digits[len(country_code) :]
        else:
            digits = digits.removeprefix("0")  # trunk prefix of a national number
        if len(digits) < PHONE_MIN_DIGITS:
            return Domain.FALSE

        def to_sql(model, alias, query):
            phone = model._field_to_sql(alias, "phone", query)
            return SQL("regexp_replace(%s, '[^0-9]', '', 'g') LIKE %s", phone, f"%{digits}%")

        return Domain.custom(
            to_sql=to_sql,
            predicate=lambda partner: digits in re.sub(r"\D", "", partner.phone or ""),
        )

    def _aftersales_coordinates(self):
        """(latitude, longitude) when known (DSP-2 distances), else None."""
        self.ensure_one()
        if self.partner_latitude or self.partner_longitude:
            return (self.partner_latitude, self.partner_longitude)
        return None
