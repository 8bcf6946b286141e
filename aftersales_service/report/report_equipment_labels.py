import base64

from odoo import api, models

from ..tools.wkhtmltopdf import true_size_zoom

LABELS_PER_SHEET = 24  # 3 columns x 8 rows of 70 x 36 mm on A4


class ReportEquipmentLabels(models.AbstractModel):
    """PRT-4: the QR labels of the selected machines. The QR code (Odoo's own barcode
    generator) is embedded in the page, so the PDF needs no call back to the server
    per label."""

    _name = "report.aftersales_service.report_equipment_labels"
    _description = "Equipment QR Labels"

    @api.model
    def _get_report_values(self, docids, data=None):
        equipment = self.env["aftersales.equipment"].browse(docids)
        Report = self.env["ir.actions.report"]
        labels = []
        for machine in equipment:
            company = machine.company_id
            qr = Report.barcode("QR", machine.label_url, width=300, height=300, barLevel="M", quiet=False)
            labels.append(
                {
                    "qr": "data:image/png;base64," + base64.b64encode(qr).decode(),
                    "product": machine.product_id.display_name,
                    "serial": machine.serial_number,
                    "company": company.name,
                    "hotline": company.aftersales_hotline or company.phone,
                }
            )
        pages = [
            labels[start : start + LABELS_PER_SHEET] for start in range(0, len(labels), LABELS_PER_SHEET)
        ]
        return {
            "doc_ids": equipment.ids,
            "doc_model": equipment._name,
            "docs": equipment,
            "pages": pages,
            "zoom": true_size_zoom(),
        }
