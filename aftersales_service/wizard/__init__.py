from . import aftersales_reschedule_wizard
from . import aftersales_category_wizard
from . import aftersales_cash_wizard
from . import aftersales_inspection_wizard
from . import aftersales_daily_report_wizard
from . import aftersales_assign_wizard
from . import aftersales_remote_wizard
