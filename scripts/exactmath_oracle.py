#!/usr/bin/env python3
"""Correctly rounded reference values for crate/src/exactmath.rs.

For a fixed seed, draws arguments for every function (wide ranges plus the
regions where rounding is hard, and a sample of published worst cases from
exactmath_hard_cases.txt), evaluates each with mpmath at 200 bits and
rounds the result to the nearest double ourselves: mpmath's own float()
rounds twice for subnormal results (to 53 bits, then again in ldexp).

Writes one line per case: `name x_hex [y_hex] result_hex` (hex = the 64 bit
pattern). Usage: exactmath_oracle.py OUT_FILE
"""
import math
import os
import random
import struct
import sys

try:
    import mpmath
    from mpmath import mp, mpf
except ImportError:
    sys.exit("exactmath_oracle.py needs mpmath: python3 -m pip install mpmath")

mp.prec = 200
N = 10_000  # arguments per function
SEED = 20261127


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def nearest(v):
    """The double nearest the mpf v, ties to even, with gradual underflow."""
    if mpmath.isnan(v):
        return math.nan
    if mpmath.isinf(v):
        return math.copysign(math.inf, v)
    sign, man, exp, bc = v._mpf_
    if man == 0:
        return 0.0
    # value = man * 2**exp, man odd with bc bits. Keep 53 bits, or fewer
    # when the result is subnormal (the last kept bit may not be below 2**-1074).
    top = exp + bc  # value in [2**(top-1), 2**top)
    if top < -1075 or top > 1025:  # far beyond the range: no big shifts
        out = 0.0 if top < 0 else math.inf
        return -out if sign else out
    keep_exp = max(top - 53, -1074)  # weight of the last kept bit
    shift = keep_exp - exp
    if shift > 0:
        q, r = divmod(man, 1 << shift)
        half = 1 << (shift - 1)
        if r > half or (r == half and q & 1):
            q += 1
    else:
        q = man << -shift
    if q.bit_length() + keep_exp > 1024:
        out = math.inf
    else:
        out = math.ldexp(q, keep_exp)  # exact: q has at most 53 bits
    return -out if sign else out


def rand_double(rng, lo_exp, hi_exp, sign=True):
    """Log-uniform over binades [2**lo_exp, 2**hi_exp), random mantissa."""
    e = rng.randint(lo_exp, hi_exp - 1)
    m = 1.0 + rng.getrandbits(52) / 2.0**52
    x = math.ldexp(m, e)
    if e < -1022:  # rebuild a subnormal from its bits
        x = from_bits(rng.getrandbits(52) | 1)
    return -x if sign and rng.random() < 0.5 else x


def uniform(rng, a, b):
    return rng.uniform(a, b)


def near(rng, c, spread_ulps):
    """A double within spread_ulps ulps of the double c."""
    b = bits(c) + rng.randint(-spread_ulps, spread_ulps)
    return from_bits(b)


