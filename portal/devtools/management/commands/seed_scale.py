from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from portal.devtools.scale.people import BENCH_LOGINS, SCALE_PASSWORD
from portal.devtools.scale.seed import Seeder, Size, already_seeded, recreate_database

DEFAULT = Size()


class Command(BaseCommand):
    help = (
        "Seed a large company for measuring the portal: areas, policies with 3 to 5 approved "
        "versions each, years of cases with their history, and the search index. "
        "Running it again changes nothing; --reset starts from an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--areas", type=int, default=DEFAULT.areas)
        parser.add_argument("--policies", type=int, default=DEFAULT.policies)
        parser.add_argument("--cases", type=int, default=DEFAULT.cases)
        parser.add_argument("--years", type=int, default=DEFAULT.years, help="Cases span.")
        parser.add_argument("--seed", type=int, default=8, help="Same seed, same company.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Drop every table of this (PostgreSQL) database and migrate it first. "
            "Everything in it is lost.",
        )

    def handle(self, *args, **options):
        if not getattr(settings, "PORTAL_DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Scale content has a well-known password and is only allowed with dev or test "
                "settings (PORTAL_DEMO_CONTENT_ALLOWED)."
            )
        size = Size(
            areas=options["areas"],
            policies=options["policies"],
            cases=options["cases"],
            years=options["years"],
        )
        if min(size.areas, size.policies, size.years) < 1 or size.cases < 0:
            raise CommandError("Give at least one area, one policy and one year.")
        if size.policies < size.areas:
            raise CommandError("Give at least as many policies as areas.")
        if options["reset"]:
            try:
                recreate_database()
            except ValueError as error:
                raise CommandError(str(error)) from error
        elif already_seeded():
            self.stdout.write("This database already holds the scale company; nothing to do.")
            self.stdout.write("Pass --reset to drop everything and seed it again.")
            return
        seeder = Seeder(
            size=size, seed=options["seed"], stdout=self.stdout, verbosity=options["verbosity"]
        )
        # Thousands of approvals would otherwise mail the seeded owners.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            counts = seeder.run()
        self.stdout.write(
            self.style.SUCCESS(
                ", ".join(f"{count:,} {name}" for name, count in counts.items())
                + f" seeded in {seeder.total_seconds():.0f} s."
            )
        )
        logins = ", ".join(BENCH_LOGINS.values())
        self.stdout.write(f"Logins {logins}, password {SCALE_PASSWORD}")
