//! Correctly rounded elementary functions, for the single values the page
//! prints.
//!
//! A value printed with 17 significant digits shows its last bit, so it must
//! be the double nearest the exact result, as numpy and CORE-MATH give it:
//! `exp(1)` must read 2.718281828459045, where the standard routine on wasm
//! gives 2.7182818284590455. Grids do not print single values and keep the
//! fast block kernels of `fastmath` (within 2 ulp).
//!
//! Every function here evaluates in double-double arithmetic (a value kept as
//! an unevaluated sum `h + l` of two doubles, about 106 bits), with series
//! run until their terms fall below 2^-110, and rounds that sum to a double
//! once, at the end, subnormal results included. The error of the
//! double-double value is a few units of 2^-104 (2^-94 for `pow` with results
//! near the overflow threshold), so the rounding can only go wrong for an
//! argument whose exact result lies that close to the middle between two
//! doubles: none are known outside the listed worst cases of the literature
//! and the exact middles, which `pow` detects and computes exactly. The cost
//! (a few microseconds per call) is fine for single values.

// Constants are given with all their digits.
#![allow(clippy::excessive_precision)]

/// A double-double: the value is `h + l` with `|l| <= ulp(h) / 2`.
#[derive(Clone, Copy, Debug)]
struct Dd {
    h: f64,
    l: f64,
}

/// Error-free sum: `s + e == a + b` exactly (Knuth's TwoSum, no branch).
#[inline]
fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    Dd { h: s, l: (a - (s - bb)) + (b - bb) }
}

/// Error-free sum when `|a| >= |b|` (or a == 0).
#[inline]
fn quick_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    Dd { h: s, l: b - (s - a) }
}

/// Veltkamp's split into two 26-bit halves, so that their products are
/// exact; a fused multiply-add would do it in one step but is a slow
/// software routine on wasm.
#[inline]
fn split(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a; // 2^27 + 1
    let hi = c - (c - a);
    (hi, a - hi)
}

/// Error-free product (Dekker), valid while nothing overflows or underflows.
#[inline]
fn two_prod(a: f64, b: f64) -> Dd {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    Dd { h: p, l: ((ah * bh - p) + ah * bl + al * bh) + al * bl }
}

impl Dd {
    const fn new(h: f64, l: f64) -> Dd {
        Dd { h, l }
    }
    fn from(x: f64) -> Dd {
        Dd { h: x, l: 0.0 }
    }
    fn add(self, b: Dd) -> Dd {
        let s = two_sum(self.h, b.h);
        let t = two_sum(self.l, b.l);
        let s = quick_sum(s.h, s.l + t.h);
        quick_sum(s.h, s.l + t.l)
    }
    fn sub(self, b: Dd) -> Dd {
        self.add(b.neg())
    }
    fn add_f(self, b: f64) -> Dd {
        let s = two_sum(self.h, b);
        quick_sum(s.h, s.l + self.l)
    }
    fn neg(self) -> Dd {
        Dd { h: -self.h, l: -self.l }
    }
    fn mul(self, b: Dd) -> Dd {
        let p = two_prod(self.h, b.h);
        quick_sum(p.h, p.l + (self.h * b.l + self.l * b.h))
    }
    fn mul_f(self, b: f64) -> Dd {
        let p = two_prod(self.h, b);
        quick_sum(p.h, p.l + self.l * b)
    }
    /// Three quotient digits: each step removes 53 bits of the remainder.
    fn div(self, b: Dd) -> Dd {
        let q1 = self.h / b.h;
        let r = self.sub(b.mul_f(q1));
        let q2 = r.h / b.h;
        let r = r.sub(b.mul_f(q2));
        let q3 = r.h / b.h;
        quick_sum(q1, q2).add_f(q3)
    }
    fn div_f(self, b: f64) -> Dd {
        self.div(Dd::from(b))
    }
    /// One Newton step from the double square root doubles its 53 bits.
    fn sqrt(self) -> Dd {
        if self.h <= 0.0 {
            return Dd::from(0.0);
        }
        let y = self.h.sqrt();
        let p = two_prod(y, y);
        let d = ((self.h - p.h) - p.l) + self.l;
        quick_sum(y, d / (2.0 * y))
    }
    /// Exact multiplication by 2^k while the parts stay normal.
    fn scale(self, k: i32) -> Dd {
        Dd { h: ldexp(self.h, k), l: ldexp(self.l, k) }
    }
    /// The nearest double (the sum of the parts, rounded once by IEEE).
    fn round(self) -> f64 {
        self.h + self.l
    }
}

