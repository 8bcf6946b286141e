import { registry } from "@web/core/registry";
import { signByHandSteps } from "@aftersales_service/../tests/tours/signature_steps";

/**
 * On-site entry (SVC-6): the technician records time and parts on a request on
 * site, and hands the device to the customer, who signs by hand (no "Auto" mode
 * writing the typed name as a signature). The request comes from the Python test.
 */
registry.category("web_tour.tours").add("aftersales_on_site_entry_tour", {
    steps: () => [
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
            content: "One hour",
            trigger: "div[name=time_entry_ids] .o_data_row .o_field_widget[name=hours] input",
            run: "edit 01:00 && click .o_form_sheet",
        },
        {
            content: "Right after, add a part",
            trigger: "div[name=part_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
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
