"""Writing what the directory says of a person onto their portal account."""

from django.contrib.auth.models import Group

from portal.models import BreakGlassAccount, UserProfile

from .claims import DirectoryPerson, role_changes


def update_account(*, user, person: DirectoryPerson, governed_roles: frozenset[str]) -> None:
    """Bring `user`'s name, email, roles and team in line with the directory.

    Only what differs is written: each write renews the cached fragments that
    show people, and most sign-ins change nothing. Superuser and staff flags are
    never touched, nor roles the mapping does not govern.
    """
    changed = [
        field
        for field in ("email", "first_name", "last_name")
        if getattr(user, field) != getattr(person, field)
    ]
    for field in changed:
        setattr(user, field, getattr(person, field))
    if changed:
        user.save(update_fields=changed)

    held = frozenset(user.groups.values_list("name", flat=True))
    to_add, to_remove = role_changes(held, person, governed_roles)
    if to_add:
        user.groups.add(*Group.objects.filter(name__in=to_add))
    if to_remove:
        user.groups.remove(*Group.objects.filter(name__in=to_remove))

    if person.team is not None:
        profile = UserProfile.objects.filter(user=user).first()
        if profile is None and person.team:
            UserProfile.objects.create(user=user, team=person.team)
        elif profile is not None and profile.team != person.team:
            profile.team = person.team
            profile.save(update_fields=["team"])


def is_break_glass(user) -> bool:
    """Whether `user` may still sign in with a password while single sign-on is on."""
    return BreakGlassAccount.objects.filter(user=user).exists()
