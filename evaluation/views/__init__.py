"""Survey pages. Views parse the request, call one service or selector, and render. Surveys are
looked up within the request's school (another school's survey is a 404); rules then decide (403).
"""

from evaluation.views.answering import my_surveys, survey_answer, survey_review, survey_start, survey_thanks
from evaluation.views.builder import (
    question_delete,
    question_edit,
    question_move,
    question_new,
    survey_builder,
    survey_copy,
    survey_edit,
    survey_from_template,
    survey_list,
    survey_new,
    survey_preview,
    survey_status,
    survey_twin,
)
from evaluation.views.results import survey_named_responses, survey_results, survey_results_csv

__all__ = [
    "my_surveys",
    "question_delete",
    "question_edit",
    "question_move",
    "question_new",
    "survey_answer",
    "survey_builder",
    "survey_copy",
    "survey_edit",
    "survey_from_template",
    "survey_list",
    "survey_named_responses",
    "survey_new",
    "survey_preview",
    "survey_results",
    "survey_results_csv",
    "survey_review",
    "survey_start",
    "survey_status",
    "survey_thanks",
    "survey_twin",
]
