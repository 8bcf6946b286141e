import logging

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.activities import create_activities
from ..tools.cron_batches import commit_cron_progress, take_batch
from ..tools.reader_locale import reader_envs

_logger = logging.getLogger(__name__)

BILLING_PERIODS = {"monthly": 1, "quarterly": 3, "yearly": 12}
OPEN_CONTRACT_STATES = ("active", "expiring")
# Expiry notices per cron run: each is a personal mail with its own PDF (printed
# without Odoo's JavaScript delay, see ir_actions_report.py). Debian's wkhtmltopdf
# (unpatched Qt) cannot print several documents in one call, so the batch is sized
# for time: a small batch keeps one run short.
EXPIRY_NOTICE_BATCH = 20


class AftersalesContract(models.Model):
    """Maintenance contract (保养合同书, CTR-1): a customer's equipment covered for a
    period, billed on schedule (CTR-2), noticed before expiry (CTR-3) and renewed into
    a successor (CTR-4). Requests on covered equipment are contract service (B)."""

    _name = "aftersales.contract"
    _description = "Maintenance Contract"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", default=lambda self: self.env.user, tracking=True
    )
    equipment_ids = fields.Many2many(
        "aftersales.equipment",
        "aftersales_contract_equipment_rel",
        "contract_id",
        "equipment_id",
        string="Covered Equipment",
        domain="[('partner_id', 'child_of', partner_id)]",
        check_company=True,
    )
    date_start = fields.Date(required=True, tracking=True, default=fields.Date.context_today)
    date_end = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("renewed", "Renewed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    fee = fields.Monetary(string="Fee per Period", tracking=True)
    billing_period = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("yearly", "Yearly")],
        default="yearly",
        required=True,
    )
    fee_product_id = fields.Many2one(
        "product.product",
        default=lambda self: self.env.ref("aftersales_service.product_contract_fee", False),
    )
    next_invoice_date = fields.Date(copy=False, help="Next date the fee is invoiced.")
    invoice_ids = fields.One2many("account.move", "aftersales_contract_id", string="Invoices", readonly=True)
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    covered_services = fields.Text(help="What the contract includes: visits, parts, consumables…")
    visit_allowance = fields.Integer(help="Contract visits included per contract period; 0 means unlimited.")
    request_ids = fields.One2many("aftersales.request", "contract_id", string="Contract Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")
    notice_days = fields.Integer(
        string="Notice (days)", default=30, help="The expiry notice goes this many days before the end."
    )
    notice_date = fields.Date(
        compute="_compute_notice_date",
        store=True,
        index=True,
        help="The day the expiry notice goes: the notice days before the end.",
    )
    expiry_notice_sent = fields.Boolean(readonly=True, copy=False)
    # indexed: deleting a contract looks up the contracts renewing it or renewed by it
    # (ON DELETE SET NULL), a full scan per deleted contract without the index
    predecessor_id = fields.Many2one(
        "aftersales.contract", string="Renews", readonly=True, copy=False, index="btree_not_null"
    )
    successor_id = fields.Many2one(
        "aftersales.contract", string="Renewed By", readonly=True, copy=False, index="btree_not_null"
    )
    renewal_order_id = fields.Many2one("sale.order", string="Renewal Quotation", readonly=True, copy=False)

    def _compute_access_url(self):
        for record in self:
            record.access_url = f"/my/contracts/{record.id}"

    @api.depends("request_ids")
    def _compute_visit_count(self):
        for contract in self:
            contract.visit_count = len(contract.request_ids.filtered(lambda r: r.state != "cancel"))

    @api.depends("invoice_ids")
    def _compute_invoice_count(self):
        for contract in self:
            contract.invoice_count = len(contract.invoice_ids)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_start and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s cannot end before it starts.", contract=contract.name
                    )
                )

    @api.constrains("state", "equipment_ids", "date_start", "date_end")
    def _check_no_overlap(self):
        """CTR-1: one open contract at a time per piece of equipment."""
        open_contracts = self.filtered(lambda c: c.state in OPEN_CONTRACT_STATES)
        if not open_contracts:
            return
        others = self.search(
            [
                ("state", "in", OPEN_CONTRACT_STATES),
                ("equipment_ids", "in", open_contracts.equipment_ids.ids),
                ("id", "not in", open_contracts.ids),
            ]
        )
        for contract in open_contracts:
            clash = (others | open_contracts - contract).filtered(
                lambda other, c=contract: (
                    other.equipment_ids & c.equipment_ids
                    and other.date_start <= c.date_end
                    and other.date_end >= c.date_start
                )
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(equipment)s is already covered by %(other)s in this period.",
                        equipment=", ".join(
                            (clash[0].equipment_ids & contract.equipment_ids).mapped("display_name")
                        ),
                        other=clash[0].name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("aftersales.contract") or "/"
        return super().create(vals_list)

    # --- actions -------------------------------------------------------------
    def action_activate(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(self.env._("Only draft contracts can be activated (%(c)s).", c=contract.name))
            if not contract.equipment_ids:
                raise UserError(self.env._("Choose the equipment %(c)s covers.", c=contract.name))
        for contract in self:
            contract.write(
                {
                    "state": "active",
                    "next_invoice_date": contract.next_invoice_date or contract.date_start,
                }
            )
        if self.predecessor_id:
            self.predecessor_id.filtered(lambda c: c.state != "renewed").write({"state": "renewed"})
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})
        return True

    def action_renew(self):
        """CTR-4: the successor covers the same equipment for a period of the same
        length right after this one, with a renewal quotation; the chain is kept."""
        self.ensure_one()
        if self.successor_id:
            raise UserError(
                self.env._("%(c)s is already renewed by %(s)s.", c=self.name, s=self.successor_id.name)
            )
        if self.state not in ("active", "expiring", "expired"):
            raise UserError(self.env._("Only running or expired contracts can be renewed."))
        length = relativedelta(self.date_end, self.date_start)
        start = self.date_end + relativedelta(days=1)
        successor = self.copy(
            {
                "date_start": start,
                "date_end": start + length,
                "predecessor_id": self.id,
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "user_id": self.user_id.id,
                "origin": successor.name,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.fee_product_id.id,
                            "product_uom_qty": 1.0,
                            "price_unit": self.fee,
                            "name": successor._fee_label(successor.date_start, successor.date_end),
                        }
                    )
                ]
                if self.fee_product_id
                else [],
            }
        )
        successor.renewal_order_id = order
        self.write({"successor_id": successor.id, "state": "renewed"})
        return successor._get_records_action(context={})

    @api.readonly
    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("aftersales_contract_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    @api.depends("date_end", "notice_days")
    def _compute_notice_date(self):
        for contract in self:
            contract.notice_date = contract.date_end and contract.date_end - relativedelta(
                days=contract.notice_days or 0
            )

    # --- crons ---------------------------------------------------------------
    @api.model
    def _cron_update_states(self, batch_size=EXPIRY_NOTICE_BATCH):
        """CTR-3: open contracts past their end expire; those whose notice date has come
        become 'expiring' and their customer gets the expiry notice (保养到期通知书) once,
        the salesperson an activity to win the renewal (争取续约).

        Each notice is a mail with its own PDF, so a run sends at most ``batch_size``
        of them and tells the scheduler what is left, so it runs again at once: a
        backlog never holds the cron worker for long."""
        today = fields.Date.context_today(self)
        self.search([("state", "in", OPEN_CONTRACT_STATES), ("date_end", "<", today)]).write(
            {"state": "expired"}
        )
        due = self.search(
            [
                ("state", "in", OPEN_CONTRACT_STATES),
                ("expiry_notice_sent", "=", False),
                ("notice_date", "<=", today),
                ("date_end", ">=", today),
            ],
            order="date_end, id",
            limit=batch_size + 1,
        )
        # a second cron worker leaves the contracts the first one is noticing alone
        (to_notice,), left_over = take_batch(batch_size, due.try_lock_for_update(allow_referencing=True))
        noticed = to_notice._send_expiry_notices()
        commit_cron_progress(self.env, len(noticed), left_over)
        return noticed

    def _send_expiry_notices(self):
        """CTR-3: the customer's notice, the salesperson's renewal activity (in the
        salesperson's language, due on the last day) and the contract now expiring.
        Returns the contracts noticed: one whose notice could not be made is not marked
        sent and waits for the next run."""
        noticed = self._post_expiry_notices()
        if not noticed:
            return noticed
        salesperson_of = {contract: contract.user_id or self.env.user for contract in noticed}
        env_of = reader_envs(self.env, self.env["res.users"].union(*salesperson_of.values()))
        create_activities(
            self.env,
            self._name,
            "mail.mail_activity_data_todo",
            [
                {
                    "res_id": contract.id,
                    "res_name": contract.display_name,
                    "user_id": user.id,
                    "summary": env_of[user.id]._("Win the renewal of %(c)s", c=contract.name),
                    "note": None,
                    "date_deadline": contract.date_end,
                }
                for contract, user in salesperson_of.items()
            ],
        )
        noticed.write({"state": "expiring", "expiry_notice_sent": True})
        return noticed

    def _post_expiry_notices(self):
        """The customers' notices, all in one go; when that fails (a PDF wkhtmltopdf
        could not print), each on its own, so that the others go out and only the
        failing ones are left for the next run. Returns the contracts noticed."""
        if not self:
            return self
        template = self.env.ref("aftersales_service.mail_template_contract_expiry")
        try:
            with self.env.cr.savepoint():
                # one composer per contract inside Odoo's helper: each notice renders its own PDF
                self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        except (UserError, OSError):
            if len(self) > 1:
                return self.browse().union(*(contract._post_expiry_notices() for contract in self))
            _logger.exception("Expiry notice of %s not sent; the next run tries again", self.name)
            return self.browse()
        return self

    @api.model
    def _cron_invoice(self):
        """CTR-2: the fee of every open contract whose invoice date has come is invoiced
        (a draft customer invoice in the accountants' usual list), one period ahead."""
        today = fields.Date.context_today(self)
        due = self.search(
            [
                ("state", "in", OPEN_CONTRACT_STATES),
                ("next_invoice_date", "<=", today),
                ("fee", ">", 0),
            ]
        )
        if not due:
            return self.env["account.move"]
        invoices = self.env["account.move"].create([contract._prepare_invoice_vals() for contract in due])
        for contract in due:
            contract.next_invoice_date = contract.next_invoice_date + relativedelta(
                months=BILLING_PERIODS[contract.billing_period]
            )
        return invoices

    def _prepare_invoice_vals(self):
        self.ensure_one()
        period_end = self.next_invoice_date + relativedelta(
            months=BILLING_PERIODS[self.billing_period], days=-1
        )
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "invoice_date": self.next_invoice_date,
            "invoice_origin": self.name,
            "aftersales_contract_id": self.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": self.fee_product_id.id,
                        "quantity": 1.0,
                        "price_unit": self.fee,
                        "name": self._fee_label(self.next_invoice_date, min(period_end, self.date_end)),
                    }
                )
            ],
        }

    def _fee_label(self, start, end):
        """Text of the fee line on the invoice or the renewal quotation."""
        self.ensure_one()
        return self.env._(
            "Maintenance contract %(c)s, %(start)s - %(end)s", c=self.name, start=start, end=end
        )

    def _covering(self, pairs):
        """``{(equipment_id, date): contract}`` for many (equipment, day) pairs, read
        with one search: batch registration looks contracts up once, not per call."""
        if not pairs:
            return {}
        dates = [on_date for _equipment_id, on_date in pairs]
        contracts = self.search(
            [
                ("state", "in", OPEN_CONTRACT_STATES),
                ("equipment_ids", "in", list({equipment_id for equipment_id, _date in pairs})),
                ("date_start", "<=", max(dates)),
                ("date_end", ">=", min(dates)),
            ],
            order="id",
        )
        result = {}
        for equipment_id, on_date in pairs:
            result[equipment_id, on_date] = contracts.filtered(
                lambda c, e=equipment_id, d=on_date: (
                    e in c.equipment_ids.ids and c.date_start <= d <= c.date_end
                )
            )[:1]
        return result

    def _covers(self, equipment, on_date):
        """The open contract of ``equipment`` on ``on_date`` (SVC-2 category B)."""
        return self.search(
            [
                ("state", "in", OPEN_CONTRACT_STATES),
                ("equipment_ids", "in", equipment.ids),
                ("date_start", "<=", on_date),
                ("date_end", ">=", on_date),
            ],
            limit=1,
        )