// ln 2, π/2 and a few more to 160 bits, in three doubles.
const LN2: [f64; 3] = [6.931471805599453094e-01, 2.319046813846299558e-17, 5.707708438416212066e-34];
const PIO2: [f64; 3] = [1.570796326794896558e+00, 6.123233995736766036e-17, -1.497384904859169777e-33];
const INV_LN2: Dd = Dd::new(1.442695040888963387e+00, 2.035527374093103311e-17);
const INV_LN10: Dd = Dd::new(4.342944819032518167e-01, 1.098319650216765073e-17);

fn ln2() -> Dd {
    Dd::new(LN2[0], LN2[1])
}
fn pio2() -> Dd {
    Dd::new(PIO2[0], PIO2[1])
}

/// Below this a term no longer changes a double-double sum.
const EPS: f64 = 7.7e-34; // 2^-110

/// x·2^k for any k, in steps so that neither 2^k nor a partial product
/// overflows or underflows before the end; exact when the result is normal.
fn ldexp(mut x: f64, mut k: i32) -> f64 {
    while k > 1000 {
        x *= f64::from_bits(2023u64 << 52); // 2^1000
        k -= 1000;
    }
    while k < -1000 {
        x *= f64::from_bits(23u64 << 52); // 2^-1000
        k += 1000;
    }
    x * f64::from_bits(((1023 + k) as u64) << 52)
}

/// The binary exponent of a nonzero finite x: x in [2^e, 2^(e+1)).
fn exponent(x: f64) -> i32 {
    let b = ((x.to_bits() >> 52) & 0x7ff) as i32;
    if b == 0 {
        exponent(x * f64::from_bits((1023u64 + 64) << 52)) - 64
    } else {
        b - 1023
    }
}

/// The double nearest v·2^k, rounding once also when the result is
/// subnormal (rounding v first and scaling after would round twice).
fn round_scaled(v: Dd, k: i32) -> f64 {
    if v.h == 0.0 {
        return v.h;
    }
    let e = exponent(v.h) + k;
    if e > 1024 {
        return f64::INFINITY.copysign(v.h);
    }
    if e < -1076 {
        return 0.0f64.copysign(v.h);
    }
    if e >= -1022 {
        return ldexp(v.round(), k);
    }
    // Round h to a multiple of the subnormal quantum q (in h's scale) by
    // adding 2^52·q, then let the rest (h's remainder plus l) move it.
    let q = ldexp(1.0, -1074 - k);
    let c = (q * 4_503_599_627_370_496.0).copysign(v.h); // 2^52·q: ulp q
    let mut hr = (v.h + c) - c;
    let rem = (v.h - hr) + v.l;
    let half = 0.5 * q;
    if rem > half || (rem == half && v.l != 0.0 && ((hr / q) as i64) & 1 == 1) {
        hr += q;
    } else if rem < -half || (rem == -half && v.l != 0.0 && ((hr / q) as i64) & 1 == 1) {
        hr -= q;
    }
    ldexp(hr, k)
}

// ---------------------------------------------------------------- exp family

/// e^r - 1 for |r| <= 0.36, by its Taylor series.
fn expm1_series(r: Dd) -> Dd {
    let mut term = r;
    let mut sum = r;
    let mut n = 2.0;
    while term.h.abs() > EPS * sum.h.abs() {
        term = term.mul(r).div_f(n);
        sum = sum.add(term);
        n += 1.0;
    }
    sum
}

/// e^x - 1 = m·2^k - 1 with x = k·ln 2 + r: returns (e^r - 1, k), |r| <= ln2/2.
/// k·ln 2 is subtracted in three pieces so that r keeps all its bits even
/// when x is near 745.
fn exp_reduce(x: Dd) -> (Dd, i32) {
    let k = (x.h * INV_LN2.h).round();
    let a = two_prod(k, LN2[0]);
    let r = Dd::from(x.h - a.h) // exact: x.h and a.h are within a factor 2
        .add_f(x.l)
        .add_f(-a.l)
        .sub(two_prod(k, LN2[1]))
        .add_f(-k * LN2[2]);
    (expm1_series(r), k as i32)
}

