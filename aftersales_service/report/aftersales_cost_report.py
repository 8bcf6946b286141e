from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.aftersales_request import CATEGORIES


class AftersalesCostReport(models.Model):
    """SVC-13: what each closed request cost against what it brought in: labour at
    each technician's cost rate (on site and in the workshop), parts at the product's
    cost, travel, subsidies and other costs (the request's cost lines), against the
    posted invoices of its quotation (untaxed, company currency). One row per closed
    request; the pivot groups them by contract, customer, team and month."""

    _name = "aftersales.cost.report"
    _description = "Service Cost and Margin"
    _auto = False
    _order = "date desc"

    request_id = fields.Many2one("aftersales.request", string="Request", readonly=True)
    date = fields.Date(string="Closed On", readonly=True)
    contract_id = fields.Many2one("aftersales.contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    team_id = fields.Many2one("aftersales.team", readonly=True)
    technician_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    hours = fields.Float(readonly=True, aggregator="sum")
    labour_cost = fields.Monetary(readonly=True, aggregator="sum")
    parts_cost = fields.Monetary(readonly=True, aggregator="sum")
    travel_cost = fields.Monetary(readonly=True, aggregator="sum")
    subsidy_cost = fields.Monetary(string="Subsidies", readonly=True, aggregator="sum")
    other_cost = fields.Monetary(string="Other Costs", readonly=True, aggregator="sum")
    total_cost = fields.Monetary(readonly=True, aggregator="sum")
    invoiced = fields.Monetary(string="Invoiced", readonly=True, aggregator="sum")
    margin = fields.Monetary(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._select())
        )

    def _select(self):
        # each amount is aggregated in its own lateral subquery so that the joins do
        # not multiply one another
        return SQL(
            """
            SELECT r.id AS id,
                   r.id AS request_id,
                   r.close_time::date AS date,
                   r.contract_id,
                   r.partner_id,
                   r.team_id,
                   r.technician_id,
                   r.company_id,
                   c.currency_id,
                   r.category,
                   labour.hours,
                   labour.cost AS labour_cost,
                   parts.cost AS parts_cost,
                   costs.travel AS travel_cost,
                   costs.subsidy AS subsidy_cost,
                   costs.other AS other_cost,
                   labour.cost + parts.cost + costs.travel + costs.subsidy + costs.other AS total_cost,
                   invoiced.amount AS invoiced,
                   invoiced.amount - (labour.cost + parts.cost + costs.travel + costs.subsidy + costs.other)
                       AS margin
              FROM aftersales_request r
              JOIN res_company c ON c.id = r.company_id
              CROSS JOIN LATERAL (
                    SELECT COALESCE(SUM(te.hours), 0) AS hours,
                           COALESCE(SUM(te.hours * COALESCE(u.aftersales_cost_rate, 0)), 0) AS cost
                      FROM aftersales_time_entry te
                      JOIN res_users u ON u.id = te.user_id
                     WHERE te.request_id = r.id
                        OR te.repair_id IN (SELECT ro.id FROM repair_order ro WHERE ro.aftersales_request_id = r.id)
              ) labour
              CROSS JOIN LATERAL (
                    SELECT COALESCE(SUM(p.quantity * COALESCE((pp.standard_price ->> r.company_id::text)::numeric, 0)), 0)
                           AS cost
                      FROM aftersales_request_part p
                      JOIN product_product pp ON pp.id = p.product_id
                     WHERE p.request_id = r.id
              ) parts
              CROSS JOIN LATERAL (
                    SELECT COALESCE(SUM(rc.amount) FILTER (WHERE rc.kind = 'travel'), 0) AS travel,
                           COALESCE(SUM(rc.amount) FILTER (WHERE rc.kind = 'subsidy'), 0) AS subsidy,
                           COALESCE(SUM(rc.amount) FILTER (WHERE rc.kind = 'other'), 0) AS other
                      FROM aftersales_request_cost rc
                     WHERE rc.request_id = r.id
              ) costs
              CROSS JOIN LATERAL (
                    SELECT COALESCE(SUM(-aml.balance), 0) AS amount
                      FROM sale_order_line sol
                      JOIN sale_order_line_invoice_rel rel ON rel.order_line_id = sol.id
                      JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                      JOIN account_move am ON am.id = aml.move_id
                     WHERE sol.order_id = r.sale_order_id AND am.state = 'posted'
              ) invoiced
             WHERE r.state = 'done' AND r.active
            """
        )
