"""What the case services raise when a change cannot be made, and why."""

from .models import Precedent


class CaseActionRefused(Exception):
    """The user may not take this action on the case as it stands now; `message` says why."""

    def __init__(self, message: str, *, case: Precedent):
        super().__init__(message)
        self.message = message
        self.case = case


class EditConflict(Exception):
    """The case changed after the user's form was shown; their change would undo that."""

    def __init__(self, *, current: Precedent, since_change: int):
        super().__init__(f"Case {current.pk} changed since change {since_change}.")
        self.current = current
        self.since_change = since_change


class AlreadyRecorded(Exception):
    """The same record form was submitted before: `case` is what it recorded."""

    def __init__(self, case: Precedent):
        super().__init__(f"Submission already recorded as case {case.pk}.")
        self.case = case


class RecordedLately(Exception):
    """The recorder recorded this very situation under this policy minutes ago, as `case`."""

    def __init__(self, case: Precedent):
        super().__init__(f"The same situation was recorded as case {case.pk}.")
        self.case = case
