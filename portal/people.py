"""How the portal names a person: their full name, else their username.

Pages, emails, history lines and refusals all name people this one way; where
nobody is on record (a deleted account, a change the portal made itself) the
caller says what to show instead.
"""


def display_name(user) -> str:
    """`user`'s full name, or their username when they gave none; "" for nobody."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
