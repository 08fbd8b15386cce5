from django.urls import path

from . import evidence_views, views

urlpatterns = [
    path("", views.exception_pressure, name="insights"),
    path("evidence/", evidence_views.evidence, name="evidence"),
    path("evidence/<id:pk>/", evidence_views.policy_evidence, name="policy_evidence"),
    path("evidence/<id:pk>/draft-limit/", evidence_views.draft_limit, name="draft_limit"),
    path("evidence/<id:pk>/draft-path/", evidence_views.draft_path, name="draft_path"),
    path(
        "acknowledgements/",
        views.acknowledgement_coverage,
        name="acknowledgement_coverage",
    ),
    path(
        "acknowledgements.csv",
        views.acknowledgement_coverage_csv,
        name="acknowledgement_coverage_csv",
    ),
]
