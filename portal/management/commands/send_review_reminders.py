from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "The daily job: make live the approved policy versions whose go-live day has come "
        "(Wagtail's publish_scheduled), then email policy owners about reviews that are due "
        "and policies newly under exception pressure. Running it again the same day sends "
        "nothing new."
    )

    def handle(self, *args, **options):
        # Versions go live first: a substantive one restarts its policy's review clock,
        # so no reminder goes out for a review the new version has just made.
        call_command("publish_scheduled", stdout=self.stdout)
        sent = send_review_reminders()
        self.stdout.write(", ".join(f"{count} {kind} sent" for kind, count in sent.items()))
