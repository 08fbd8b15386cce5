from django.urls import path

from . import filter_option_views, queue_views, views

app_name = "exceptions"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("export.csv", views.case_export, name="export"),
    path("new/", views.record_case, name="record"),
    path("escalations/", queue_views.escalations, name="escalations"),
    path("similar/", views.similar, name="similar"),
    path("filter-options/policies/", filter_option_views.policy_options, name="policy_options"),
    path(
        "filter-options/recorders/",
        filter_option_views.recorder_options,
        name="recorder_options",
    ),
    path("<id:pk>/", views.case_detail, name="detail"),
    path("<id:pk>/edit/", views.edit_case, name="edit"),
    path("<id:pk>/decide/", views.decide_case, name="decide"),
    path("<id:pk>/ask/", queue_views.ask_question, name="ask"),
    path("<id:pk>/answer/", queue_views.answer_question, name="answer"),
    path("<id:pk>/follow-up/", views.follow_up_case, name="follow_up"),
    path("<id:pk>/withdraw/", views.withdraw_case, name="withdraw"),
    path("<id:pk>/history/", views.case_history, name="history"),
]