/// e^x as m·2^k, for |x.h| < 1100.
fn exp_dd(x: Dd) -> (Dd, i32) {
    let (em1, k) = exp_reduce(x);
    (em1.add_f(1.0), k)
}

/// e^x - 1 for |x| < 709 as one double-double, without cancellation for
/// small x.
fn expm1_dd(x: Dd) -> Dd {
    if x.h.abs() < 0.34 {
        return expm1_series(x);
    }
    let (m, k) = exp_dd(x);
    m.scale(k).add_f(-1.0)
}

/// NaN stays, and beyond [under, over] the result is 0 or inf for sure;
/// the bounds also keep the exponent arithmetic small.
fn exp_range(x: f64, under: f64, over: f64) -> Option<f64> {
    if x.is_nan() {
        Some(x)
    } else if x > over {
        Some(f64::INFINITY)
    } else if x < under {
        Some(0.0)
    } else {
        None
    }
}

pub fn exp(x: f64) -> f64 {
    exp_range(x, -746.0, 710.0).unwrap_or_else(|| {
        let (m, k) = exp_dd(Dd::from(x));
        round_scaled(m, k)
    })
}

/// 2^x: the integer part goes to the exponent exactly, so only the
/// fraction times ln 2 is rounded.
pub fn exp2(x: f64) -> f64 {
    exp_range(x, -1077.0, 1025.0).unwrap_or_else(|| {
        let k = x.round();
        let r = x - k;
        let m = expm1_series(two_prod(r, LN2[0]).add_f(r * LN2[1])).add_f(1.0);
        round_scaled(m, k as i32)
    })
}

pub fn expm1(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() < 1e-300 {
        return x; // x + x²/2 with x² far below half an ulp of x
    }
    if x < -40.0 {
        return -1.0; // e^x below 2^-57: -1 + e^x rounds to -1
    }
    if x > 709.0 {
        return exp(x); // the -1 is 2^-1000 of the result
    }
    expm1_dd(Dd::from(x)).round()
}

/// (e^x, e^-x) as plain double-doubles, for |x| < 40.
fn exp_pair(x: f64) -> (Dd, Dd) {
    let (m, k) = exp_dd(Dd::from(x));
    let (n, j) = exp_dd(Dd::from(-x));
    (m.scale(k), n.scale(j))
}

pub fn sinh(x: f64) -> f64 {
    let a = x.abs();
    if !x.is_finite() || a < 1.5e-8 {
        return x; // x + x³/6 with x³/6 below half an ulp
    }
    let s = if a < 1.0 {
        // (E + E/(E+1))/2 with E = e^a - 1 has no cancellation near 0
        let e = expm1_dd(Dd::from(a));
        e.add(e.div(e.add_f(1.0))).scale(-1)
    } else if a < 40.0 {
        let (p, n) = exp_pair(a);
        p.sub(n).scale(-1)
    } else {
        let (m, k) = exp_dd(Dd::from(a.min(800.0)));
        return round_scaled(m, k - 1).copysign(x);
    };
    s.round().copysign(x)
}

pub fn cosh(x: f64) -> f64 {
    let a = x.abs();
    if a.is_nan() {
        return a;
    }
    if a < 1.0e-8 {
        return 1.0; // 1 + x²/2 with x²/2 below 2^-53
    }
    if a < 40.0 {
        let (p, n) = exp_pair(a);
        return p.add(n).scale(-1).round();
    }
    let (m, k) = exp_dd(Dd::from(a.min(800.0)));
    round_scaled(m, k - 1)
}

pub fn tanh(x: f64) -> f64 {
    let a = x.abs();
    if x.is_nan() || a < 7.0e-9 {
        return x; // x - x³/3 with x³/3 below a quarter ulp
    }
    if a > 22.0 {
        return 1.0f64.copysign(x); // 1 - 2e^-2a is within 2^-62 of 1
    }
    let e = expm1_dd(Dd::from(2.0 * a));
    e.div(e.add_f(2.0)).round().copysign(x)
}

