from django.urls import path

from . import views

urlpatterns = [
    path("", views.exception_pressure, name="insights"),
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
