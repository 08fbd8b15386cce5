"""The policies app's models, one module per kind of record, all under the app's label."""

from .approvals import PolicyApprovalTask
from .feed_links import ChangeFeedLink
from .inline import ExceptionPath, RelatedPolicy
from .pages import PolicyIndexPage, PolicyPage, PolicyPageTag, add_months
from .records import PolicyAcknowledgement, RevisionNote, SignableVersion

__all__ = [
    "ChangeFeedLink",
    "ExceptionPath",
    "PolicyAcknowledgement",
    "PolicyApprovalTask",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyPageTag",
    "RelatedPolicy",
    "RevisionNote",
    "SignableVersion",
    "add_months",
]
