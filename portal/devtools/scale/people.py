"""The large company's people: one known login per role for measuring, and a workforce.

Only the BENCH_LOGINS can sign in, with SCALE_PASSWORD; everyone else has an
unusable password. The password is hashed once and shared, because hashing
it for each of hundreds of users would take minutes with production hashers.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from portal import roles

from .text import Writer

SCALE_PASSWORD = "portal-scale"  # noqa: S105 - a measuring database's login, printed on purpose

BENCH_LOGINS = {
    roles.STAFF: "bench.staff",
    roles.SUPERVISORS: "bench.supervisor",
    roles.POLICY_OWNERS: "bench.owner",
    roles.LEADERSHIP: "bench.leader",
}

# How many people hold each role, besides the bench logins.
WORKFORCE = {
    roles.STAFF: 600,
    roles.SUPERVISORS: 60,
    roles.POLICY_OWNERS: 100,
    roles.LEADERSHIP: 12,
}

FIRST_NAMES = [
    "Alex", "Sam", "Noor", "Jonas", "Mia", "Luca", "Aisha", "Tom", "Ines", "Kofi",
    "Elif", "Ravi", "Hanna", "Mateo", "Yara", "Ben", "Zoe", "Omar", "Lena", "Ivan",
]  # fmt: skip
LAST_NAMES = [
    "Meyer", "Okafor", "Jansen", "Rossi", "Novak", "Haddad", "Berg", "Silva", "Kaya",
    "Dubois", "Nowak", "Lindqvist", "Costa", "Shah", "Murphy", "Fischer", "Grant",
]  # fmt: skip


@dataclass
class Workforce:
    """The seeded users by role, the bench logins first in each list."""

    by_role: dict[str, list]

    @property
    def staff(self):
        return self.by_role[roles.STAFF]

    @property
    def supervisors(self):
        return self.by_role[roles.SUPERVISORS]

    @property
    def owners(self):
        return self.by_role[roles.POLICY_OWNERS]

    @property
    def leaders(self):
        return self.by_role[roles.LEADERSHIP]


def create_workforce(writer: Writer) -> Workforce:
    """Create the bench logins and the workforce in a few bulk inserts."""
    user_model = get_user_model()
    known = make_password(SCALE_PASSWORD)
    unusable = make_password(None)
    planned = []
    for role, count in WORKFORCE.items():
        prefix = BENCH_LOGINS[role].split(".")[1]
        planned.append((role, BENCH_LOGINS[role], known))
        planned += [(role, f"{prefix}.{number:04d}", unusable) for number in range(1, count + 1)]
    users = user_model.objects.bulk_create(
        [
            user_model(
                username=username,
                first_name=writer.pick(FIRST_NAMES),
                last_name=writer.pick(LAST_NAMES),
                email=f"{username}@scale.example.com",
                password=password,
            )
            for _role, username, password in planned
        ]
    )
    groups = {group.name: group for group in Group.objects.filter(name__in=WORKFORCE)}
    membership = user_model.groups.through
    membership.objects.bulk_create(
        [
            membership(user_id=user.pk, group_id=groups[role].pk)
            for (role, _username, _password), user in zip(planned, users, strict=True)
        ]
    )
    by_role: dict[str, list] = {role: [] for role in WORKFORCE}
    for (role, _username, _password), user in zip(planned, users, strict=True):
        by_role[role].append(user)
    return Workforce(by_role=by_role)
