from . import portal
from . import appointment
from . import scan
from . import repair_estimate
