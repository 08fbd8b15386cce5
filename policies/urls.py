"""Every URL of the policies app but a policy's own pages, which Wagtail serves.

The change list keeps the "policies:" namespace its links use; the actions on
a policy and its comparisons answer to the names they have always had.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from wagtail import views as wagtail_views

from . import views

changes_urls = (
    [
        path("", views.changes, name="changes"),
        path("feed.atom", views.ChangesFeed(), name="changes_feed"),
        # A feed reader has no session: the secret in the address is its key.
        path(
            "feed/<str:secret>.atom",
            login_not_required(views.PrivateChangesFeed()),
            name="private_changes_feed",
        ),
        path("feed-link/", views.change_feed_link, name="feed_link"),
    ],
    "policies",
)

urlpatterns = [
    path("changes/", include(changes_urls)),
    # Before Wagtail's catch-all, so an area whose slug is "policies" cannot hide the list;
    # such an area's policies stay reachable, as only "policies/" itself is taken.
    path("policies/", views.policy_a_to_z, name="policy_a_to_z"),
    path("policies/<id:pk>/reviewed/", views.mark_reviewed, name="policy_reviewed"),
    path("policies/<id:pk>/acknowledge/", views.acknowledge, name="policy_acknowledge"),
    # Wagtail's catch-all serves paths made of slugs only. A comparison of two
    # versions, .../history/1...3/ as DESIGN.md's URLs spell it, has dots, so it
    # reaches the same view by a route of its own; PolicyPage then routes it.
    re_path(
        r"^((?:[\w\-]+/)+history/\d+\.\.\.\d+/)$",
        wagtail_views.serve,
        name="policy_comparison",
    ),
]
