from . import aftersales_reschedule_wizard
from . import aftersales_category_wizard
