import { registry } from "@web/core/registry";

// SUR-4: the customer-service agent reads the history, calls and records the outcome.
registry.category("web_tour.tours").add("aftersales_callback_tour", {
    url: "/odoo/action-aftersales_survey.action_aftersales_callback",
    steps: () => [
        {
            content: "Open the callback of the tour customer",
            trigger: ".o_data_row td:contains(Callback Tour Customer)",
            run: "click",
        },
        {
            content: "The service history comes first",
            trigger: ".o_notebook .nav-link.active:contains(Service History)",
        },
        {
            content: "Earlier visit of the same copier is listed",
            trigger: ".o_field_widget[name=history_request_ids] .o_data_row td:contains(Earlier noise)",
        },
        {
            content: "Go to the outcome",
            trigger: ".o_notebook .nav-link:contains(Outcome)",
            run: "click",
        },
        {
            content: "Reached",
            trigger: '.o_field_widget[name=result] input[data-value="reached"]',
            run: "click",
        },
        {
            content: "Product works",
            trigger: '.o_field_widget[name=product_working] input[data-value="yes"]',
            run: "click",
        },
        {
            content: "Very satisfied",
            trigger: '.o_field_widget[name=satisfaction] input[data-value="very_satisfied"]',
            run: "click",
        },
        {
            content: "Person reached",
            trigger: ".o_field_widget[name=contact_person] input",
            run: "edit Mr. Tour",
        },
        {
            content: "Record the outcome",
            trigger: 'button[name="action_record_outcome"]',
            run: "click",
        },
        {
            content: "Recorded",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Recorded)",
        },
    ],
});