// ---------------------------------------------------------------- logarithms

/// ln(1 + u) for |u| <= 0.42 as 2·atanh(u/(2+u)): the series in s² has
/// ratio below 0.03 and keeps full relative accuracy as u goes to 0.
fn ln1p_core(u: Dd) -> Dd {
    let s = u.div(u.add_f(2.0));
    let s2 = s.mul(s);
    let mut pw = s2;
    let mut acc = Dd::from(1.0);
    let mut n = 3.0;
    while pw.h > EPS {
        acc = acc.add(pw.div_f(n));
        pw = pw.mul(s2);
        n += 2.0;
    }
    s.mul(acc).scale(1)
}

/// ln x as e·ln 2 + ln m with x = 2^e·m, m in [√½, √2): ln m stays small
/// and is computed from m - 1, which is exact.
fn ln_parts(x: Dd) -> (f64, Dd) {
    let mut e = exponent(x.h);
    let mut m = x.scale(-e);
    if m.h > std::f64::consts::SQRT_2 {
        m = m.scale(-1);
        e += 1;
    }
    (e as f64, ln1p_core(m.add_f(-1.0)))
}

fn ln_dd(x: Dd) -> Dd {
    let (e, l) = ln_parts(x);
    two_prod(e, LN2[0]).add(Dd::new(e * LN2[1], e * LN2[2])).add(l)
}

/// ln(1 + u) for a double-double u > -1.
fn ln1p_dd(u: Dd) -> Dd {
    if u.h.abs() < 0.41 {
        ln1p_core(u)
    } else {
        ln_dd(u.add_f(1.0))
    }
}

/// NaN below 0, -inf at 0, x itself for +inf and NaN; None for the rest.
fn log_special(x: f64) -> Option<f64> {
    if x.is_nan() || x == f64::INFINITY {
        Some(x)
    } else if x == 0.0 {
        Some(f64::NEG_INFINITY)
    } else if x < 0.0 {
        Some(f64::NAN)
    } else {
        None
    }
}

pub fn ln(x: f64) -> f64 {
    log_special(x).unwrap_or_else(|| ln_dd(Dd::from(x)).round())
}

/// e + log2(m), so that log2 of a power of two is exact.
pub fn log2(x: f64) -> f64 {
    log_special(x).unwrap_or_else(|| {
        let (e, l) = ln_parts(Dd::from(x));
        l.mul(INV_LN2).add_f(e).round()
    })
}

pub fn log10(x: f64) -> f64 {
    log_special(x).unwrap_or_else(|| ln_dd(Dd::from(x)).mul(INV_LN10).round())
}

pub fn log1p(x: f64) -> f64 {
    if x.abs() < 1e-300 || x.is_nan() {
        return x; // x - x²/2 with x² far below half an ulp of x
    }
    if x <= -1.0 || x == f64::INFINITY {
        return log_special(x + 1.0).unwrap_or(f64::NAN);
    }
    ln1p_dd(Dd::from(x)).round()
}

// -------------------------------------------------------------- trigonometry

/// 2/π to 1280 bits: x·2/π mod 4 needs, for x up to 2^1024, the bits of
/// 2/π from the weight of x's last bit on (Payne and Hanek's reduction).
const TWO_OVER_PI: [u64; 20] = [
    0xa2f9836e4e441529, 0xfc2757d1f534ddc0, 0xdb6295993c439041, 0xfe5163abdebbc561,
    0xb7246e3a424dd2e0, 0x06492eea09d1921c, 0xfe1deb1cb129a73e, 0xe88235f52ebb4484,
    0xe99c7026b45f7e41, 0x3991d639835339f4, 0x9c845f8bbdf9283b, 0x1ff897ffde05980f,
    0xef2f118b5a0a6d1f, 0x6d367ecf27cb09b7, 0x4f463f669e5fea2d, 0x7527bac7ebe5f17b,
    0x3d0739f78a5292ea, 0x6bfb5fb11f8d5d08, 0x56033046fc7b6bab, 0xf0cfbc209af4361d,
];

