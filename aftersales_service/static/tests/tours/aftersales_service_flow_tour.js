import { registry } from "@web/core/registry";
import { signByHandSteps } from "@aftersales_service/../tests/tours/signature_steps";

/**
 * Main flow of the after-sales service (SVC-1 → SVC-6): a clerk registers a call,
 * the supervisor dispatches it, the technician records the work on site, the
 * customer signs the voucher and the request is closed.
 * Data (customer, equipment, technician) comes from the Python test.
 */
registry.category("web_tour.tours").add("aftersales_service_flow_tour", {
    url: "/odoo/action-aftersales_service.action_aftersales_request_register",
    steps: () => [
        {
            content: "Register a new call",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Type the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Customer",
        },
        {
            content: "Pick the customer",
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Customer)",
            run: "click",
        },
        {
            content: "The phone number comes from the customer",
            trigger: ".o_field_widget[name=phone] input:value(+86 21 0000 0001)",
        },
        {
            content: "Type the equipment's serial number",
            trigger: ".o_field_widget[name=equipment_id] input",
            run: "edit SN-TOUR",
        },
        {
            content: "Pick the equipment",
            trigger: ".o-autocomplete--dropdown-item a:contains(SN-TOUR)",
            run: "click",
        },
        {
            content: "Describe the symptom",
            trigger: ".o_field_widget[name=symptom] textarea",
            run: "edit Paper jams in tray 2",
        },
        {
            content: "Choose the technician",
            trigger: ".o_field_widget[name=technician_id] input",
            run: "edit Tour Technician",
        },
        {
            content: "Pick the technician",
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Technician)",
            run: "click",
        },
        {
            content: "Save the call register entry",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Dispatch",
            trigger: ".o_form_saved button[name=action_dispatch]",
            run: "click",
        },
        {
            content: "The request is dispatched",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Dispatched)",
        },
        {
            content: "The technician arrives",
            trigger: "button[name=action_arrive]",
            run: "click",
        },
        {
            content: "The request is on site",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(On Site)",
        },
        {
            content: "Open the on-site work",
            trigger: ".o_notebook .nav-link:contains(On-Site Work)",
            run: "click",
        },
        {
            content: "Record the work done",
            trigger: ".o_field_widget[name=work_done] textarea",
            run: "edit Replaced the feed roller",
        },
        {
            content: "Add the time spent",
            trigger: "div[name=time_entry_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "One hour and a half",
            trigger: "div[name=time_entry_ids] .o_data_row .o_field_widget[name=hours] input",
            run: "edit 01:30 && click .o_form_sheet",
        },
        {
            content: "Open the signature page",
            trigger: ".o_notebook .nav-link:contains(Customer Signature)",
            run: "click",
        },
        {
            content: "Name of the signer",
            trigger: ".o_field_widget[name=signed_by] input",
            run: "edit Ms Zhou",
        },
        {
            // the work so far is saved before the device goes to the customer
            content: "Save the signer's name",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Open the signature pad",
            trigger: ".o_form_saved .o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            // the customer signs by hand: the pad does not write the typed name
            content: "The pad waits for a hand-drawn signature",
            trigger: ".modal .o_web_sign_draw_button.active",
        },
        ...signByHandSteps(),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Close the request",
            trigger: ".o_form_saved button[name=action_close]",
            run: "click",
        },
        {
            content: "The request is closed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Closed)",
        },
    ],
});
