import pytest

from exceptions.models import Precedent
from portal.model_fields import field_of


def test_field_of_answers_the_models_own_field():
    field = field_of(Precedent, "outcome")

    assert field.verbose_name == "outcome"
    assert field.model is Precedent


def test_field_of_refuses_a_relation_another_model_holds_to_it():
    with pytest.raises(TypeError, match=r"exceptions\.Precedent\.tagged_items"):
        field_of(Precedent, "tagged_items")
