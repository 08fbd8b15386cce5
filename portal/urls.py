from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, register_converter
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.urls import localized_js_catalog
from wagtail.admin.views import home as admin_home
from wagtail.admin.views.account import LoginView as AdminLoginView
from wagtail.documents import urls as wagtaildocs_urls

from . import health, views
from .converters import RecordIdConverter
from .forms import LoginForm

register_converter(RecordIdConverter, "id")

handler400 = "portal.views.bad_request"
handler500 = "portal.views.server_error"

login_view = auth_views.LoginView.as_view(authentication_form=LoginForm)

urlpatterns = [
    path("accounts/login/", login_view, name="login"),
    # Wagtail keeps a second front-end login page, with Django's plain form, which
    # never checks the username's length; the portal's form answers there too.
    path("_util/login/", login_view, name="wagtailcore_login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    # The admin's own sign-in page must stay reachable without a session, with the
    # icons and translated words it loads; Wagtail means them to be public.
    path("admin/login/", login_not_required(AdminLoginView.as_view()), name="wagtailadmin_login"),
    path("admin/sprite/", login_not_required(admin_home.sprite), name="wagtailadmin_sprite"),
    path(
        "admin/jsi18n/",
        login_not_required(localized_js_catalog),
        name="wagtailadmin_javascript_catalog",
    ),
    # One logout for the portal and the admin: they share the session it ends.
    path("admin/logout/", views.LogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    # Signing in through the company's identity provider; not found while it is off.
    path("oidc/", include("portal.sso.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", health.healthz, name="healthz"),
    path("search/", include("portal.search.urls")),
    path("cases/", include("exceptions.urls")),
    path("", include("portal.api.urls")),
    path("", include("policies.urls")),
    path("insights/", include("portal.insights.urls")),
    path("approvals/", include("portal.approvals.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
