from . import test_callback
from . import test_callback_kpi
from . import test_evaluation
from . import test_survey_answers
from . import test_survey_sending
from . import test_translation
from . import test_query_counts
