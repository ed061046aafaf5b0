#!/usr/bin/env python3
"""The size rules of ../shared/STYLE.md for harness/: no file over 800 lines, no function over 60.

    check-sizes.py [ROOT]

Functions are found by their braces: a line that ends with "{" and opens a function body (a
parameter list closes on it or just before it) at namespace or class level, up to its matching "}".
Lambdas inside a function count toward that function. Prints each breach and exits 1 if there is one."""
import pathlib
import re
import sys

MAX_FILE, MAX_FUNC = 800, 60
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
head = re.compile(r"^\s*(?!(if|for|while|switch|catch|do|else|namespace|struct|class|enum|union|return)\b)"
                  r"[^;{}]*\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(->\s*[^{]+)?\s*(:[^;{]*)?\{\s*(//.*)?$")
breaches = []
for path in sorted((root / "harness").rglob("*")):
    if path.suffix not in (".cpp", ".hpp"):
        continue
    lines = path.read_text(errors="replace").split("\n")
    rel = path.relative_to(root)
    if len(lines) > MAX_FILE:
        breaches.append(f"{rel}: {len(lines)} lines (over {MAX_FILE})")
    depth, start, start_depth = 0, None, 0
    for no, line in enumerate(lines, 1):
        code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'|//.*', "", line)
        if start is None and head.match(code) and code.count("{") == 1 and "}" not in code and depth <= 2:
            start, start_depth = no, depth
        depth += code.count("{") - code.count("}")
        if start is not None and depth <= start_depth:
            if no - start + 1 > MAX_FUNC:
                breaches.append(f"{rel}:{start}: function of {no - start + 1} lines (over {MAX_FUNC})")
            start = None
for b in breaches:
    print(b)
print(f"check-sizes: {len(breaches)} breach{'es' if len(breaches) != 1 else ''}")
sys.exit(1 if breaches else 0)
