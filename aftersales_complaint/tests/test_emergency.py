from .common import ComplaintCase


class TestEmergency(ComplaintCase):
    """CMP-12 (应急处理): a serious complaint or a request marked as an emergency alerts
    the emergency response group, gets its parts first and keeps the customer informed
    at each step until it is closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["aftersales_complaint"], ["zh_CN"], overwrite=True)
        cls.supervisor.lang = "zh_CN"
        cls.env.company.write(
            {
                "aftersales_emergency_leader_id": cls.supervisor.id,
                "aftersales_emergency_user_ids": [(6, 0, cls.vice_president.ids)],
            }
        )
        cls.activity_type = cls.env.ref("aftersales_complaint.mail_activity_type_emergency")

    def notices_to_customer(self, record):
        return record.message_ids.filtered(
            lambda m: self.customer in m.partner_ids and m.message_type == "comment"
        )

    def part_move(self, request):
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)
        return self.env["stock.move"].create(
            {
                "product_id": self.toner.id,
                "product_uom_qty": 1,
                "product_uom": self.toner.uom_id.id,
                "location_id": stock.lot_stock_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "aftersales_request_id": request.id,
            }
        )

    def test_serious_complaint_alerts_the_group_and_the_leader(self):
        complaint = self.new_complaint(severity="serious")
        self.assertTrue(complaint.is_emergency)
        self.assertIn(self.vice_president.partner_id, complaint.message_partner_ids)
        activity = complaint.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertTrue(activity.summary.startswith("紧急事件"))
        self.assertIn(complaint.display_name, activity.summary)
        ordinary = self.new_complaint()
        self.assertFalse(ordinary.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type))

    def test_customer_gets_a_notice_at_each_step_in_their_language_until_closed(self):
        self.customer.lang = "zh_CN"
        complaint = self.new_complaint(severity="serious")
        complaint.with_context(lang="en_US").action_accept()
        notices = self.notices_to_customer(complaint)
        self.assertEqual(len(notices), 1)
        self.assertIn("已受理", notices.body)
        complaint.write({"cause": "Wrong toner batch", "corrective_action": "Block the batch"})
        complaint.action_submit_investigation()
        complaint.write({"resolution_type": "rejected"})
        complaint.action_approve()
        self.finish_tasks_and_visit(complaint)
        complaint.action_close()
        # accepted, investigated, approved, closed; the closing letter is sent besides
        progress = self.notices_to_customer(complaint).filtered(lambda m: not m.attachment_ids)
        self.assertEqual(len(progress), 4)
        action = complaint.action_view_emergency_log()
        log = self.env["mail.message"].search(action.get("domain") or [("id", "=", action.get("res_id"))])
        self.assertLessEqual(progress, log)

    def test_emergency_request_gets_its_parts_first(self):
        request = self.create_request()
        waiting = self.part_move(request)
        self.assertEqual(waiting.priority, "0")
        request.is_emergency = True
        self.assertEqual(waiting.priority, "1")
        self.assertEqual(self.part_move(request).priority, "1")
        activity = request.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertEqual(self.part_move(self.create_request()).priority, "0")