def gen_args(rng, name):
    """Arguments for one function: a mix of samplers, hard regions included."""
    out = []
    pos = lambda lo, hi: rand_double(rng, lo, hi, sign=False)
    anyd = lambda lo, hi: rand_double(rng, lo, hi)
    samplers = {
        "exp": [lambda: uniform(rng, -746, 710), lambda: anyd(-80, 4),
                lambda: near(rng, 709.782712893384, 1 << 40),
                lambda: uniform(rng, -745.2, -707.0), lambda: anyd(-1074, -20)],
        "exp2": [lambda: uniform(rng, -1080, 1024.5), lambda: anyd(-80, 4),
                 lambda: uniform(rng, -1076, -1020), lambda: float(rng.randint(-1080, 1030))
                 + rng.choice([0, 0, 2.0**-40, -2.0**-45, 0.5])],
        "expm1": [lambda: uniform(rng, -40, 710), lambda: anyd(-1074, 2),
                  lambda: anyd(-30, -1), lambda: near(rng, 709.78, 1 << 40)],
        "ln": [lambda: pos(-1074, 1024), lambda: near(rng, 1.0, 1 << 20),
               lambda: uniform(rng, 0.5, 2.0), lambda: 1.0 + anyd(-60, -1)],
        "log2": [lambda: pos(-1074, 1024), lambda: near(rng, 1.0, 1 << 20),
                 lambda: uniform(rng, 0.5, 2.0), lambda: math.ldexp(1.0, rng.randint(-1074, 1023))],
        "log10": [lambda: pos(-1074, 1024), lambda: near(rng, 1.0, 1 << 20),
                  lambda: uniform(rng, 0.5, 2.0), lambda: 10.0 ** rng.randint(-22, 22)],
        "log1p": [lambda: pos(-1074, 1024) if rng.random() < 0.5 else -pos(-1074, 0),
                  lambda: anyd(-60, 0), lambda: -1.0 + pos(-53, -1), lambda: uniform(rng, -1, 4)],
        "sin": [lambda: anyd(-1074, 1024), lambda: uniform(rng, -10, 10), lambda: anyd(-30, 0),
                lambda: near(rng, rng.randint(-10**6, 10**6) * math.pi / 2, 4),
                lambda: anyd(20, 1024)],
        "cos": None, "tan": None,
        "sinh": [lambda: uniform(rng, -711, 711), lambda: anyd(-1074, 3), lambda: anyd(-30, 0),
                 lambda: near(rng, 710.475860073943, 1 << 40) * rng.choice([1, -1])],
        "cosh": None,
        "tanh": [lambda: uniform(rng, -22, 22), lambda: anyd(-1074, 6), lambda: anyd(-30, 0)],
        "asin": [lambda: uniform(rng, -1, 1), lambda: anyd(-1074, 0),
                 lambda: (1.0 - pos(-53, -1)) * rng.choice([1, -1]), lambda: anyd(-30, -1)],
        "acos": None,
        "atan": [lambda: anyd(-1074, 1024), lambda: uniform(rng, -4, 4), lambda: anyd(-30, 60)],
        "asinh": [lambda: anyd(-1074, 1024), lambda: uniform(rng, -4, 4), lambda: anyd(-30, 0)],
        "acosh": [lambda: 1.0 + pos(-52, 1), lambda: pos(0, 1024), lambda: uniform(rng, 1, 10)],
        "atanh": [lambda: uniform(rng, -1, 1), lambda: anyd(-1074, 0), lambda: anyd(-30, -1),
                  lambda: (1.0 - pos(-53, -1)) * rng.choice([1, -1]),
                  lambda: (1.0 - rng.randint(1, 1000) * 2.0**-53) * rng.choice([1, -1])],
        "cbrt": [lambda: anyd(-1074, 1024), lambda: uniform(rng, -10, 10),
                 lambda: float(rng.randint(-10**5, 10**5)) ** 3 * 2.0 ** (3 * rng.randint(-100, 100))],
    }
    samplers["cos"] = samplers["tan"] = samplers["sin"]
    samplers["cosh"] = samplers["sinh"]
    samplers["acos"] = samplers["asin"]
    for i in range(N):
        s = samplers[name]
        out.append((s[i % len(s)](),))
    return out


