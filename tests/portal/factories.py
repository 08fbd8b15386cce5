import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import roles

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user in no group; pass `role=` a group name from portal.roles to place them."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        user.save()
        if extracted:
            user.groups.add(Group.objects.get(name=extracted))


def user_with_role(role: str, **kwargs):
    return UserFactory(role=role, **kwargs)


ROLES = [roles.STAFF, roles.SUPERVISORS, roles.POLICY_OWNERS, roles.LEADERSHIP]
