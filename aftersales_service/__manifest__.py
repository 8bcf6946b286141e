{
    "name": "After-Sales Service",
    "summary": "Call register, SLA dispatch, service vouchers with customer signature",
    "description": """
After-sales service management (售后服务管理): register customer calls, dispatch
technicians within the team's SLA, record on-site work and close with the
customer's signature on the service voucher.
""",
    "version": "19.0.1.0.0",
    "category": "Services/After-Sales",
    "author": "After-Sales Service Team",
    "website": "https://localhost",
    "license": "LGPL-3",
    "depends": ["mail", "resource", "stock", "web"],
    "data": [
        "security/aftersales_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "report/aftersales_reports.xml",
        "report/report_service_voucher.xml",
        "wizard/aftersales_reschedule_wizard_views.xml",
        "wizard/aftersales_category_wizard_views.xml",
        "views/aftersales_team_views.xml",
        "views/aftersales_equipment_views.xml",
        "views/aftersales_request_views.xml",
        "views/res_partner_views.xml",
        "views/product_template_views.xml",
        "views/aftersales_menus.xml",
    ],
    "demo": [
        "demo/aftersales_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_service/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