def gen_args2(rng, name):
    out = []
    if name in ("atan2", "hypot"):
        for i in range(N):
            k = i % 4
            if k == 0:  # anything
                a, b = rand_double(rng, -1074, 1024), rand_double(rng, -1074, 1024)
            elif k == 1:  # comparable sizes, at every scale
                e = rng.randint(-1074, 1020)
                a, b = rand_double(rng, e, e + 3), rand_double(rng, e, e + 3)
            elif k == 2:
                a, b = uniform(rng, -3, 3), uniform(rng, -3, 3)
            elif name == "atan2":
                a, b = rand_double(rng, -100, 100), rand_double(rng, -100, 100)
            else:  # Pythagorean triples, scaled: exact results
                m, n = rng.randint(2, 10**7), rng.randint(1, 10**7)
                sc = 2.0 ** rng.randint(-1000, 900)
                a, b = float(abs(m * m - n * n)) * sc, float(2 * m * n) * sc
            out.append((a, b))
    elif name == "pow":
        for i in range(N):
            k = i % 7
            if k == 0:
                a, b = rand_double(rng, -20, 20, sign=False), uniform(rng, -60, 60)
            elif k == 1:  # near 1, extreme exponents
                a, b = 1.0 + rand_double(rng, -53, -10), rand_double(rng, 10, 62)
            elif k == 2:  # negative base, integer exponent
                a, b = -rand_double(rng, -10, 10, sign=False), float(rng.randint(-80, 80))
            elif k == 3:  # exact powers
                a, b = float(rng.randint(2, 30)) * rng.choice([1, -1]), float(rng.randint(0, 15))
            elif k == 4:  # results near the overflow / underflow thresholds
                a = rand_double(rng, 1, 60, sign=False)
                t = rng.uniform(-1080, 1024) * math.log(2)
                b = t / math.log(a)
            elif k == 5:  # squares of 27-bit numbers land on midpoints
                a, b = float(rng.randint(2**26, 2**27 - 1) | 1) * 2.0 ** rng.randint(-60, 60), 2.0
            else:
                a, b = rand_double(rng, -1074, 1024, sign=False), rand_double(rng, -10, 4)
            out.append((a, b))
    return out


EXACT = {
    "exp": [(0.0,), (1.0,), (-0.0,)], "exp2": [(10.0,), (-1074.0,), (-1075.0,), (0.5,)],
    "ln": [(1.0,), (2.0,)], "log2": [(1024.0,), (0.125,)], "log10": [(1000.0,), (1e-5,)],
    "cbrt": [(27.0,), (-8.0,), (1e-300,)], "sin": [(6381956970095103.0 * 2.0**797,), (1e22,)],
    "cos": [(6381956970095103.0 * 2.0**797,), (1e22,)], "tan": [(1e22,)],
    "atanh": [(-0.9999999999999999,), (0.5,)],
    "pow": [(2.0, 10.0), (-8.0, 3.0), (10.0, -2.0), (134217727.0, 2.0), (0.5, 1074.0),
            (2.0, -1075.0), (3.0, 2.5), (262143.0**2, 1.5)],
    "hypot": [(3.0, 4.0), (5e-324, 5e-324), (1e308, 1e308)] + [
        # (m²-n², 2mn, m²+n²) with the hypotenuse odd and 54 bits: a middle
        (a * 2.0**s, b * 2.0**s) for a, b in [
            (6403688551615875.0, 6403688608469332.0), (8553302425828355.0, 8553302519512428.0),
            (8037584133619159.0, 8037584439005880.0), (7386932004517135.0, 7386931805200968.0)]
        for s in (0, -60, -1000, 900)],
    "atan2": [(1.0, 1.0), (3 * 5e-324, 2.0)],
}

MP = {
    "exp": mpmath.exp, "exp2": lambda x: mpmath.power(2, x), "expm1": mpmath.expm1,
    "ln": mpmath.ln, "log2": lambda x: mpmath.log(x, 2), "log10": mpmath.log10,
    "log1p": mpmath.log1p, "sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan,
    "sinh": mpmath.sinh, "cosh": mpmath.cosh, "tanh": mpmath.tanh, "asin": mpmath.asin,
    "acos": mpmath.acos, "atan": mpmath.atan, "asinh": mpmath.asinh, "acosh": mpmath.acosh,
    "atanh": mpmath.atanh, "cbrt": mpmath.cbrt,
    "atan2": mpmath.atan2, "hypot": mpmath.hypot, "pow": mpmath.power,
}
ONE = ["exp", "exp2", "expm1", "ln", "log2", "log10", "log1p", "sin", "cos", "tan", "sinh",
       "cosh", "tanh", "asin", "acos", "atan", "asinh", "acosh", "atanh", "cbrt"]
TWO = ["atan2", "hypot", "pow"]


ODD = {"expm1", "log1p", "sin", "tan", "sinh", "tanh", "asin", "atan", "asinh", "atanh", "cbrt"}


