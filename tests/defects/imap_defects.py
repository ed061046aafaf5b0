"""Defect registry of the reference IMAP server (imap_server.py and its imap_*.py modules).

Convention (so that defects are added by local edits that merge cleanly):

    FETCH_PEEK_SETS_SEEN = defect("fetch-peek-sets-seen", "BODY.PEEK[] sets \\Seen")   # module level,
                                                                                        # next to its use
    def fetch_item(...):
        ...
        if FETCH_PEEK_SETS_SEEN:        # true only when the server runs with --defect fetch-peek-sets-seen
            ...the deviation...

Declare each defect directly above the function where it acts (at module level, or in a class body
above the method, tested as `self.FLAG`), with a one-line description of what the server then does
wrong (shown by `imap_server.py --list-defects`). A name may be declared once only (a second
declaration raises at import). `defect(...)` returns a flag object whose truth value says whether that
defect is switched on; test it with `if FLAG:`. Nothing else needs to be edited: the list, the
command-line check and the documentation all come from the calls.
"""

ACTIVE = set()      # names switched on (--defect)
REGISTRY = {}       # name -> description, in declaration order


class Defect:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __bool__(self):
        return self.name in ACTIVE

    def __repr__(self):
        return f"defect({self.name!r}: {'on' if self else 'off'})"


def defect(name, what):
    """Registers defect NAME (what the server then does wrong) and returns its flag."""
    if name in REGISTRY:
        raise ValueError(f"defect {name} declared twice")
    if not name or any(c.isspace() for c in name):
        raise ValueError(f"bad defect name {name!r}")
    REGISTRY[name] = what
    return Defect(name)


def on(name):
    """True when defect NAME (which must be declared) is switched on."""
    if name not in REGISTRY:
        raise KeyError(f"unknown defect {name}")
    return name in ACTIVE
