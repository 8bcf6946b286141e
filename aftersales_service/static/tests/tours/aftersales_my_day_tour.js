import { registry } from "@web/core/registry";
import { drawSignatureStep, signatureDrawnStep } from "@aftersales_service/../tests/tours/signature_steps";

// 1x1 transparent PNG: the photo the phone's camera would give
const PHOTO = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

function tap(content, trigger) {
    return { content: `TAP: ${content}`, trigger, run: "click" };
}

/**
 * FLD-1 / FLD-2: a technician's whole visit on a phone, from My Day to a closed job.
 * Every step that taps is named "TAP:" (typing and drawing are not taps): the Python
 * test counts them. The job comes from the Python test.
 */
registry.category("web_tour.tours").add("aftersales_my_day_tour", {
    steps: () => [
        {
            content: "The technician lands on My Day: today's job as a card",
            trigger: ".o_aftersales_my_day .o_kanban_record:contains(My Day Customer)",
        },
        tap(
            "On my way, from the card",
            ".o_kanban_record:contains(My Day Customer) button[name=action_on_my_way]"
        ),
        {
            content: "The card says the customer expects the technician",
            trigger: ".o_kanban_record:contains(My Day Customer) .text-success",
        },
        tap("Open the job", ".o_kanban_record:contains(My Day Customer) span:contains(Fuser jams)"),
        {
            content: "The job screen shows the symptom first; the customer is read-only",
            trigger: ".o_aftersales_job .alert-info:contains(Fuser jams)",
            run() {
                if (document.querySelector(".o_field_widget[name=partner_id] input, .o_field_widget[name=street] input")) {
                    throw new Error("The customer or the address is editable for the technician");
                }
            },
        },
        tap("Arrived", "button.o_aftersales_arrive"),
        {
            content: "Arrived: the work timer runs",
            trigger: "button[name=action_stop_timer]",
        },
        {
            content: "Write the work done",
            trigger: ".o_field_widget[name=work_done] textarea",
            run: "edit Fuser roller replaced",
        },
        tap("Add a part", "button.o_aftersales_add_part"),
        tap("Pick the spare part: the van holds 5", ".modal .o_kanban_record:contains(My Day Roller):contains(5)"),
        {
            content: "The part is on the job, taken from the van that has it",
            trigger: ".o_field_widget[name=part_ids] .o_kanban_record:contains(My Day Roller):contains(5)",
        },
        {
            content: "TAP: a photo before the work, from the phone's camera",
            trigger: ".o_field_widget[name=photo_before_ids] input[type=file]:not(:visible)",
            async run({ anchor }) {
                const bytes = Uint8Array.from(atob(PHOTO), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "before.png", { type: "image/png" }));
                anchor.files = transfer.files;
                anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The photo is attached",
            trigger: ".o_field_widget[name=photo_before_ids] .o_attachment:contains(before.png)",
        },
        tap("Hand the phone to the customer: sign-off", "button[name=action_open_signoff]"),
        {
            content: "The customer reads what was done and what it costs",
            trigger: ".modal .o_field_widget[name=work_done]:contains(Fuser roller replaced)",
        },
        {
            content: "The customer writes their name",
            trigger: ".modal .o_field_widget[name=signed_by] input",
            run: "edit Ms Zhou",
        },
        tap("The customer opens the pad", ".modal .o_field_widget[name=signature] .o_signature"),
        drawSignatureStep("The customer signs by hand"),
        signatureDrawnStep("The signature is on the pad"),
        tap("Adopt the signature", ".modal:has(canvas.o_web_sign_signature) .modal-footer .btn-primary:enabled"),
        {
            content: "The signature is on the sign-off",
            trigger: ".modal .o_field_widget[name=signature] img.o_signature",
        },
        tap("Confirm the signature", ".modal button[name=action_confirm_signoff]"),
        {
            content: "The payment opens with the amount due",
            trigger: ".modal .o_field_widget[name=amount] input",
        },
        tap("Collect and close the job", ".modal button[name=action_confirm_and_close]"),
        {
            content: "The technician sees the job closed and the voucher on its way",
            trigger: ".o_notification:contains(customer.myday@example.com)",
        },
    ],
});