/// The 64 bits of 2/π after its first `start` fractional bits (which may be
/// negative: 2/π < 1 has zeros before the point).
fn two_over_pi_bits(start: i32) -> u64 {
    let word = |i: i32| -> u64 {
        if (0..20).contains(&i) {
            TWO_OVER_PI[i as usize]
        } else {
            0
        }
    };
    let (w, sh) = (start.div_euclid(64), start.rem_euclid(64));
    if sh == 0 {
        word(w)
    } else {
        (word(w) << sh) | (word(w + 1) >> (64 - sh))
    }
}

/// x = q·π/2 + r with |r| <= π/4, for finite |x| >= π/4; returns (r, q mod 4).
/// Exact integer arithmetic on the 53-bit mantissa m of x = m·2^e and 256
/// bits of 2/π starting where m·2^e·2/π stops mattering mod 4; the fraction
/// keeps over 170 bits, enough since no double comes closer than 2^-62 to a
/// multiple of π/2.
fn reduce(x: f64) -> (Dd, u32) {
    let bits = x.to_bits();
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let e = ((bits >> 52) & 0x7ff) as i32 - 1075;
    // bits of 2/π with weight >= 2^(2-e) only add multiples of 4
    let s = e - 2;
    let c = [0, 64, 128, 192].map(|o| two_over_pi_bits(s + o));
    // frac(m·C), C = 0.c0c1c2c3, as four words, most significant first
    let mut f = [0u64; 4];
    let mut carry: u128 = 0;
    for i in (0..4).rev() {
        let p = (m as u128) * (c[i] as u128) + carry;
        f[i] = p as u64;
        carry = p >> 64;
    }
    // 4·frac: the top two bits are the quadrant, the rest the fraction
    let mut q = (f[0] >> 62) as u32;
    let mut g = [(f[0] << 2) | (f[1] >> 62), (f[1] << 2) | (f[2] >> 62), (f[2] << 2) | (f[3] >> 62)];
    let mut neg = false;
    if g[0] >> 63 == 1 {
        // fraction >= 1/2: take the next quadrant and the fraction minus 1
        q += 1;
        neg = true;
        let mut borrow = true;
        for w in g.iter_mut().rev() {
            *w = !*w;
            if borrow {
                *w = w.wrapping_add(1);
                borrow = *w == 0;
            }
        }
    }
    // normalise the 192-bit fraction f = 0.g0g1g2 to v·2^-(128+lz), v < 2^128
    // with its top bit set
    let lz = match g.iter().position(|w| *w != 0) {
        Some(i) => 64 * i as i32 + g[i].leading_zeros() as i32,
        None => return (Dd::from(0.0), q & 3),
    };
    let (mut w, sh) = (g, lz % 64);
    w.rotate_left(lz as usize / 64);
    if sh > 0 {
        w = [(w[0] << sh) | (w[1] >> (64 - sh)), (w[1] << sh) | (w[2] >> (64 - sh)), w[2] << sh];
    }
    let v = ((w[0] as u128) << 64) | w[1] as u128;
    let fh = ((v >> 75) as u64) as f64 * ldexp(1.0, -53 - lz);
    let fl = (v & ((1u128 << 75) - 1)) as f64 * ldexp(1.0, -128 - lz);
    let mut r = quick_sum(fh, fl).mul(pio2());
    if neg {
        r = r.neg();
    }
    if x < 0.0 {
        (r.neg(), (4 - (q & 3)) & 3)
    } else {
        (r, q & 3)
    }
}

/// (sin r, cos r) for |r| <= π/4 by their Taylor series.
fn sincos_dd(r: Dd) -> (Dd, Dd) {
    let r2 = r.mul(r).neg();
    let (mut s, mut st) = (r, r);
    let (mut c, mut ct) = (Dd::from(1.0), Dd::from(1.0));
    let mut n = 1.0;
    while ct.h.abs() > EPS || st.h.abs() > EPS * s.h.abs() {
        ct = ct.mul(r2).div_f(n * (n + 1.0));
        st = st.mul(r2).div_f((n + 1.0) * (n + 2.0));
        c = c.add(ct);
        s = s.add(st);
        n += 2.0;
    }
    (s, c)
}

/// (sin x, cos x) as double-doubles for finite x, reduced by π/2.
fn sincos(x: f64) -> (Dd, Dd) {
    let (r, q) = if x.abs() < std::f64::consts::FRAC_PI_4 { (Dd::from(x), 0) } else { reduce(x) };
    let (s, c) = sincos_dd(r);
    match q {
        0 => (s, c),
        1 => (c, s.neg()),
        2 => (s.neg(), c.neg()),
        _ => (c.neg(), s),
    }
}

