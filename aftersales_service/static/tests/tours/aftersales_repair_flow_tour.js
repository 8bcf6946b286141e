import { registry } from "@web/core/registry";
import { inspectAndEndRepairSteps } from "@aftersales_service/../tests/tours/repair_steps";

/**
 * Carry-in repair (RPR-1 → RPR-5) and the accountant's invoice (SVC-7): the
 * technician takes the product back from an on-site request, the workshop repairs
 * it, the supervisor inspects it, it is returned to the customer and the
 * accountant invoices the sale order the return produced.
 * The request (paid service, technician on site) comes from the Python test.
 * The first tour ends when the estimate is sent for signature (RPR-7).
 */
registry.category("web_tour.tours").add("aftersales_repair_flow_tour", {
    steps: () => [
        {
            content: "Take the product back to the workshop",
            trigger: ".o_form_view button[name=action_take_back]",
            run: "click",
        },
        {
            content: "The repair order carries the after-sales page",
            trigger: ".o_form_view .o_notebook .nav-link:contains(After-Sales)",
        },
        {
            content: "Add the replaced part",
            trigger: "div[name=move_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Type the part",
            trigger: "div[name=move_ids] .o_data_row .o_field_widget[name=product_id] input",
            run: "edit Tour Spare Roller",
        },
        {
            content: "Pick the part",
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Spare Roller)",
            run: "click",
        },
        {
            content: "Save the repair",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The part is on the repair",
            trigger: ".o_form_saved div[name=move_ids] .o_data_row:contains(Tour Spare Roller)",
        },
        {
            content: "Confirm the repair",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            content: "RPR-7: send the paid repair's estimate to the customer",
            trigger: ".o_form_view button[name=action_send_estimate]:contains(Send Estimate)",
            run: "click",
        },
        {
            content: "Send Odoo's quotation mail",
            trigger: ".modal button[name=action_send_mail]:enabled",
            run: "click",
        },
        {
            content: "Open the after-sales page",
            trigger: ".o_form_view:not(:has(.modal)) .o_notebook .nav-link:contains(After-Sales)",
            run: "click",
        },
        {
            content: "The estimate waits for the customer's signature",
            trigger: ".o_field_widget[name=estimate_state]:contains(Waiting for Signature)",
        },
    ],
});

/**
 * RPR-7: once the customer signed the estimate in the portal (done by the Python
 * test), the workshop starts, the supervisor inspects and the product is returned.
 */
registry.category("web_tour.tours").add("aftersales_repair_flow_return_tour", {
    steps: () => [
        {
            content: "Open the after-sales page",
            trigger: ".o_form_view:not(:has(.modal)) .o_notebook .nav-link:contains(After-Sales)",
            run: "click",
        },
        {
            content: "The estimate is approved",
            trigger: ".o_form_view .o_field_widget[name=estimate_state]:contains(Signed by Customer)",
        },
        {
            content: "Start the repair",
            trigger: ".o_form_view button[name=action_repair_start]",
            run: "click",
        },
        ...inspectAndEndRepairSteps(),
        {
            content: "Repaired",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Repaired)",
        },
        {
            content: "Open the after-sales page",
            trigger: ".o_notebook .nav-link:contains(After-Sales)",
            run: "click",
        },
        {
            content: "The customer signs the paper copy",
            trigger: ".o_field_widget[name=return_no_signature_reason] textarea",
            run: "edit Signed the paper copy",
        },
        {
            content: "Return the product",
            trigger: ".o_form_view button[name=action_aftersales_return]",
            run: "click",
        },
        {
            content: "The pickup receipt is void",
            trigger: ".o_field_widget[name=pickup_receipt_state]:contains(Void)",
        },
        {
            content: "Open the sale order of the paid repair",
            trigger: "button[name=action_view_sale_order]:contains(Sale Order)",
            run: "click",
        },
        {
            content: "The accountant creates the invoice",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Create Invoice)",
            run: "click",
        },
        {
            content: "Create the draft invoice",
            trigger: ".modal button[name=create_invoices]",
            run: "click",
        },
        {
            content: "Confirm the invoice",
            trigger: ".o_form_view button[name=action_post]:contains(Confirm)",
            run: "click",
        },
        {
            content: "The invoice is posted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
    ],
});
