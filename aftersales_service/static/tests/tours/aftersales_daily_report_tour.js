import { registry } from "@web/core/registry";

/**
 * RPT-2: the supervisor creates the team's daily report from the wizard and submits
 * it; the branch manager approves it and sends it to the customer department.
 * Time entries come from the Python test.
 */
registry.category("web_tour.tours").add("aftersales_daily_report_submit_tour", {
    steps: () => [
        {
            content: "The wizard proposes the supervisor's team",
            trigger: ".modal .o_field_widget[name=team_id] input:value(Report Team)",
        },
        {
            content: "Create the report",
            trigger: ".modal button[name=action_create]",
            run: "click",
        },
        {
            content: "The technician's hours are on the report",
            trigger: ".o_form_view .o_data_row:contains(Report Technician)",
        },
        {
            content: "Submit it for approval",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
    ],
});

registry.category("web_tour.tours").add("aftersales_daily_report_approve_tour", {
    steps: () => [
        {
            content: "The manager approves",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "Approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Approved)",
        },
        {
            content: "Send to the customer department",
            trigger: ".o_form_view button[name=action_send]",
            run: "click",
        },
        {
            content: "Sent",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Sent)",
        },
    ],
});
