from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

HR_NOTICE_REPORT = "aftersales_complaint.action_report_hr_notice"
HR_NOTICE_ACTIVITY = "aftersales_complaint.mail_activity_type_hr_notice"


class AftersalesComplaintReview(models.Model):
    """CMP-11 (seed 第二十八条): the complaints the general manager approved as an
    administrative sanction go to human resources, who publish the HR notice (人事公布单).
    When the review is issued, the company's HR recipient gets an activity to publish it
    with the notice attached, and the notification mail carries the PDF and a link to it:
    human resources need no after-sales rights to read it."""

    _inherit = "aftersales.complaint.review"

    sanction_complaint_ids = fields.Many2many(
        "aftersales.complaint",
        compute="_compute_sanction_complaint_ids",
        string="Administrative Sanctions",
    )

    def _compute_sanction_complaint_ids(self):
        for review in self:
            review.sanction_complaint_ids = review.complaint_ids.filtered(
                lambda complaint: complaint.penalty_type == "administrative"
            )

    def action_approve(self):
        # the HR notice names each sanctioned person
        for complaint in self.sanction_complaint_ids:
            if not complaint.responsible_user_id:
                raise UserError(
                    self.env._(
                        "%(complaint)s imposes an administrative sanction on nobody: choose its responsible "
                        "person before approving.",
                        complaint=complaint.name,
                    )
                )
        return super().action_approve()

    def action_issue(self):
        to_hr = self.filtered(lambda review: review.state == "approved" and review.sanction_complaint_ids)
        for review in to_hr:
            if not review.company_id.aftersales_hr_manager_id:
                raise UserError(
                    self.env._(
                        "%(review)s has administrative sanctions for human resources: choose the HR notice "
                        "recipient of %(company)s first (company settings, Complaints tab).",
                        review=review.name,
                        company=review.company_id.name,
                    )
                )
        result = super().action_issue()
        to_hr._send_hr_notice()
        return result

    def _check_hr_notice(self):
        """The HR notice exists once the general manager approved the sanctions."""
        for review in self:
            if review.state not in ("approved", "issued"):
                raise UserError(
                    self.env._(
                        "The HR notice of %(review)s is printed once the general manager approved the review.",
                        review=review.name,
                    )
                )
            if not review.sanction_complaint_ids:
                raise UserError(
                    self.env._(
                        "%(review)s has no administrative sanction: there is no HR notice.",
                        review=review.name,
                    )
                )

    def _hr_notice_lang(self):
        """The notice is written to human resources: in their language."""
        self.ensure_one()
        return self.company_id.aftersales_hr_manager_id.lang or self.env.lang

    def _send_hr_notice(self):
        for review in self:
            hr_user = review.company_id.aftersales_hr_manager_id
            hr_env = review.with_context(lang=review._hr_notice_lang()).env
            attachment = review._attach_hr_notice(hr_env)
            summary = hr_env._("Publish the HR notice of the %(review)s complaint review", review=review.name)
            people = ", ".join(review.sanction_complaint_ids.responsible_user_id.mapped("name"))
            note = Markup('<p>%s</p><p><a href="%s">%s</a></p>') % (
                hr_env._(
                    "The general manager approved administrative sanctions for %(people)s. The HR notice is "
                    "attached.",
                    people=people,
                ),
                review._hr_notice_download_url(attachment),
                hr_env._("Download the HR notice"),
            )
            activity = review.with_context(mail_activity_quick_update=True).activity_schedule(
                HR_NOTICE_ACTIVITY, summary=summary, note=note, user_id=hr_user.id
            )
            activity.attachment_ids = attachment
            review.message_notify(
                partner_ids=hr_user.partner_id.ids,
                subject=summary,
                body=note,
                attachment_ids=attachment.ids,
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _hr_notice_download_url(self, attachment):
        # human resources read the notice without after-sales rights: the link carries
        # the attachment's token, and only their activity and their mail show it
        token = attachment.generate_access_token()[0]
        return f"{self.get_base_url()}/web/content/{attachment.id}?access_token={token}&download=true"

    def _attach_hr_notice(self, hr_env):
        self.ensure_one()
        pdf, _format = self.env["ir.actions.report"]._render_qweb_pdf(HR_NOTICE_REPORT, self.ids)
        return self.env["ir.attachment"].create(
            {
                "name": hr_env._("HR Notice %(review)s.pdf", review=self.name),
                "raw": pdf,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
