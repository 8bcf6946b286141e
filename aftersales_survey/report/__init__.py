from . import aftersales_callback_kpi
from . import aftersales_technician_evaluation
from . import aftersales_kpi
