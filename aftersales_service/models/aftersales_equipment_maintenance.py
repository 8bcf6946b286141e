from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain

from ..tools.cron_batches import commit_cron_progress, take_batch
from .aftersales_contract import OPEN_CONTRACT_STATES

# customers are reminded this many days before the maintenance falls due
REMINDER_LEAD_DAYS = 7


class AftersalesEquipment(models.Model):
    """Maintenance reminders (保养提醒 / 首保, CTR-6): equipment without a running contract
    has a next maintenance date; when it comes near, its customer gets a mail and a
    portal notice with a link to book the visit, once per due date."""

    _inherit = "aftersales.equipment"

    last_service_date = fields.Date(
        compute="_compute_last_service_date",
        store=True,
        help="Day its last service visit was closed.",
    )
    next_maintenance_date = fields.Date(
        string="Next Maintenance",
        compute="_compute_next_maintenance_date",
        store=True,
        index=True,
        help="First maintenance (首保) after the purchase, then the product's maintenance "
        "interval after the last service, unless a later date was agreed with the customer.",
    )
    maintenance_reminded_date = fields.Date(
        string="Last Reminded For",
        readonly=True,
        copy=False,
        help="The maintenance date the customer was last reminded of.",
    )
    maintenance_reminder_due = fields.Boolean(compute="_compute_maintenance_reminder_due", store=True)

    # a visit is closed (state done) and stamped in one write: the stamp alone triggers,
    # so the state changes of dispatch and arrival leave the equipment alone
    @api.depends("request_ids.close_time")
    def _compute_last_service_date(self):
        closed = self.env["aftersales.request"]._read_group(
            [("equipment_id", "in", self.ids), ("state", "=", "done"), ("close_time", "!=", False)],
            ["equipment_id"],
            ["close_time:max"],
        )
        last_of = {equipment.id: close_time for equipment, close_time in closed}
        for equipment in self:
            close_time = last_of.get(equipment.id)
            equipment.last_service_date = close_time and fields.Date.context_today(equipment, close_time)

    @api.depends(
        "purchase_date",
        "last_service_date",
        "product_id.product_tmpl_id.aftersales_maintenance_months",
        "product_id.product_tmpl_id.aftersales_first_maintenance_months",
    )
    def _compute_next_maintenance_date(self):
        for equipment in self:
            equipment.next_maintenance_date = equipment._get_next_maintenance_date()

    @api.depends("next_maintenance_date", "maintenance_reminded_date")
    def _compute_maintenance_reminder_due(self):
        for equipment in self:
            equipment.maintenance_reminder_due = bool(
                equipment.next_maintenance_date
                and equipment.next_maintenance_date != equipment.maintenance_reminded_date
            )

    def _get_next_maintenance_date(self):
        """The product's rule: the first maintenance (首保) of new equipment, then every
        interval after the last service. Modules that learn of an agreed date (a
        callback) extend this."""
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        first, interval = template.aftersales_first_maintenance_months, template.aftersales_maintenance_months
        if not self.last_service_date and first and self.purchase_date:
            return self.purchase_date + relativedelta(months=first)
        start = self.last_service_date or self.purchase_date
        return bool(interval and start) and start + relativedelta(months=interval)

    def _maintenance_notice_shown(self):
        """The portal notice: a reminder was sent for the maintenance still to come."""
        self.ensure_one()
        return bool(
            self.active
            and self.next_maintenance_date
            and self.maintenance_reminded_date == self.next_maintenance_date
        )

    @api.model
    def _maintenance_reminder_domain(self, today):
        running = [
            ("state", "in", OPEN_CONTRACT_STATES),
            ("date_start", "<=", today),
            ("date_end", ">=", today),
        ]
        return Domain.AND(
            [
                [("active", "=", True)],
                [("maintenance_reminder_due", "=", True)],
                [("next_maintenance_date", "<=", today + timedelta(days=REMINDER_LEAD_DAYS))],
                Domain("contract_ids", "not any", running),
            ]
        )

    @api.model
    def _cron_send_maintenance_reminders(self, batch_size=200):
        """CTR-6: the customers of equipment whose maintenance falls due within the
        week, and which no running contract covers, are reminded once per due date."""
        today = fields.Date.context_today(self)
        due = self.search(
            self._maintenance_reminder_domain(today), order="next_maintenance_date, id", limit=batch_size + 1
        )
        (batch,), left_over = take_batch(batch_size, due)
        for due_date, equipment in batch.grouped("next_maintenance_date").items():
            equipment.maintenance_reminded_date = due_date
        to_mail = batch.filtered(lambda equipment: equipment.partner_id.email)
        if to_mail:
            template = self.env.ref("aftersales_service.mail_template_maintenance_reminder")
            # rendered a chunk at a time, each mail in its customer's language
            template.send_mail_batch(to_mail.ids)
        commit_cron_progress(self.env, len(batch), left_over)
        return batch
