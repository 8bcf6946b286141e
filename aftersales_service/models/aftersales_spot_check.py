import math
import random
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.cron_batches import commit_cron_progress

SPOT_CHECK_BATCH = 1000


class AftersalesSpotCheck(models.Model):
    """RPR-8: a closed service request drawn for the supervisor's quality review
    (抽检); a fail opens a rework request linked to the original."""

    _name = "aftersales.spot.check"
    _description = "Quality Spot Check"
    _inherit = ["mail.thread"]
    _order = "week_start desc, id desc"
    _check_company_auto = True

    request_id = fields.Many2one(
        "aftersales.request", string="Service Request", required=True, ondelete="cascade", index=True
    )
    # who did the job and where, as drawn: copied from the request, not related to it, so
    # that dispatching requests never has to look for their spot checks
    company_id = fields.Many2one("res.company", compute="_compute_from_request", store=True)
    team_id = fields.Many2one("aftersales.team", compute="_compute_from_request", store=True)
    technician_id = fields.Many2one(
        "res.users", string="Technician", compute="_compute_from_request", store=True
    )
    week_start = fields.Date(required=True, default=lambda self: self._week_start(fields.Date.today()))
    checklist = fields.Text(
        default=lambda self: self.env._(
            "Fault fixed and tested\nMachine cleaned\nVoucher complete and signed\nCustomer told how to use it"
        )
    )
    result = fields.Selection([("pass", "Pass"), ("fail", "Fail")], readonly=True, tracking=True)
    note = fields.Text(string="Notes")
    reviewer_id = fields.Many2one("res.users", string="Reviewer", readonly=True)
    review_date = fields.Date(readonly=True)
    state = fields.Selection(
        [("todo", "To Review"), ("done", "Reviewed")],
        string="Status",
        default="todo",
        required=True,
        readonly=True,
        tracking=True,
    )
    rework_request_id = fields.Many2one("aftersales.request", string="Rework Request", readonly=True)
    fail_count = fields.Integer(string="Fails", compute="_compute_fail_count", store=True)

    @api.depends("request_id")
    def _compute_from_request(self):
        for check in self:
            request = check.request_id
            check.company_id = request.company_id
            check.team_id = request.team_id
            check.technician_id = request.technician_id

    @api.depends("request_id.name")
    def _compute_display_name(self):
        for check in self:
            check.display_name = check.request_id.name

    @api.depends("result")
    def _compute_fail_count(self):
        for check in self:
            check.fail_count = int(check.result == "fail")

    @api.model
    def _week_start(self, day):
        return day - timedelta(days=day.weekday())

    @api.constrains("request_id")
    def _check_request_closed(self):
        for check in self:
            if check.request_id.state != "done":
                raise ValidationError(
                    self.env._(
                        "%(request)s is not closed: only closed jobs are spot checked.",
                        request=check.request_id.display_name,
                    )
                )

    def action_pass(self):
        self._review("pass")

    def action_fail(self):
        """A fail needs its notes and opens the rework request."""
        for check in self:
            if not check.note:
                raise UserError(self.env._("Write what failed in the notes before failing the spot check."))
        self._review("fail")
        for check in self:
            check.rework_request_id = check.request_id.copy(check._prepare_rework_vals())

    def _prepare_rework_vals(self):
        self.ensure_one()
        return {
            "call_time": fields.Datetime.now(),
            "symptom": self.note,
        }

    def _review(self, result):
        if not self.env.user.has_group("aftersales_service.group_aftersales_supervisor"):
            raise UserError(self.env._("Only a service supervisor can review spot checks."))
        if self.filtered(lambda c: c.state == "done"):
            raise UserError(self.env._("This spot check has already been reviewed."))
        self.write(
            {
                "result": result,
                "state": "done",
                "reviewer_id": self.env.user.id,
                "review_date": fields.Date.today(),
            }
        )

    @api.model
    def _cron_draw_spot_checks(self, batch_size=SPOT_CHECK_BATCH):
        """Weekly: per team and technician, the team's share of last week's closed
        requests. A (team, technician) drawn this week is not drawn again, so a run
        stopped after ``batch_size`` checks is resumed by the next one."""
        week = self._week_start(fields.Date.today())
        drawn = {
            (team, tech)
            for team, tech in self._read_group([("week_start", "=", week)], ["team_id", "technician_id"])
        }
        groups = [
            group
            for group in self.env["aftersales.request"]._read_group(
                [
                    ("state", "=", "done"),
                    ("close_time", ">=", fields.Datetime.now() - timedelta(days=7)),
                    ("team_id.spot_check_rate", ">", 0),
                    ("technician_id", "!=", False),
                ],
                ["team_id", "technician_id"],
                ["id:array_agg"],
            )
            if (group[0], group[1]) not in drawn
        ]
        vals, done = [], 0
        for team, _technician, request_ids in groups:
            if len(vals) >= batch_size:
                break
            size = math.ceil(len(request_ids) * team.spot_check_rate / 100)
            vals += [
                {"request_id": rid, "week_start": week} for rid in random.sample(sorted(request_ids), size)
            ]
            done += 1
        self.create(vals)
        commit_cron_progress(self.env, done, len(groups) - done)
        return vals
