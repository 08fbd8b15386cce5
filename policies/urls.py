from django.urls import path

from . import change_views

app_name = "policies"

urlpatterns = [
    path("", change_views.changes, name="changes"),
    path("feed.atom", change_views.ChangesFeed(), name="changes_feed"),
]
