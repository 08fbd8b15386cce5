"""Which address a request comes from, as django-axes reads it through ipware."""


def client_address_settings(trusted_proxies: int) -> dict:
    """The axes and ipware settings that take the client's address from the nearest
    `trusted_proxies` proxies.

    Each proxy in front of the app servers appends the address it received from
    to X-Forwarded-For, so the client is that many entries from the right;
    whatever a client writes further left is its own claim, never read. With no
    proxy, REMOTE_ADDR is the client and the header is ignored.
    """
    if not trusted_proxies:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",)}
    return {
        # Only the header: a request that reached an app server without passing
        # the proxies has no address worth a pause of its own.
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR",),
        # ipware counts the proxies listed after the client; the nearest proxy's
        # own address is REMOTE_ADDR, never in the header.
        "AXES_IPWARE_PROXY_COUNT": trusted_proxies - 1,
        # A header longer than the proxies wrote (a client's own entries first)
        # still counts from the right, instead of being skipped.
        "IPWARE_STRICT": False,
        # The legacy parser splits the header at every comma. The modern one keeps
        # quoted text together, so a client that opens a quote would swallow the
        # address its proxy appends, and its try would count elsewhere.
        "IPWARE_ALGORITHM": "legacy",
    }
