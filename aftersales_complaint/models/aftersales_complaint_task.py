from odoo import fields, models
from odoo.exceptions import UserError

DEPARTMENTS = [
    ("sales", "Sales"),
    ("quality", "R&D / Quality"),
    ("service", "Customer Service"),
    ("supplier", "Supplier (joint)"),
    ("warehouse", "Warehouse"),
    ("finance", "Finance"),
]


class AftersalesComplaintTask(models.Model):
    """CMP-3: what each department does on a complaint — sales checks the order data and
    the demand, R&D / quality investigates the cause and the corrective action, customer
    service registers, keeps the clock and decides — each with an owner and a done date."""

    _name = "aftersales.complaint.task"
    _description = "Complaint Department Task"
    _order = "complaint_id, sequence, id"

    complaint_id = fields.Many2one("aftersales.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    department = fields.Selection(DEPARTMENTS, required=True)
    name = fields.Char(string="Task", required=True, translate=False)
    user_id = fields.Many2one("res.users", string="Owner")
    date_deadline = fields.Date(string="Due")
    result = fields.Text()
    done_on = fields.Date(readonly=True)
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True)

    def action_done(self):
        if any(not (task.result or "").strip() for task in self):
            raise UserError(self.env._("Write down what was found or done before closing the task."))
        self.write({"state": "done", "done_on": fields.Date.context_today(self)})
        return True

    def action_reopen(self):
        self.write({"state": "open", "done_on": False})
        return True
