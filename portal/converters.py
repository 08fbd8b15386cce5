"""Path converters for the portal's URLs."""

# The largest id a database row can have: BigAutoField's upper bound, 2**63 - 1.
LARGEST_ID = 9_223_372_036_854_775_807


class RecordIdConverter:
    """A record's id in a URL: digits naming a number a database id can be.

    Django's own int converter takes any number of digits, and a number past 64
    bits reaches the query: on SQLite a lookup through a page's inherited id
    fails with an overflow instead of finding nothing. Such an address names no
    record, so it is not found before any query runs.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            # Django reads a ValueError here as "this pattern does not match": a 404.
            raise ValueError(f"{value} is past the largest id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
