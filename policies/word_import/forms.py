"""The admin's upload of Word documents to import as draft policies."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import PolicyIndexPage
from .reading import MAX_DOCUMENT_BYTES, ImportedPolicy, UnreadableDocument, read_policy_document

DOCUMENTS_PER_UPLOAD = 20
WORD_TYPES = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WordDocumentsInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class WordDocumentsField(forms.FileField):
    """One or more uploaded files, each read as a policy; every file that cannot be is
    named with its reason."""

    widget = WordDocumentsInput(attrs={"accept": WORD_TYPES})

    def clean(self, data, initial=None) -> list[ImportedPolicy]:
        uploads = [
            upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload
        ]
        if not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > DOCUMENTS_PER_UPLOAD:
            raise ValidationError(
                _("Upload at most %(count)d documents at a time.") % {"count": DOCUMENTS_PER_UPLOAD}
            )
        documents, problems = [], []
        for upload in uploads:
            name = str(getattr(upload, "name", ""))
            try:
                super().clean(upload, initial)
                content = upload.read(MAX_DOCUMENT_BYTES + 1)
                documents.append(read_policy_document(name=name, content=content))
            except ValidationError as error:
                problems += [self.problem(name, message) for message in error.messages]
            except UnreadableDocument as refusal:
                problems.append(self.problem(name, refusal.reason))
        if problems:
            raise ValidationError(problems)
        return documents

    @staticmethod
    def problem(name: str, reason: str) -> str:
        return _("%(file)s: %(reason)s") % {"file": name, "reason": reason}


class PolicyImportForm(forms.Form):
    area = forms.ModelChoiceField(
        label=gettext_lazy("Policy area"),
        queryset=PolicyIndexPage.objects.none(),
        help_text=gettext_lazy("The drafts are saved in this area."),
        # By the page's own id: a lookup on the inherited primary key crashes on
        # SQLite for numbers past 64 bits instead of finding nothing.
        to_field_name="id",
    )
    documents = WordDocumentsField(
        label=gettext_lazy("Word documents"),
        help_text=gettext_lazy(
            "One or more .docx files, one policy each. Sections headed Why, Exceptions, "
            "How to explain and Scope fill those fields; the rest is the rule."
        ),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = areas
