from datetime import timedelta

from odoo import api, fields, models

# PRT-4: requests one label, or one address, may send per hour from the scan page
MAX_PER_LABEL_PER_HOUR = 5
MAX_PER_IP_PER_HOUR = 5


class AftersalesScanSubmission(models.Model):
    """PRT-4: one line per request sent from a scanned label, so that the submissions
    are rate-limited per address and per label. Counted in the database: several
    workers serve the page, each with its own memory."""

    _name = "aftersales.scan.submission"
    _description = "QR Label Submission"
    _order = "id desc"

    ip = fields.Char(string="IP Address", required=True, index=True, readonly=True)
    equipment_id = fields.Many2one("aftersales.equipment", index=True, ondelete="cascade", readonly=True)
    request_id = fields.Many2one("aftersales.request", ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="equipment_id.company_id", store=True)

    @api.model
    def _is_allowed(self, ip, equipment):
        """Whether ``ip`` may send one more request for ``equipment`` now."""
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = [("create_date", ">=", since)]
        return (
            self.sudo().search_count([*recent, ("ip", "=", ip)], limit=MAX_PER_IP_PER_HOUR)
            < MAX_PER_IP_PER_HOUR
            and self.sudo().search_count(
                [*recent, ("equipment_id", "=", equipment.id)], limit=MAX_PER_LABEL_PER_HOUR
            )
            < MAX_PER_LABEL_PER_HOUR
        )

    @api.autovacuum
    def _gc_old_submissions(self):
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
