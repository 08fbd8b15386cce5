"""One demo login per role. Their passwords are printed by `make run`, so never use them
outside a developer's machine: seed_demo refuses to run unless the settings allow demo content.
"""

from portal import roles

DEMO_PASSWORD = "portal-demo"  # noqa: S105 - printed on purpose for the demo

DEMO_USERS = [
    {"username": "sam", "first_name": "Sam", "last_name": "Rivera", "role": roles.STAFF},
    {"username": "noah", "first_name": "Noah", "last_name": "Berg", "role": roles.STAFF},
    {"username": "ava", "first_name": "Ava", "last_name": "Lindqvist", "role": roles.STAFF},
    {"username": "priya", "first_name": "Priya", "last_name": "Shah", "role": roles.SUPERVISORS},
    {
        "username": "olivia",
        "first_name": "Olivia",
        "last_name": "Grant",
        "role": roles.POLICY_OWNERS,
    },
    {"username": "omar", "first_name": "Omar", "last_name": "Haddad", "role": roles.POLICY_OWNERS},
    {"username": "lena", "first_name": "Lena", "last_name": "Okafor", "role": roles.LEADERSHIP},
]
