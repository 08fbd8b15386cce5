"""Looking up a model's own fields by name, typed as fields."""

from django.db import models


def field_of(model: type[models.Model], name: str) -> models.Field:
    """The field `name` that `model` declares.

    `Options.get_field` also answers with the relations other models hold to this
    one, which have no column, choices or verbose name; the names asked for here
    are always the model's own fields.
    """
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is a relation to the model, not its field.")
    return field