pub fn sin(x: f64) -> f64 {
    if x.is_infinite() {
        return f64::NAN;
    }
    if x.abs() < 1.4e-8 || x.is_nan() {
        return x; // x - x³/6 within a quarter ulp of x
    }
    sincos(x).0.round()
}

pub fn cos(x: f64) -> f64 {
    if !x.is_finite() {
        return f64::NAN;
    }
    if x.abs() < 7.0e-9 {
        return 1.0; // 1 - x²/2 above 1 - 2^-54
    }
    sincos(x).1.round()
}

pub fn tan(x: f64) -> f64 {
    if x.is_infinite() {
        return f64::NAN;
    }
    if x.abs() < 1.0e-8 || x.is_nan() {
        return x; // x + x³/3 within half an ulp
    }
    let (s, c) = sincos(x);
    s.div(c).round()
}

// ------------------------------------------------------ inverse trigonometry

/// atan z for a double-double z >= 0: for z > 1 from π/2 - atan(1/z), then
/// three halvings atan z = 2·atan(z/(1 + √(1+z²))) bring z below 0.1, where
/// the alternating series needs about 16 terms.
fn atan_dd(z: Dd) -> Dd {
    if z.h > 1.0 {
        return pio2().sub(atan_dd(Dd::from(1.0).div(z)));
    }
    let mut t = z;
    for _ in 0..3 {
        let w = t.mul(t).add_f(1.0).sqrt().add_f(1.0);
        t = t.div(w);
    }
    let t2 = t.mul(t);
    let mut pw = t2;
    let mut acc = Dd::from(1.0);
    let mut n = 3.0;
    let mut sign = -1.0;
    while pw.h > EPS {
        acc = acc.add(pw.div_f(sign * n));
        pw = pw.mul(t2);
        n += 2.0;
        sign = -sign;
    }
    t.mul(acc).scale(3)
}

/// The angle of (x, y) for positive double-doubles, in [0, π/2].
fn angle(y: Dd, x: Dd) -> Dd {
    if y.h <= x.h {
        atan_dd(y.div(x))
    } else {
        pio2().sub(atan_dd(x.div(y)))
    }
}

pub fn atan(x: f64) -> f64 {
    let a = x.abs();
    if x.is_nan() || a < 1.0e-8 {
        return x; // x - x³/3 within a quarter ulp
    }
    if a > 1.0e60 {
        return pio2().add_f(-1.0 / a).round().copysign(x);
    }
    atan_dd(Dd::from(a)).round().copysign(x)
}

pub fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    let pi = Dd::new(2.0 * PIO2[0], 2.0 * PIO2[1]);
    let (ax, ay) = (x.abs(), y.abs());
    let left = x.is_sign_negative();
    let a = if y == 0.0 {
        return if left { pi.h.copysign(y) } else { y };
    } else if x == 0.0 {
        pio2()
    } else if ax.is_infinite() {
        if ay.is_infinite() {
            if left { pi.mul_f(0.75) } else { pio2().scale(-1) }
        } else if left {
            pi
        } else {
            return 0.0f64.copysign(y);
        }
    } else if ay.is_infinite() {
        pio2()
    } else {
        let (ey, ex) = (exponent(ay), exponent(ax));
        if ey - ex < -60 && !left {
            // atan2 = y/x·(1 - (y/x)²/3 ...): the double-double quotient
            // (possibly subnormal once scaled), nudged toward 0 so that an
            // exact middle rounds the way the true value does
            let q = Dd::from(ldexp(ay, -ey)).div_f(ldexp(ax, -ex));
            let q = Dd::new(q.h, q.l - q.h * 1e-36);
            return round_scaled(q, ey - ex).copysign(y);
        }
        let s = -ey.max(ex);
        let a = angle(Dd::from(ldexp(ay, s)), Dd::from(ldexp(ax, s)));
        if left {
            pi.sub(a)
        } else {
            a
        }
    };
    a.round().copysign(y)
}

/// NaN outside [-1, 1].
fn arc_domain(x: f64) -> bool {
    x.abs() <= 1.0
}

