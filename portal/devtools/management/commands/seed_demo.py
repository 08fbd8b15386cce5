from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from portal.devtools.demo.seed import seed_demo
from portal.devtools.demo.users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Load the demo company's rulebook and one login per role. Safe to run again."

    def handle(self, *args, **options):
        if not getattr(settings, "PORTAL_DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content has well-known passwords and is only allowed with dev or test "
                "settings (PORTAL_DEMO_CONTENT_ALLOWED)."
            )
        # The approvals in the demo story would otherwise mail the demo users.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            created = seed_demo()
        call_command("update_index", verbosity=0)
        self.stdout.write(
            "Demo content: "
            + ", ".join(f"{count} {name} created" for name, count in created.items())
        )
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for user in DEMO_USERS:
            full_name = f"{user['first_name']} {user['last_name']}"
            self.stdout.write(f"  {user['username']:<8} {full_name:<14} {user['role']}")
