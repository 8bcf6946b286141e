from . import portal
from . import appointment
