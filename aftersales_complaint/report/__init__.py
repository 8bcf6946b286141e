from . import aftersales_kpi
from . import report_return_slip
from . import report_hr_notice
