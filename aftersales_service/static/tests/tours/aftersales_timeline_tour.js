import { registry } from "@web/core/registry";

function pointer(type, x, y, buttons) {
    return new PointerEvent(type, {
        clientX: x,
        clientY: y,
        buttons,
        button: 0,
        isPrimary: true,
        pointerId: 1,
        pointerType: "mouse",
        bubbles: true,
        cancelable: true,
        view: window,
    });
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * DSP-1: the dispatcher drags an appointment's bar on the timeline one hour later:
 * the reschedule dialog opens with the new time and records the reason.
 * The appointment comes from the Python test.
 */
registry.category("web_tour.tours").add("aftersales_timeline_tour", {
    steps: () => [
        {
            content: "The appointment is a bar on the technician's row",
            trigger: ".vis-item:contains(Timeline Customer)",
        },
        {
            content: "SVC-12: the customer confirmed this appointment",
            trigger: ".vis-item:contains(Timeline Customer):contains(✓)",
        },
        {
            content: "SVC-12: this customer asked for another time",
            trigger: ".vis-item:contains(Change Customer):contains(⚠)",
        },
        {
            content: "An idle technician has a row too, with working hours shaded",
            trigger: ".vis-label:contains(Idle Technician)",
        },
        {
            content: "Working hours are drawn on the rows",
            trigger: ".vis-item.vis-background.o_aftersales_working",
        },
        {
            content: "Select the bar, then drag it an hour later, as a mouse does",
            trigger: ".vis-item:contains(Timeline Customer)",
            async run({ anchor }) {
                const box = anchor.getBoundingClientRect();
                const y = box.top + box.height / 2;
                let x = box.left + Math.min(20, box.width / 2);
                anchor.dispatchEvent(pointer("pointerdown", x, y, 1));
                await pause(50);
                anchor.dispatchEvent(pointer("pointerup", x, y, 0));
                await pause(400);
                const hour = document.querySelector(".vis-center").getBoundingClientRect().width / 24;
                anchor.dispatchEvent(pointer("pointerdown", x, y, 1));
                for (let step = 0; step < 12; step++) {
                    x += (hour * 1.2) / 12;
                    await pause(20);
                    anchor.dispatchEvent(pointer("pointermove", x, y, 1));
                }
                await pause(20);
                anchor.dispatchEvent(pointer("pointerup", x, y, 0));
            },
        },
        {
            content: "The reschedule dialog asks for the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The customer is out until noon",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Back on the timeline: the new time is not confirmed yet",
            trigger: "body:not(:has(.modal)) .vis-item:contains(Timeline Customer):not(:contains(✓))",
        },
        {
            content: "The unassigned queue beside the timeline: assign the waiting request",
            trigger: ".o_aftersales_unassigned_queue .o_aftersales_queue_item:contains(Queue Customer) button",
            run: "click",
        },
        {
            content: "It is now a bar on a technician's row",
            trigger: ".vis-item:contains(Queue Customer)",
        },
    ],
});

/** SVC-12: the dispatch board's cards show the customers' answers to the reminder. */
registry.category("web_tour.tours").add("aftersales_board_confirmation_tour", {
    steps: () => [
        {
            content: "The confirmed appointment's card says so",
            trigger: ".o_kanban_record:contains(Timeline Customer) .badge:contains(Confirmed)",
        },
        {
            content: "The card of the customer who asked for another time says so",
            trigger: ".o_kanban_record:contains(Change Customer) .badge:contains(Change Asked)",
        },
    ],
});
