import { registry } from "@web/core/registry";
import { inspectAndEndRepairSteps } from "@aftersales_service/../tests/tours/repair_steps";
import { signatureDrawnStep } from "@aftersales_service/../tests/tours/signature_steps";

/**
 * RPR-7 on a phone: the customer opens the paid repair's estimate, says what becomes
 * of the replaced parts and signs it.
 */
registry.category("web_tour.tours").add("aftersales_repair_estimate_sign_tour", {
    steps: () => [
        {
            content: "The estimate names the repair and its expected completion",
            trigger: "#aftersales_estimate_repair:contains(Tour Estimate Printer)",
        },
        {
            content: "The expected completion date is given",
            trigger: "#aftersales_estimate_completion",
        },
        {
            content: "Accept and sign the estimate",
            trigger: "a[data-bs-target='#modalaccept']:visible",
            run: "click",
        },
        {
            content: "Take the old parts back",
            trigger: ".modal .o_aftersales_old_parts input[value=take_back]",
            run: "click",
        },
        signatureDrawnStep("The signature is drawn from the name"),
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The signed estimate keeps the choice for the old parts",
            trigger: "#aftersales_estimate_old_parts:contains(Customer Takes Them Back)",
        },
    ],
});

/** The workshop starts the signed repair; its missing part is on order. */
registry.category("web_tour.tours").add("aftersales_repair_estimate_start_tour", {
    steps: () => [
        {
            content: "Open the after-sales page",
            trigger: ".o_form_view .o_notebook .nav-link:contains(After-Sales)",
            run: "click",
        },
        {
            content: "The customer signed the estimate",
            trigger: ".o_field_widget[name=estimate_state]:contains(Signed by Customer)",
        },
        {
            content: "The missing part is on order",
            trigger: ".o_field_widget[name=aftersales_parts_state]:contains(On Order)",
        },
        {
            content: "Start the repair",
            trigger: ".o_form_view button[name=action_repair_start]",
            run: "click",
        },
        {
            content: "Under repair: the supervisor's inspection can be asked for",
            trigger: ".o_form_view button[name=action_request_inspection]",
        },
    ],
});

/** The buyer confirms the RFQ of the missing part and the warehouse receives it. */
registry.category("web_tour.tours").add("aftersales_repair_estimate_purchase_tour", {
    steps: () => [
        {
            content: "Confirm the request for quotation",
            trigger: ".o_form_view button[name=button_confirm]:visible",
            run: "click",
        },
        {
            content: "Open the receipt",
            trigger: ".o_form_view button[name=action_view_picking]",
            run: "click",
        },
        {
            content: "Validate the receipt",
            trigger: ".o_form_view button[name=button_validate]:visible",
            run: "click",
        },
        {
            content: "Received",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});

/** The part arrived: the supervisor passes the repair and it ends. */
registry.category("web_tour.tours").add("aftersales_repair_estimate_end_tour", {
    steps: () => [
        {
            content: "Open the after-sales page",
            trigger: ".o_form_view .o_notebook .nav-link:contains(After-Sales)",
            run: "click",
        },
        {
            content: "The part is received",
            trigger: ".o_field_widget[name=aftersales_parts_state]:contains(Received)",
        },
        ...inspectAndEndRepairSteps(),
        {
            content: "Repaired: the product can go back to the customer",
            trigger: ".o_form_view button[name=action_aftersales_return]",
        },
    ],
});
