import { registry } from "@web/core/registry";

// SUR-1/2: the customer opens the link of the invitation and rates the technician.
registry.category("web_tour.tours").add("aftersales_survey_answer_tour", {
    steps: () => [
        {
            content: "Start the opinion survey",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        ...[
            ["technician's attitude", "Very satisfied"],
            ["technician's skill", "Average"],
            ["arrive on time", "Poor"],
            ["promised to you", "Average"],
        ].map(([question, level]) => ({
            content: `Rate ${question}: ${level}`,
            // (":contains" ignores case, so "Satisfied" would also match "Very satisfied")
            trigger: `div.js_question-wrapper:contains("${question}") label:contains("${level}")`,
            run: "click",
        })),
        {
            content: "Write a suggestion",
            trigger: 'div.js_question-wrapper:contains("Suggestions or complaints") textarea',
            run: "edit Please call before coming.",
        },
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Thanked",
            trigger: 'h1:contains("Thank you")',
        },
    ],
});