/// √(1 - x²) as a double-double, exact before the square root.
fn cosine_of(x: f64) -> Dd {
    let p = two_prod(x, x);
    two_sum(1.0, -p.h).add_f(-p.l).sqrt()
}

pub fn asin(x: f64) -> f64 {
    if !arc_domain(x) {
        return f64::NAN;
    }
    let a = x.abs();
    if a < 1.0e-8 {
        return x; // x + x³/6 within half an ulp
    }
    if a == 1.0 {
        return PIO2[0].copysign(x);
    }
    angle(Dd::from(a), cosine_of(a)).round().copysign(x)
}

pub fn acos(x: f64) -> f64 {
    if !arc_domain(x) {
        return f64::NAN;
    }
    if x == 1.0 {
        return 0.0;
    }
    let a = angle(cosine_of(x), Dd::from(x.abs()));
    if x < 0.0 {
        Dd::new(2.0 * PIO2[0], 2.0 * PIO2[1]).sub(a).round()
    } else {
        a.round()
    }
}

// -------------------------------------------------------- inverse hyperbolic

/// ln(2a) for a > 2^60, where the arcosh and arsinh corrections vanish.
fn ln_double(a: f64) -> f64 {
    ln_dd(Dd::from(a)).add(ln2()).round()
}

pub fn asinh(x: f64) -> f64 {
    let a = x.abs();
    if !x.is_finite() || a < 1.0e-8 {
        return x; // x - x³/6 within a quarter ulp
    }
    if a > 1.0e18 {
        return ln_double(a).copysign(x);
    }
    // ln(1 + u) with u = a + a²/(1 + √(1+a²)): no cancellation near 0
    let a2 = two_prod(a, a);
    let u = a2.div(a2.add_f(1.0).sqrt().add_f(1.0)).add_f(a);
    ln1p_dd(u).round().copysign(x)
}

pub fn acosh(x: f64) -> f64 {
    if x.is_nan() || x < 1.0 {
        return f64::NAN;
    }
    if x == f64::INFINITY {
        return x;
    }
    if x > 1.0e18 {
        return ln_double(x);
    }
    if x < 2.0 {
        // t = x - 1 is exact; ln(1 + t + √(t(t+2))) keeps accuracy near 1
        let t = x - 1.0;
        let u = two_sum(t, 2.0).mul_f(t).sqrt().add_f(t);
        return ln1p_dd(u).round();
    }
    let x2 = two_prod(x, x);
    ln_dd(x2.add_f(-1.0).sqrt().add_f(x)).round()
}

/// Near ±1 it uses ln((1+a)/(1-a)), where both 1 ± a are exact, which is
/// where the standard routine loses digits.
pub fn atanh(x: f64) -> f64 {
    let a = x.abs();
    if x.is_nan() || a < 1.0e-8 {
        return x; // x + x³/3 within half an ulp
    }
    if a > 1.0 {
        return f64::NAN;
    }
    if a == 1.0 {
        return f64::INFINITY.copysign(x);
    }
    let r = if a < 0.5 {
        let u = Dd::from(2.0 * a).div(two_sum(1.0, -a));
        ln1p_dd(u)
    } else {
        ln_dd(two_sum(1.0, a).div_f(1.0 - a))
    };
    r.scale(-1).round().copysign(x)
}

// ------------------------------------------------------------ roots and pow

pub fn cbrt(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    // x = m·2^(3j) with m in [1, 8): exact, and keeps y³ away from overflow
    let j = exponent(x.abs()).div_euclid(3);
    let m = ldexp(x.abs(), -3 * j);
    // one Newton step from the standard (within 1 ulp) root doubles its bits
    let y = m.cbrt();
    let y2 = two_prod(y, y);
    let d = Dd::from(m).sub(y2.mul_f(y));
    let r = quick_sum(y, d.h / (3.0 * y * y));
    ldexp(r.round(), j).copysign(x)
}

