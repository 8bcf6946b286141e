from . import test_complaint_flow
from . import test_complaint_resolution
from . import test_complaint_review
from . import test_complaint_sources
from . import test_translation
from . import test_portal
from . import test_query_counts
from . import test_localized_text
