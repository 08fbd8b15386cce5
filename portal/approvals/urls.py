from django.urls import path

from . import views

app_name = "approvals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<id:pk>/", views.review, name="review"),
    path("<id:pk>/approve/", views.approve, name="approve"),
    path("<id:pk>/request-changes/", views.request_changes, name="request_changes"),
]
