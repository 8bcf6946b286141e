import { registry } from "@web/core/registry";

// PRT-4/PRT-5 on a phone: the page a scanned label opens, a request with a photo,
// then its live status page. The test opens the label's own URL.
const PNG_1PX =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

registry.category("web_tour.tours").add("aftersales_scan_tour", {
    steps: () => [
        {
            content: "The page names the machine",
            trigger: ".o_aftersales_scan_equipment:contains(SN-TOUR-1)",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name=symptom]",
            run: "edit Paper jams in tray 2",
        },
        {
            content: "Attach a photo taken with the phone",
            trigger: "input[name=photos]",
            run() {
                const bytes = Uint8Array.from(atob(PNG_1PX), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "jam.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Your name",
            trigger: "input[name=contact_name]",
            run: "edit Wang Wei",
        },
        {
            content: "Your phone",
            trigger: "input[name=phone]",
            run: "edit 138 0013 8000",
        },
        {
            content: "Send",
            trigger: "button.o_aftersales_scan_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is registered, with its status link",
            trigger: ".o_aftersales_status_submitted a[href^='/aftersales/status/']",
        },
        {
            content: "The status says registered",
            trigger: ".o_aftersales_step_registered.active",
        },
    ],
});

registry.category("web_tour.tours").add("aftersales_scan_status_tour", {
    steps: () => [
        {
            content: "After the dispatcher assigned, the status names the technician",
            trigger: ".o_aftersales_step_assigned.active:contains(Tour Technician)",
        },
    ],
});
