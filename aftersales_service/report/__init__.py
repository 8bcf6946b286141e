from . import aftersales_kpi
from . import report_equipment_labels
from . import aftersales_cost_report
