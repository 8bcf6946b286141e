from . import res_partner
from . import product_template
from . import aftersales_team
from . import aftersales_equipment
from . import aftersales_request
from . import aftersales_request_part
from . import aftersales_time_entry
from . import aftersales_reschedule
