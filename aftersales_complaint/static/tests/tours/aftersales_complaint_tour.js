import { registry } from "@web/core/registry";

// CMP-1 → CMP-6: a complaint raised from a survey answer is investigated, approved as a
// discount (credit note), the customer is visited and the complaint is closed.
registry.category("web_tour.tours").add("aftersales_complaint_tour", {
    steps: () => [
        {
            content: "Raise a complaint from the survey answer",
            trigger: 'button[name="action_raise_complaint"]',
            run: "click",
        },
        {
            content: "The customer's words are already there",
            trigger: ".o_field_widget[name=description]:contains(Came late and rude)",
        },
        {
            content: "Non-quality complaint",
            trigger: '.o_field_widget[name=complaint_type] input[data-value="non_quality"]',
            run: "click",
        },
        {
            content: "Invoice to credit",
            trigger: ".o_field_widget[name=invoice_id] input",
            run: "edit TOUR-INV",
        },
        {
            content: "Pick the invoice",
            trigger: ".o-autocomplete--dropdown-item a:contains(TOUR-INV)",
            run: "click",
        },
        {
            content: "Accept: the clocks start",
            trigger: 'button[name="action_accept"]',
            run: "click",
        },
        {
            content: "Accepted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Accepted)",
        },
        {
            content: "Open the investigation",
            trigger: ".o_notebook .nav-link:contains(Investigation)",
            run: "click",
        },
        ...[0, 1, 2].flatMap((index) => [
            {
                content: `Result of task ${index + 1}`,
                trigger: `.o_field_widget[name=task_ids] .o_data_row:eq(${index}) td[name=result]`,
                run: "click",
            },
            {
                content: `Write the result of task ${index + 1}`,
                trigger: `.o_field_widget[name=task_ids] .o_data_row:eq(${index}) td[name=result] textarea`,
                run: "edit Checked with the technician",
            },
            {
                content: `Task ${index + 1} done`,
                trigger: `.o_field_widget[name=task_ids] .o_data_row:eq(${index}) button[name=action_done]`,
                run: "click",
            },
            {
                content: `Task ${index + 1} is done`,
                trigger: `.o_field_widget[name=task_ids] .o_data_row:eq(${index}) td[name=done_on]:not(:empty)`,
            },
        ]),
        {
            content: "Cause",
            trigger: ".o_field_widget[name=cause] textarea",
            run: "edit Technician overbooked that morning",
        },
        {
            content: "Corrective action",
            trigger: ".o_field_widget[name=corrective_action] textarea",
            run: "edit Call customers when running late",
        },
        {
            content: "Submit the investigation",
            trigger: 'button[name="action_submit_investigation"]',
            run: "click",
        },
        {
            content: "Investigated",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Investigated)",
        },
        {
            content: "Open the resolution",
            trigger: ".o_notebook .nav-link:contains(Resolution)",
            run: "click",
        },
        {
            content: "Discount",
            trigger: '.o_field_widget[name=resolution_type] input[data-value="discount"]',
            run: "click",
        },
        {
            content: "Amount",
            trigger: ".o_field_widget[name=resolution_amount] input",
            run: "edit 80 && click .o_form_sheet",
        },
        {
            content: "Approve",
            trigger: 'button[name="action_approve"]',
            run: "click",
        },
        {
            content: "The credit note is there",
            trigger: 'button[name="action_view_credit_note"]',
        },
        {
            content: "Open the visit",
            trigger: ".o_notebook .nav-link:contains(Visit)",
            run: "click",
        },
        {
            content: "Visit date",
            trigger: ".o_field_widget[name=visit_date] input",
            run: "edit 11/20/2026 && click .o_form_sheet",
        },
        {
            content: "What the customer said",
            trigger: ".o_field_widget[name=visit_note] textarea",
            run: "edit Apology accepted",
        },
        {
            content: "Record the visit",
            trigger: 'button[name="action_record_visit"]',
            run: "click",
        },
        {
            content: "Close",
            trigger: 'button[name="action_close"]',
            run: "click",
        },
        {
            content: "Closed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Closed)",
        },
    ],
});
