#!/usr/bin/env python3
"""Compare our printed partial derivatives with sympy's (a dev-only tool).

For every function in crate/tests/data/textbook.txt and each of its
variables, computes the ratio

    count_ops(our printed partial, parsed by sympy)
    / count_ops(simplify(diff(f)))

and prints all ratios, their median and the worst five. Targets: median at
most 1.25, every ratio at most 2. Needs sympy (pip install sympy).

Usage: python3 scripts/sympy_compare.py [--check]
  --check   exit 1 when a target is missed
"""

import statistics
import subprocess
import sys
from pathlib import Path

import sympy as sp
from sympy.parsing.sympy_parser import (
    convert_xor,
    parse_expr,
    standard_transformations,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crate" / "tests" / "data" / "textbook.txt"

# Our functions in sympy. For sympy's own derivative they are their
# definitions; in our printed text the activations stay single functions,
# as a student reads them.
DEFINITIONS = {
    "ln": sp.log,
    "log": sp.log,
    "log10": lambda u: sp.log(u, 10),
    "log2": lambda u: sp.log(u, 2),
    "log1p": lambda u: sp.log(1 + u),
    "expm1": lambda u: sp.exp(u) - 1,
    "exp2": lambda u: 2**u,
    "cbrt": sp.cbrt,
    "hypot": lambda a, b: sp.sqrt(a**2 + b**2),
    "sigmoid": lambda u: 1 / (1 + sp.exp(-u)),
    "relu": lambda u: sp.Max(u, 0),
    "softplus": lambda u: sp.log(1 + sp.exp(u)),
    "heaviside": sp.Heaviside,
    "sign": sp.sign,
    "abs": sp.Abs,
    "max": sp.Max,
    "min": sp.Min,
    "atan2": sp.atan2,
    "asin": sp.asin,
    "acos": sp.acos,
    "atan": sp.atan,
    "e": sp.E,
    "pi": sp.pi,
}
OPAQUE = dict(DEFINITIONS)
for name in ["sigmoid", "relu", "softplus"]:
    OPAQUE[name] = sp.Function(name)

TRANSFORMS = standard_transformations + (convert_xor,)


def read(text, names, evaluate=True):
    symbols = {v: sp.Symbol(v, real=True) for v in "abcdfghjklmnoqrstuvwxyz"}
    local = dict(symbols)
    local.update(names)
    return parse_expr(text, local_dict=local, transformations=TRANSFORMS, evaluate=evaluate)


def ours():
    """Our partials: {function: [(variable, text)]} from the example binary."""
    out = subprocess.run(
        ["cargo", "run", "-q", "-p", "gradients", "--example", "partials"],
        cwd=ROOT,
        input=DATA.read_text(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [l for l in DATA.read_text().splitlines() if l.strip() and not l.startswith("#")]
    blocks = out.split("\n\n")
    result = []
    for f, block in zip(lines, blocks):
        parts = [l.split("\t", 1) for l in block.strip("\n").splitlines()]
        result.append((f, parts))
    return result


def main():
    check = "--check" in sys.argv
    rows = []
    for f, parts in ours():
        fx = read(f, DEFINITIONS)
        for var, text in parts:
            if text.startswith("!"):
                print(f"{f} d/d{var}: {text}")
                continue
            ref = sp.simplify(sp.diff(fx, sp.Symbol(var, real=True)))
            mine = read(text, OPAQUE, evaluate=False)
            a, b = sp.count_ops(mine), sp.count_ops(ref)
            # Plain a/b; where sympy's form has no operation at all (b = 0:
            # a variable or a number), every operation of ours counts whole.
            ratio = a / b if b else 1.0 + a
            rows.append((ratio, f, var, text, str(ref), a, b))
    rows.sort(key=lambda r: r[0])
    for ratio, f, var, text, ref, a, b in rows:
        print(f"{ratio:5.2f}  d/d{var} {f}\n       ours  ({a}): {text}\n       sympy ({b}): {ref}")
    ratios = [r[0] for r in rows]
    med = statistics.median(ratios)
    print(f"\n{len(rows)} partials of {len(set(r[1] for r in rows))} functions")
    print(f"median ratio {med:.3f} (target <= 1.25)")
    print("worst five:")
    for ratio, f, var, text, ref, a, b in rows[::-1][:5]:
        print(f"  {ratio:.3f}  d/d{var} {f}: {text}  vs  {ref}")
    ok = med <= 1.25 and max(ratios) <= 2.0
    print("targets met" if ok else "targets NOT met")
    if check and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