def reference(name, args):
    f = MP[name]
    if name in ODD and args[0] == 0:
        return args[0]  # f(±0) = ±0; mpmath has no signed zeros
    a = [mpf(v) for v in args]
    if name == "log2" and args[0] > 0:  # exact for powers of two
        m, e = math.frexp(args[0])
        if m == 0.5:
            return float(e - 1)
    if name == "atan2":
        if 0 in args:
            return None  # signed zeros: mpmath ignores them; the Rust test checks them
        # y/x can be a double middle with atan2 just below it by (y/x)^3/3:
        # keep that correction visible
        gap = math.frexp(args[1])[1] - math.frexp(args[0])[1]
        with mpmath.workprec(200 + 2 * max(0, gap)):
            return nearest(f(*a))
    if name == "pow":
        x, y = args
        if x == 0 or (x < 0 and y != int(y)):
            return None
        r = pow_reference(abs(x), y)
        return -r if x < 0 and int(y) % 2 else r
    if name == "cbrt" and args[0] < 0:
        return -nearest(f(-a[0]))
    if name == "sin" or name == "cos" or name == "tan":
        # mpmath raises the precision for huge arguments itself; be generous
        with mpmath.workprec(200 + max(0, math.frexp(args[0])[1])):
            return nearest(f(a[0]))
    v = f(*a)
    if isinstance(v, mpmath.mpc):
        return None
    return nearest(v)


def pow_reference(x, y):
    """x**y for x > 0. mpmath's power is exact for integer y, which for huge
    y builds enormous numbers, so go through exp and log; then, when the value
    lies on (or next to) a double or a midpoint, decide exactness with
    rationals, since exact results and midpoints do occur (e.g. 134217727**2)."""
    from fractions import Fraction
    with mpmath.workprec(300):
        r = mpmath.exp(mpf(y) * mpmath.ln(mpf(x)))
    if mpmath.isinf(r) or r == 0:
        return nearest(r)
    # the nearest number with 54 significant bits (a double or a midpoint)
    sign, man, exp, bc = r._mpf_
    top = exp + bc
    c = mpmath.ldexp(mpmath.nint(mpmath.ldexp(r, 54 - top)), top - 54)
    if abs(r - c) <= abs(r) * mpf(2) ** -250:
        p, q = y.as_integer_ratio()
        if q <= 64 and abs(p) <= 4000:
            cf = Fraction(*[int(v) for v in mpmath.mpf(c).man_exp[:1]] + [1]) * Fraction(2) ** int(c.man_exp[1])
            if cf ** q == Fraction(x) ** p:
                return nearest(c)
    return nearest(r)


def in_domain(name, args):
    x = args[0]
    if not all(math.isfinite(v) for v in args):
        return False
    return {
        "ln": x > 0, "log2": x > 0, "log10": x > 0, "log1p": x > -1,
        "asin": -1 <= x <= 1, "acos": -1 <= x <= 1, "acosh": x >= 1, "atanh": -1 < x < 1,
    }.get(name, True)


def hard_cases():
    """name -> argument tuples from exactmath_hard_cases.txt (published worst cases)."""
    out = {}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exactmath_hard_cases.txt")
    with open(path) as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                name, *args = line.split()
                out.setdefault(name, []).append(tuple(float.fromhex(a) for a in args))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rng = random.Random(SEED)
    hard = hard_cases()
    # streamed: only one function's arguments (plain floats) are held at once
    with open(sys.argv[1] + ".tmp", "w") as fh:
        for name in ONE + TWO:
            args = EXACT.get(name, []) + hard.get(name, []) + (
                gen_args(rng, name) if name in ONE else gen_args2(rng, name))
            for a in args:
                if not in_domain(name, a):
                    continue
                r = reference(name, a)
                if r is None:
                    continue
                fh.write(" ".join([name] + ["%016x" % bits(v) for v in a] + ["%016x" % bits(r)]) + "\n")
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])


if __name__ == "__main__":
    main()
