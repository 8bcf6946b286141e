import { registry } from "@web/core/registry";
import { signByHandSteps } from "@aftersales_service/../tests/tours/signature_steps";

/**
 * The time row, then at once a part row: the time row starts on the hours (on a phone
 * a date cell in focus opened a floating date picker that swallowed the next tap, and
 * the part row never appeared).
 */
function timeThenPartSteps() {
    return [
        {
            content: "Open the on-site work",
            trigger: ".o_notebook .nav-link[name=work]",
            run: "click",
        },
        {
            content: "Add the time spent",
            trigger: "div[name=time_entry_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The new time row starts on the hours, no date picker over the list",
            trigger: "div[name=time_entry_ids] .o_selected_row .o_field_widget[name=hours] input:focus",
            run() {
                if (document.querySelector(".o_datetime_picker")) {
                    throw new Error("A date picker opened over the list");
                }
            },
        },
        {
            content: "One hour",
            trigger: "div[name=time_entry_ids] .o_selected_row .o_field_widget[name=hours] input",
            run: "edit 01:00",
        },
        {
            content: "Right after, still on the time row, add a part",
            trigger: "div[name=part_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
    ];
}

/**
 * On-site entry (SVC-6): the technician records time and parts on a request on
 * site, and hands the device to the customer, who signs by hand (no "Auto" mode
 * writing the typed name as a signature). The request comes from the Python test.
 */
registry.category("web_tour.tours").add("aftersales_on_site_entry_tour", {
    steps: () => [
        ...timeThenPartSteps(),
        {
            content: "Type the part",
            trigger: "div[name=part_ids] .o_data_row .o_field_widget[name=product_id] input",
            run: "edit Tour",
        },
        {
            content: "Only spare parts are offered: the toner, not the copier",
            trigger: ".o-autocomplete--dropdown-menu:has(a:contains(Tour Toner)):not(:has(a:contains(Tour Copier)))",
        },
        {
            content: "Pick the part",
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Toner)",
            run: "click",
        },
        {
            content: "Picking a part the team has none of warns at once",
            trigger: ".modal .modal-body:contains(Tour Toner)",
        },
        {
            content: "Close the warning",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Leave the line",
            trigger: "body:not(:has(.modal)) .o_form_sheet",
            run: "click",
        },
        {
            content: "The part line stays in the list before saving",
            trigger: ".o_form_dirty div[name=part_ids] .o_data_row:contains(Tour Toner)",
        },
        {
            content: "The time line stays too",
            trigger: "div[name=time_entry_ids] .o_data_row:contains(01:00)",
        },
        {
            content: "No stock of it in the team's warehouse: the line says so",
            trigger: "div[name=part_ids] .o_data_row:contains(Tour Toner) td[name=available_qty].text-danger",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with the part",
            trigger: ".o_form_saved div[name=part_ids] .o_data_row:contains(Tour Toner)",
        },
        {
            content: "Open the signature page",
            trigger: ".o_notebook .nav-link[name=signature]",
            run: "click",
        },
        {
            content: "Name of the signer",
            trigger: ".o_field_widget[name=signed_by] input",
            run: "edit Ms Zhou",
        },
        {
            content: "Open the signature pad",
            trigger: ".o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            content: "The pad opens on drawing",
            trigger: ".modal .o_web_sign_draw_button.active",
        },
        {
            content: "No mode writes the name or loads an image for the customer",
            trigger: ".modal .o_web_sign_name_and_signature:not(:has(.o_web_sign_auto_button, .o_web_sign_load_button))",
        },
        ...signByHandSteps(),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

/**
 * On a phone: a time row, then at once a part row. The part row must appear (the time
 * row's date picker used to swallow the tap, and the part row never came).
 */
registry.category("web_tour.tours").add("aftersales_phone_time_then_part_tour", {
    steps: () => [
        ...timeThenPartSteps(),
        {
            content: "The part row is there, ready for the part",
            trigger: "div[name=part_ids] .o_data_row .o_field_widget[name=product_id]",
        },
        {
            content: "The time row stays and counts",
            trigger: "div[name=time_spent]:contains(01:00)",
        },
        {
            content: "Discard the rows (the part is still to choose)",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Nothing left to save",
            trigger: ".o_form_view .o_form_saved, .o_form_view:not(:has(.o_form_status_indicator_buttons:not(.invisible)))",
        },
    ],
});
