def csp_directives(header):
    """A Content-Security-Policy header value as {directive: [sources]}."""
    directives = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives
