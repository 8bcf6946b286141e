from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.aftersales_service.tools.cron_batches import commit_cron_progress, take_batch
from odoo.addons.aftersales_service.tools.record_counts import count_per_record

# Surveys sent per cron run: each invitation is a personal mail, and Odoo's mail stack
# spends most of it sanitizing the layout-wrapped body into its mail.message; the batch
# keeps one run short.
SURVEY_BATCH = 500


class AftersalesRequest(models.Model):
    _inherit = "aftersales.request"

    survey_input_ids = fields.One2many(
        "survey.user_input",
        "aftersales_request_id",
        string="Opinion Survey",
        readonly=True,
        copy=False,
        groups="survey.group_survey_user",
    )
    survey_state = fields.Selection(
        [("sent", "Sent"), ("answered", "Answered")],
        string="Survey",
        compute="_compute_survey_result",
        store=True,
    )
    satisfaction_score = fields.Float(
        string="Satisfaction",
        compute="_compute_survey_result",
        store=True,
        digits=(3, 2),
        aggregator="avg",
        help="Overall score of the customer's opinion survey, 1 (poor) to 4 (very satisfied).",
    )
    callback_ids = fields.One2many(
        "aftersales.callback",
        "request_id",
        string="Callbacks",
        copy=False,
        groups="aftersales_service.group_aftersales_user",
    )
    callback_count = fields.Integer(
        compute="_compute_callback_count", groups="aftersales_service.group_aftersales_user"
    )

    @api.depends("survey_input_ids.state", "survey_input_ids.aftersales_overall_score")
    def _compute_survey_result(self):
        # Stored on the request so that people without survey rights see the outcome.
        for request in self:
            answered = request.survey_input_ids.filtered(lambda i: i.state == "done")
            request.survey_state = (answered and "answered") or (request.survey_input_ids and "sent") or False
            request.satisfaction_score = answered[:1].aftersales_overall_score

    def _compute_callback_count(self):
        counts = count_per_record(self, "aftersales.callback", "request_id")
        for request in self:
            request.callback_count = counts.get(request, 0)

    def _close(self):
        # closed on site or by the return of a product from the workshop (RPR-5)
        result = super()._close()
        # A callback planned before closing (e.g. by hand) is the request's callback.
        self.sudo().filtered(lambda request: not request.callback_ids)._create_callbacks()
        return result

    @api.readonly
    def action_view_survey(self):
        self.ensure_one()
        return self.survey_input_ids[:1]._get_records_action(name=self.env._("Opinion Survey"), context={})

    @api.readonly
    def action_view_callbacks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_survey.action_aftersales_callback")
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action

    def _create_callbacks(self):
        """SUR-4: one callback task per closed request, due the team's number of days
        after closing, for the team's callback agent (or whoever registered the call)."""
        today = fields.Date.context_today(self)
        return self.env["aftersales.callback"].create(
            [
                {
                    "request_id": request.id,
                    "user_id": (request.team_id.callback_user_id or request.create_uid).id,
                    "due_date": today + timedelta(days=request.team_id.callback_delay_days),
                }
                for request in self
            ]
        )

    @api.model
    def _cron_send_surveys(self, batch_size=SURVEY_BATCH):
        """SUR-1: every closed request gets the customer opinion survey, not a sample.
        Requests that already have one are skipped (and the database refuses a second),
        so the cron can run any number of times. A run sends at most ``batch_size``
        (one personal mail each) and tells the scheduler what is left, so it runs
        again at once."""
        requests = self.search(
            [("state", "=", "done"), ("survey_input_ids", "=", False), ("partner_id", "!=", False)],
            limit=batch_size + 1,
            order="close_time",
        )
        # a second cron worker leaves the requests the first one is surveying alone
        (requests,), left_over = take_batch(batch_size, requests.try_lock_for_update(allow_referencing=True))
        user_inputs = requests._send_surveys()
        commit_cron_progress(self.env, len(requests), left_over)
        return user_inputs

    def _send_surveys(self):
        surveys = self.env.ref("aftersales_survey.survey_customer_opinion", raise_if_not_found=False)
        deadline = fields.Datetime.now() + timedelta(days=30)
        vals_list = []
        for request in self:
            survey = request.team_id.survey_id or surveys
            if not survey:
                continue
            partner = request._get_survey_partner()
            vals_list.append(
                {
                    "survey_id": survey.id,
                    "aftersales_request_id": request.id,
                    "partner_id": partner.id,
                    "email": request.email or partner.email,
                    "nickname": request.contact_name or partner.name,
                    "deadline": deadline,
                }
            )
        user_inputs = self.env["survey.user_input"].sudo().create(vals_list)
        with_email = user_inputs.filtered("email")
        if with_email:
            template = self.env.ref("aftersales_survey.mail_template_survey_invite")
            template.sudo().send_mail_batch(with_email.ids, email_layout_xmlid="mail.mail_notification_light")
        return user_inputs

    def _get_status_page_links(self):
        """PRT-5: the closed visit's status page leads to its opinion survey (SUR-1)
        while it waits for an answer."""
        links = super()._get_status_page_links()
        waiting = self.sudo().survey_input_ids.filtered(lambda user_input: user_input.state != "done")[:1]
        if waiting:
            links.append((self.env._("Give your opinion"), waiting.get_start_url()))
        return links

    def _get_survey_partner(self):
        """Who answers the request's opinion survey (SUR-1): the request's contact person.
        The customer field holds that contact when the call was registered for a person.
        A portal contact files requests in the name of its company (the commercial
        partner, see aftersales_service's portal controller): there the contact is the
        portal user who filed it. Otherwise the survey is the customer's, which any of
        its contacts may answer (survey.user_input._aftersales_answerable_by)."""
        self.ensure_one()
        author = self.create_uid
        if author.share and author.partner_id.commercial_partner_id == self.partner_id:
            return author.partner_id
        return self.partner_id

    def _notify_feedback(self, summary, notes):
        """What a customer said in a survey or on a callback goes to the team's service
        supervisor as an activity on the request, in one batch; ``summary`` is a lazy
        translation (``LazyTranslate``), written in the supervisor's language, and
        ``notes`` maps each request to the customer's words."""
        return self._escalate(
            "aftersales_survey.mail_activity_type_survey_feedback",
            lambda request: request.env._(summary),
            note_of=lambda request, _supervisor: notes.get(request),
        )
