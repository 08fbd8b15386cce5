"""Moving UnansweredSearch from the portal app to search keeps who may read it."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from portal import roles

pytestmark = pytest.mark.django_db

move = import_module("portal.search.migrations.0001_initial").content_type_moves


def test_the_content_type_moves_in_place_with_its_permissions():
    content_type = ContentType.objects.get(app_label="search", model="unansweredsearch")
    ContentType.objects.filter(pk=content_type.pk).update(app_label="portal")

    move(source="portal", target="search")(apps, SimpleNamespace(connection=connection))

    moved = ContentType.objects.get(pk=content_type.pk)
    assert moved.app_label == "search"
    owners = Group.objects.get(name=roles.POLICY_OWNERS)
    assert owners.permissions.filter(content_type=moved, codename="view_unansweredsearch").exists()


def test_a_content_type_already_made_for_the_new_app_is_kept():
    kept = ContentType.objects.get(app_label="search", model="unansweredsearch")
    stale = ContentType.objects.create(app_label="portal", model="unansweredsearch")

    move(source="portal", target="search")(apps, SimpleNamespace(connection=connection))

    assert ContentType.objects.get(pk=kept.pk).app_label == "search"
    assert ContentType.objects.get(pk=stale.pk).app_label == "portal"
