from . import aftersales_kpi
