from . import survey_question
from . import survey_question_answer
from . import survey_user_input
from . import survey_user_input_line
from . import aftersales_team
from . import aftersales_request
from . import aftersales_callback
from . import ir_actions_report
