from django.core.management.base import BaseCommand

from portal.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email policy owners about reviews that are due and policies newly under exception "
        "pressure. Meant for a daily cron job; running it again the same day sends nothing new."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(", ".join(f"{count} {kind} sent" for kind, count in sent.items()))
