import { registry } from "@web/core/registry";

function click(content, trigger) {
    return { content: `CLICK: ${content}`, trigger, run: "click" };
}

/**
 * DSP-3: a known caller's call registered from the call register: the customer found
 * by the phone number they call from, their one machine filled in, what the clerk must
 * tell them shown before saving. Steps that click are named "CLICK:" (typing is not a
 * click): the Python test counts them.
 */
registry.category("web_tour.tours").add("aftersales_intake_tour", {
    url: "/odoo/action-aftersales_service.action_aftersales_request_register",
    steps: () => [
        click("New call", ".o_list_button_add"),
        {
            content: "Type the number the customer calls from, as it is said",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit 021 5550 0077",
        },
        click("Pick the caller", ".o-autocomplete--dropdown-item a:contains(Intake Customer)"),
        {
            content: "Their one machine is filled in, with its warranty",
            trigger: ".o_field_widget[name=equipment_id] input:value(SN-INTAKE)",
        },
        {
            content: "The open request on it is warned about",
            trigger: ".alert-warning .o_field_widget[name=equipment_open_request_ids]:contains(SR/)",
        },
        {
            content: "The last visit is shown",
            trigger: ".o_field_widget[name=last_visit]:contains(Drum replaced)",
        },
        {
            content: "Describe the symptom",
            trigger: ".o_field_widget[name=symptom] textarea",
            run: "edit Streaks on every copy",
        },
        click("Save", ".o_form_button_save"),
        {
            content: "Registered",
            trigger: ".o_form_saved",
        },
    ],
});
