/**
 * Tour steps shared by the repair tours (RPR-4): the workshop asks for the
 * supervisor's inspection, the supervisor passes it and the repair ends.
 */
export function inspectAndEndRepairSteps() {
    return [
        {
            content: "Ask the supervisor to inspect",
            trigger: ".o_form_view button[name=action_request_inspection]",
            run: "click",
        },
        {
            content: "The supervisor passes the inspection",
            trigger: ".o_form_view button[name=action_inspection_pass]",
            run: "click",
        },
        {
            content: "End the repair",
            trigger: ".o_form_view button[name=action_repair_end]:not(.d-none)",
            run: "click",
        },
    ];
}
