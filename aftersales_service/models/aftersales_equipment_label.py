import re
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .aftersales_contract import OPEN_CONTRACT_STATES

SCAN_ROUTE = "/aftersales/scan"
# what a token may look like; anything else is looked up as NO_TOKEN, which no record
# holds (an empty string would match the records without a token), so a malformed
# guess costs the same query as a well-formed one
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
NO_TOKEN = "!"


def clean_token(token):
    return token if isinstance(token, str) and TOKEN_PATTERN.fullmatch(token) else NO_TOKEN


def new_label_token():
    """128 random bits, URL-safe: a label cannot be guessed from another one."""
    return secrets.token_urlsafe(16)


class AftersalesEquipmentLabel(models.Model):
    """PRT-4: the QR label on the machine (扫码报修). It holds a URL with the label's own
    random token, never the record id; rotating the token makes the old labels answer
    404. Every equipment gets its token when created (and from the upgrade script for
    the existing ones): a column default would give all existing rows the same one."""

    _inherit = "aftersales.equipment"

    label_token = fields.Char(copy=False, readonly=True, index=True, groups="base.group_user")
    label_url = fields.Char(
        string="Label URL",
        compute="_compute_label_url",
        help="The address the equipment's QR label opens: the customer asks for service "
        "from it without logging in.",
    )

    _label_token_unique = models.Constraint("UNIQUE(label_token)", "Each label has its own token.")

    @api.depends("label_token")
    def _compute_label_url(self):
        base_url = self[:1].get_base_url()
        for equipment in self:
            token = equipment.sudo().label_token
            equipment.label_url = f"{base_url}{SCAN_ROUTE}/{token}" if token else False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("label_token", new_label_token())
        return super().create(vals_list)

    def action_rotate_label(self):
        """A lost or copied label: a new token, the printed labels stop working."""
        if not self.env.user.has_group("aftersales_service.group_aftersales_manager"):
            raise AccessError(self.env._("Only after-sales managers can replace a label."))
        for equipment in self:
            equipment.sudo().label_token = new_label_token()
            equipment.message_post(body=self.env._("The QR label was replaced: print the new one."))
        return True

    @api.model
    def _find_by_label_token(self, token):
        """The active equipment of ``token``, or an empty recordset: one indexed query,
        the same for a right and a wrong token."""
        return (
            self.sudo()
            .with_context(active_test=True)
            .search_fetch(
                [("label_token", "=", clean_token(token))],
                ["product_id", "serial_number", "warranty_end", "company_id"],
                limit=1,
            )
        )

    def _get_scan_page_values(self):
        """What the anonymous scan page shows: the machine, its warranty and contract,
        the service company's name and hotline. Nothing about the customer."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        contract = (
            self.env["aftersales.contract"]
            .sudo()
            .search_fetch(
                [
                    ("state", "in", OPEN_CONTRACT_STATES),
                    ("equipment_ids", "in", self.ids),
                    ("date_start", "<=", today),
                    ("date_end", ">=", today),
                ],
                ["date_end"],
                limit=1,
            )
        )
        company = self.company_id
        return {
            "product_name": self.product_id.product_tmpl_id.name,
            "serial_number": self.serial_number,
            "warranty_end": self.warranty_end,
            "in_warranty": self._is_in_warranty(today),
            "contract_end": contract.date_end,
            "company_name": company.name,
            "hotline": company.aftersales_hotline or company.phone,
        }