pub fn hypot(x: f64, y: f64) -> f64 {
    let (mut a, mut b) = (x.abs(), y.abs());
    if a.is_infinite() || b.is_infinite() {
        return f64::INFINITY;
    }
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a < b {
        std::mem::swap(&mut a, &mut b);
    }
    if b == 0.0 {
        return a;
    }
    let e = exponent(a);
    if e - exponent(b) > 60 {
        return a; // a + b²/2a is within a quarter ulp of a
    }
    let (a, b) = (ldexp(a, -e), ldexp(b, -e));
    let s = two_prod(a, a).add(two_prod(b, b));
    round_scaled(s.sqrt(), e)
}

/// The odd integer part and exponent of a finite nonzero x = m·2^e.
fn odd_parts(x: f64) -> (u64, i32) {
    let e = exponent(x);
    let m = ldexp(x.abs(), 52 - e) as u64;
    let tz = m.trailing_zeros();
    (m >> tz, e - 52 + tz as i32)
}

/// x^y when it is exactly a double or the middle between two, which
/// happens (134217727² is a middle) and which no approximation can round:
/// x = m·2^e with m odd, y = n/2^k with n odd; then x^y is a dyadic number
/// only if m is a 2^k-th power a^(2^k) and then equals a^n·2^(e·n/2^k).
/// None when x^y is not dyadic or has more than 106 bits.
fn pow_exact(x: f64, y: f64) -> Option<f64> {
    let (m, e) = odd_parts(x);
    let (n, ey) = odd_parts(y);
    let mut a = m;
    let mut ee = e as i64;
    let mut n = n as i64 * if y < 0.0 { -1 } else { 1 };
    if ey >= 0 {
        if ey > 62 {
            return None;
        }
        n = n.checked_mul(1i64 << ey)?;
    } else {
        let k = -ey;
        if k > 12 || ee % (1 << k) != 0 {
            return None;
        }
        ee >>= k;
        for _ in 0..k {
            let r = (a as f64).sqrt() as u64;
            let r = (r.saturating_sub(1)..=r + 1).find(|r| r * r == a)?;
            a = r;
        }
    }
    if n < 0 && a != 1 {
        return None;
    }
    let mut p: u128 = 1;
    for _ in 0..n.abs().min(if a == 1 { 0 } else { 200 }) {
        p = p.checked_mul(a as u128).filter(|p| *p >> 106 == 0)?;
    }
    let big = ee.checked_mul(n)?;
    if big.abs() > 5000 {
        return Some(if big > 0 { f64::INFINITY } else { 0.0 });
    }
    let ph = (p >> 53 << 53) as f64;
    let pl = (p & ((1 << 53) - 1)) as f64;
    Some(round_scaled(quick_sum(ph, pl), big as i32))
}

/// C99/IEEE pow, whose special cases std and numpy share.
pub fn pow(x: f64, y: f64) -> f64 {
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    let y_int = y.trunc() == y;
    let y_odd = y_int && y.abs() < 9.007_199_254_740_992e15 && (y as i64) & 1 == 1;
    let ax = x.abs();
    if y.is_infinite() {
        return if ax == 1.0 {
            1.0
        } else if (ax > 1.0) == (y > 0.0) {
            f64::INFINITY
        } else {
            0.0
        };
    }
    if x == 0.0 || x.is_infinite() {
        // 0^y and inf^y: 0 or inf by the sign of y (and of x^0 vs x^inf),
        // keeping x's sign for odd integer y
        let big = (x == 0.0) == (y < 0.0);
        let r = if big { f64::INFINITY } else { 0.0 };
        return if y_odd { r.copysign(x) } else { r };
    }
    if x < 0.0 && !y_int {
        return f64::NAN;
    }
    let sign = if x < 0.0 && y_odd { -1.0 } else { 1.0 };
    if ax == 1.0 {
        return sign;
    }
    if y.abs() > 1.8e19 {
        // |y·ln x| > 2^64·2^-53: far beyond the range either way (and y
        // this large would overflow the exact product below)
        return sign * if (ax > 1.0) == (y > 0.0) { f64::INFINITY } else { 0.0 };
    }
    if let Some(r) = pow_exact(ax, y) {
        return sign * r;
    }
    let t = ln_dd(Dd::from(ax)).mul_f(y);
    if t.h > 746.0 {
        return sign * f64::INFINITY;
    }
    if t.h < -746.0 {
        return sign * 0.0;
    }
    let (m, k) = exp_dd(t);
    sign * round_scaled(m, k)
}
