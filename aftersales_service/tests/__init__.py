from . import test_sla
from . import test_equipment
from . import test_register
from . import test_dispatch
from . import test_completion
from . import test_crons
from . import test_security
from . import test_translation
