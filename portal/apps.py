from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import GroupPagePermission
        from wagtail.users.models import UserProfile as AdminProfile

        from .freshness import PEOPLE, SCOPES, bump
        from .models import UserProfile
        from .structure import ensure_portal_structure

        # After every migrate (and every test database flush) the groups, the
        # home page and the approval workflow exist, with no hand step.
        post_migrate.connect(ensure_portal_structure, sender=self)

        def everything_renewed(**kwargs):
            """After a migrate (as after a restore, or a deploy) nothing kept before it is
            shown again: the cache may outlive the database it was filled from."""
            bump(*SCOPES)

        post_migrate.connect(everything_renewed, sender=self, weak=False)

        def people_changed(sender, update_fields=None, **kwargs):
            """A name, a team, a role or a role's rights over pages changed: pages that show
            people, or what they may do, are renewed. Signing in saves only the time of it,
            which no page shows."""
            if update_fields is not None and set(update_fields) <= {"last_login"}:
                return
            bump(PEOPLE)

        def admin_settings_changed(sender, created=False, **kwargs):
            """An editor changed their admin settings (language, theme), which Wagtail's user
            bar is drawn with. Wagtail creates them, with its defaults, the first time it
            draws the bar for someone: that changes nothing already shown."""
            # Dismissing one of the admin's notices saves only that.
            if not created and set(kwargs.get("update_fields") or ()) != {"dismissibles"}:
                bump(PEOPLE)

        user_model = get_user_model()
        for model in (user_model, UserProfile):
            post_save.connect(people_changed, sender=model, weak=False)
        post_save.connect(admin_settings_changed, sender=AdminProfile, weak=False)
        post_save.connect(people_changed, sender=GroupPagePermission, weak=False)
        post_delete.connect(people_changed, sender=GroupPagePermission, weak=False)
        for through in (
            user_model.groups.through,
            user_model.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(people_changed, sender=through, weak=False)
        # Deleting a role takes its members' rows with it and sends no m2m_changed: the
        # permissions kept for them (portal.access) are renewed all the same.
        post_delete.connect(people_changed, sender=Group, weak=False)
        # Wagtail's role form adds rights over pages in bulk, which sends no post_save,
        # and saves the role itself.
        post_save.connect(people_changed, sender=Group, weak=False)
