import { registry } from "@web/core/registry";

// RPT-3: the manager opens the after-sales dashboard in the Dashboards app; it loads
// its pivots and charts without an error.
registry.category("web_tour.tours").add("aftersales_manager_dashboard_tour", {
    steps: () => [
        {
            content: "Open the after-sales dashboard",
            trigger: '.o_search_panel_category_value[data-name="After-Sales Service"]',
            run: "click",
        },
        {
            content: "It is the one shown",
            trigger: '.o_search_panel_category_value.active[data-name="After-Sales Service"]',
        },
        {
            content: "The sheet is drawn",
            trigger: ".o_spreadsheet_dashboard_action .o_renderer .o-grid",
        },
        {
            content: "Its charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure-wrapper canvas",
        },
        {
            content: "No loading error",
            trigger: ".o_spreadsheet_dashboard_action .o_content:not(:has(.dashboard-loading-status))",
        },
    ],
});
