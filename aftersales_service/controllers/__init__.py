from . import portal
from . import appointment
from . import scan
