"""Questions a decider asks a case's recorder before deciding, and their answers.

Writes, like exceptions.services, and through its one locked change: asking
hands the case back to its recorder and stops its clock; answering returns it
to the escalation queue, due later by the time it waited for the answer.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import Precedent
from .notifications import announce_question
from .rulebook import clock_paused_after_answer
from .services import _change


def ask_recorder(
    *, precedent: Precedent, decider, question: str, expected_change_count: int
) -> Precedent:
    """Ask the recorder a question; the case leaves the queue until they answer."""

    def ask(case: Precedent) -> str:
        case.question = question
        case.question_asked_by = decider
        case.question_asked_at = timezone.now()
        case.answer = ""
        case.answered_at = None
        return _("Question to the recorder: %(question)s") % {"question": question}

    asked = _change(
        precedent,
        actor=decider,
        refusal=permissions.ask_refusal,
        expected_change_count=expected_change_count,
        apply=ask,
    )
    announce_question(precedent=asked)
    return asked


def answer_question(
    *, precedent: Precedent, recorder, answer: str, expected_change_count: int
) -> Precedent:
    """The recorder answers; the case goes back to the queue with its clock running again."""

    def reply(case: Precedent) -> str:
        case.answer = answer
        case.answered_at = timezone.now()
        # Set while the case waits for an answer: answer_refusal lets nothing else through.
        asked_at = case.question_asked_at or case.answered_at
        case.clock_paused = clock_paused_after_answer(
            paused=case.clock_paused, asked_at=asked_at, answered_at=case.answered_at
        )
        return _("Answer from the recorder: %(answer)s") % {"answer": answer}

    answered = _change(
        precedent,
        actor=recorder,
        refusal=permissions.answer_refusal,
        expected_change_count=expected_change_count,
        apply=reply,
    )
    announce_question(precedent=answered)
    return answered
