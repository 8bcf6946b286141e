from contextlib import contextmanager
from datetime import datetime
from unittest.mock import MagicMock, patch

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


def ensure_chart_of_accounts(env):
    """The company's books: Odoo loads the generic chart of accounts for a company without
    one when ``account`` is installed, but only once the registry is ready, after the
    at_install tests of a database installed without demo data. Those tests load it
    themselves (rolled back with the test class), as Odoo's AccountTestInvoicingCommon
    does for its test company; with a chart in place (demo data, or a production
    company) nothing changes."""
    if not env.company.chart_template:
        env["account.chart.template"].try_loading("generic_coa", env.company, install_demo=False)


def load_chinese(env, modules=("aftersales_service",)):
    """Simplified Chinese as Settings / Languages adds it: the language active and the
    ``modules``' terms loaded. The demo data does it; a database without demo data has
    English only."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(list(modules), ["zh_CN"], overwrite=True)


def close_on_site(request, technician):
    """Verify, dispatch to ``technician``, arrive and close ``request`` without a
    signature, the shortest way a visit ends."""
    if request.to_verify:
        request.action_verify()
    request.technician_id = technician
    request.action_dispatch()
    request.action_arrive()
    request.write({"work_done": "Fixed", "no_signature_reason": "Customer away"})
    request.action_close()
    return request


@contextmanager
def smtp_server(env, down=False):
    """The mail queue delivering to an SMTP server that is up, or ``down`` (the
    connection refused). Test mode skips delivery altogether; here it runs, and only
    the SMTP layer outside Odoo is replaced. Yields the subjects of what was handed
    to the server."""
    server_class = type(env["ir.mail_server"])
    delivered = []

    def send_email(server, message, *args, **kwargs):
        delivered.append(message["Subject"])
        return message["Message-Id"]

    connect = (
        {"side_effect": ConnectionRefusedError("SMTP server down")} if down else {"return_value": MagicMock()}
    )
    with (
        patch.object(server_class, "_disable_send", return_value=False),
        patch.object(server_class, "_connect__", **connect),
        patch.object(server_class, "send_email", send_email),
    ):
        yield delivered


# a 1x1 PNG, what the portal's signature pad sends
ESTIMATE_SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def approve_estimate(repair, hours=0.0):
    """RPR-7: send the paid repair's estimate and sign it as the customer does in the
    portal (signature written, quotation confirmed)."""
    repair.estimate_labour_hours = hours
    repair._send_estimate()
    order = repair.sale_order_id
    order.write({"signature": ESTIMATE_SIGNATURE, "signed_by": "Customer", "signed_on": datetime.now()})
    order._validate_order()
    return order


class AftersalesCase(TransactionCase):
    """Data every after-sales test starts from, on a database with or without demo
    data: a chart of accounts, a team working Mon-Fri 8-12 / 13-17 (UTC, so the
    arithmetic in the tests is plain), its people, two customers (urban and suburban)
    and a copier with a 12-month warranty."""

    def run_cron(self, cron_xmlid, method, **kwargs):
        """Run ``method`` of the cron's model as the scheduler runs the cron: on a
        cursor of its own, with Odoo 19's progress record. Returns how
        many records the run reported ``done`` and ``remaining`` (with some left the
        scheduler runs the cron again at once) and, as ``records``, what it returned."""
        cron = self.env.ref(cron_xmlid)
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            env = self.env(cr=cr, context=dict(self.env.context, cron_id=cron.id))
            job, progress = env["ir.cron"].browse(cron.id)._add_progress()
            result = getattr(env[cron.model_id.model].with_context(job.env.context), method)(**kwargs)
            reported = {"done": progress.done, "remaining": progress.remaining}
        self.env.invalidate_all()
        return dict(reported, records=result.with_env(self.env) if hasattr(result, "_ids") else result)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Service 40h UTC",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for period, hour_from, hour_to in (("morning", 8, 12), ("afternoon", 13, 17))
                ],
            }
        )
        cls.clerk = new_test_user(
            cls.env, "t_clerk", groups="base.group_user,aftersales_service.group_aftersales_user"
        )
        cls.supervisor = new_test_user(
            cls.env,
            "t_supervisor",
            groups="base.group_user,aftersales_service.group_aftersales_supervisor",
        )
        cls.tech_a = new_test_user(
            cls.env, "t_tech_a", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        cls.tech_b = new_test_user(
            cls.env, "t_tech_b", groups="base.group_user,aftersales_service.group_aftersales_technician"
        )
        cls.outsider_tech = new_test_user(
            cls.env,
            "t_tech_other_team",
            groups="base.group_user,aftersales_service.group_aftersales_technician",
        )
        cls.team = cls.env["aftersales.team"].create(
            {
                "name": "Test Service Centre",
                "resource_calendar_id": cls.calendar.id,
                "supervisor_id": cls.supervisor.id,
                "member_ids": [Command.set([cls.clerk.id, cls.supervisor.id, cls.tech_a.id, cls.tech_b.id])],
            }
        )
        cls.other_team = cls.env["aftersales.team"].create(
            {
                "name": "Other Branch",
                "resource_calendar_id": cls.calendar.id,
                "member_ids": [Command.set([cls.outsider_tech.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Urban Customer",
                "street": "1 Nanjing Road",
                "phone": "+86 21 1234 5678",
                "service_zone": "urban",
                "aftersales_team_id": cls.team.id,
            }
        )
        cls.suburban_customer = cls.env["res.partner"].create(
            {
                "name": "Suburban Customer",
                "street": "9 Factory Lane",
                "email": "suburb@example.com",
                "service_zone": "suburban",
                "aftersales_team_id": cls.team.id,
            }
        )
        cls.copier = cls.env["product.product"].create(
            {
                "name": "Copier",
                "type": "consu",
                "aftersales_warranty_months": 12,
            }
        )
        cls.part = cls.env["product.product"].create({"name": "Roller", "type": "consu"})
        cls.equipment = cls.env["aftersales.equipment"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.copier.id,
                "serial_number": "SN-0001",
                "purchase_date": "2026-01-15",
            }
        )

    @contextmanager
    def assertRefused(self, exception, regex):
        """The operation raises a clear error and leaves nothing written: it is run in
        a savepoint that the error rolls back, as the web client's transaction is."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()

    def give_leave(self, user, date_from, date_to, name="Leave"):
        """``user`` off between ``date_from`` and ``date_to``, as Time Off records it: a
        resource on the team calendar with a resource leave."""
        resource = user.resource_ids[:1] or self.env["resource.resource"].create(
            {"name": user.name, "user_id": user.id, "calendar_id": self.calendar.id}
        )
        return self.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "resource_id": resource.id,
                "calendar_id": self.calendar.id,
                "date_from": date_from,
                "date_to": date_to,
            }
        )

    @classmethod
    def create_request(cls, call_time=datetime(2026, 11, 16, 9, 0), **values):
        vals = {
            "partner_id": cls.customer.id,
            "equipment_id": cls.equipment.id,
            "symptom": "Paper jam",
            "call_time": call_time,
        }
        vals.update(values)
        return cls.env["aftersales.request"].create(vals)

    @classmethod
    def dispatched_request(cls, technician=None, **values):
        request = cls.create_request(**values)
        request.technician_id = technician or cls.tech_a
        request.action_dispatch()
        return request
