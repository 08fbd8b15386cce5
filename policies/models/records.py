"""What is kept beside a policy's revisions: the note on each, and who signed which one.

These point at Wagtail's revisions rather than living on the page, so none of
them leaks into a later revision or shows up as a change in a comparison.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ChangeKind


class RevisionNote(models.Model):
    """Why a policy revision was made: one per revision, kept as long as the revision.

    It lives beside the revision rather than on the page, so a summary never
    leaks into later revisions or shows up as a change in a diff.
    """

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.PROTECT, related_name="policy_note"
    )
    summary = models.CharField(_("change summary"), max_length=500)
    kind = models.CharField(_("kind of change"), max_length=12, choices=ChangeKind.choices)
    # The one seam from policies to precedent cases, named by label so this app
    # never imports the cases app.
    driven_by = models.ManyToManyField(
        "exceptions.Precedent",
        blank=True,
        related_name="driven_revision_notes",
        verbose_name=_("cases that drove this change"),
    )
    no_case_drove_it = models.BooleanField(_("no case drove this change"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the approver knew, kept when the revision is approved: their comment, and the
    # headline figures of the replay over past cases they were shown (see
    # exceptions.replay.Replay.summary), so the history shows what the decision rested on.
    approver_comment = models.TextField(_("approver's comment"), blank=True)
    replay_summary = models.JSONField(_("replay the approver saw"), null=True, blank=True)

    class Meta:
        verbose_name = _("revision note")
        verbose_name_plural = _("revision notes")

    def __str__(self):
        return self.summary


class PolicyAcknowledgement(models.Model):
    """A reader's signature: they read the policy as its latest substantive version put it.

    It points at that revision, so a later substantive revision asks for a new
    signature and an editorial one does not. `policy` repeats the revision's
    page so that counts per policy join on a real foreign key.
    """

    policy = models.ForeignKey(
        "policies.PolicyPage", on_delete=models.PROTECT, related_name="acknowledgements"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="policy_acknowledgements"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)

    class Meta:
        verbose_name = _("policy acknowledgement")
        verbose_name_plural = _("policy acknowledgements")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "user"], name="one_acknowledgement_per_version_and_reader"
            )
        ]
        indexes = [models.Index(fields=["user", "policy"])]

    def __str__(self):
        return f"{self.user} read {self.policy} (revision {self.revision_id})"


class SignableVersion(models.Model):
    """The revision of a policy its readers sign: its latest substantive published version.

    The audit log is the record of what went live; this keeps its answer per
    policy, updated as each version goes live (signals.keep_signable_version),
    so asking which policies a reader has still to sign is a join, not a search
    of every policy's log.
    """

    policy = models.OneToOneField(
        "policies.PolicyPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="signable_version",
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("version to sign")
        verbose_name_plural = _("versions to sign")

    def __str__(self):
        return f"{self.policy_id}: revision {self.revision_id}"
