import { registry } from "@web/core/registry";
import { signatureDrawnStep } from "@aftersales_service/../tests/tours/signature_steps";

// PRT-1/2/3: a customer asks for a technician from /my, sees the request, signs a voucher.
registry.category("web_tour.tours").add("aftersales_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Ask for a technician from the portal home",
            trigger: ".o_aftersales_home_new_request a.o_aftersales_new_request",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name=symptom]",
            run: "edit Toner leaks on the paper",
        },
        {
            content: "Send",
            trigger: "button.o_aftersales_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is registered",
            trigger: ".alert-success:contains(your request is registered)",
        },
        {
            content: "Its problem is shown",
            trigger: "#aftersales_request_card:contains(Toner leaks on the paper)",
        },
        {
            content: "Back to the list",
            trigger: ".breadcrumb a[href='/my/requests']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the visit in progress",
            trigger: "tr:contains(On Site) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Sign the voucher",
            trigger: "a.o_aftersales_sign",
            run: "click",
        },
        signatureDrawnStep("The signature is drawn from the name"),
        {
            content: "Confirm the signature",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Signed",
            trigger: ".alert-success:contains(Thank you for signing)",
        },
    ],
});
