from odoo import api, fields, models

ACTIVITY_TYPE = "aftersales_complaint.mail_activity_type_emergency"


class AftersalesEmergencyMixin(models.AbstractModel):
    """CMP-12 (应急处理): a major incident alerts the company's emergency response group
    (with an activity for its leader) and sends the customer a progress notice at each
    step until it is closed; the emergency log is the record's chatter since then."""

    _name = "aftersales.emergency.mixin"
    _description = "Emergency Handling"

    # the fields whose change can start an emergency (a model computing it adds its own)
    _emergency_trigger_fields = ("is_emergency",)

    is_emergency = fields.Boolean(string="Emergency", tracking=True, copy=False)
    emergency_started_on = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("is_emergency")._start_emergency()
        return records

    def write(self, vals):
        if "state" not in vals and not any(name in vals for name in self._emergency_trigger_fields):
            # most writes (an assignment, a note) can neither start an emergency nor move a step
            return super().write(vals)
        before = self.filtered("is_emergency")
        old_states = {record.id: record.state for record in self}
        result = super().write(vals)
        (self.filtered("is_emergency") - before)._start_emergency()
        if "state" in vals:
            self.filtered(
                lambda r: (
                    r.is_emergency
                    and old_states[r.id] != r.state
                    and old_states[r.id] not in ("done", "closed", "cancel")
                )
            )._send_emergency_progress()
        return result

    def _start_emergency(self):
        for record in self:
            company = record.company_id
            group = company.aftersales_emergency_user_ids | company.aftersales_emergency_leader_id
            record.emergency_started_on = fields.Datetime.now()
            record.message_subscribe(partner_ids=group.partner_id.ids)
            leader = company.aftersales_emergency_leader_id
            if leader:
                summary = record.with_context(lang=leader.lang).env._(
                    "Emergency: %(record)s", record=record.display_name
                )
                record.activity_schedule(ACTIVITY_TYPE, summary=summary, user_id=leader.id)
            record.message_post(
                body=record.env._("Emergency: the emergency response group is alerted."),
                partner_ids=group.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self._prioritise_emergency_parts()

    def _prioritise_emergency_parts(self):
        """Hook: the record's parts are reserved ahead of other jobs."""

    def _send_emergency_progress(self):
        """A progress notice to the customer, in their language, at each step."""
        for record in self:
            partner = record.partner_id
            local = record.with_context(lang=partner.lang or record.env.lang)
            state = dict(local._fields["state"]._description_selection(local.env))[record.state]
            record.message_post(
                body=local.env._(
                    "Progress on %(record)s: it is now %(state)s.", record=record.display_name, state=state
                ),
                partner_ids=partner.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    @api.readonly
    def action_view_emergency_log(self):
        """The emergency's timeline: the record's messages since it became an emergency."""
        self.ensure_one()
        domain = [("model", "=", self._name), ("res_id", "=", self.id)]
        if self.emergency_started_on:
            domain.append(("date", ">=", self.emergency_started_on))
        messages = self.env["mail.message"].search(domain)
        log_view = self.env.ref("aftersales_complaint.view_emergency_log_list")
        return messages._get_records_action(
            name=self.env._("Emergency Log"),
            views=[(log_view.id, "list"), (False, "form")],
            domain=[("id", "in", messages.ids)],
            context={"create": False},
        )
