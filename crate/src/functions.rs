//! The one table of functions: every name a student may type, what it means,
//! how it is differentiated, typeset and evaluated.
//!
//! Parsing (names, numpy and math spellings, arity), derivation (each row's
//! rule), printing (text and MathML names), evaluation (the point evaluator
//! and the block evaluator) and the list of functions in messages and in the
//! README all read these rows, so adding a function is adding a row.
//!
//! Meanings are numpy's, spelling by spelling: `sign(0)` is 0, `%` is floor
//! modulo, `max` propagates NaN while `fmax` ignores it, `round` rounds ties
//! to even. Single points go through each row's `point` evaluator, and only
//! there, so swapping in correctly rounded functions is one line per row;
//! grids go through `block`, written separately in each row: the fast
//! kernels of `fastmath` where there is one, else the standard function
//! lane by lane, so changing `point` leaves grids as fast as they are.

use crate::exactmath;
use crate::fastmath;
use crate::graph::{Fun1, Fun2, Graph, Id, Konst};
use crate::wide::Wide;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// The names under which a row may be typed.
#[derive(Debug)]
pub struct Names {
    /// The name printed, and accepted bare.
    pub name: &'static str,
    /// numpy attribute names: accepted after `np.` or `numpy.`, and bare.
    pub numpy: &'static [&'static str],
    /// Python `math` attribute names: accepted after `math.`, and bare.
    pub math: &'static [&'static str],
    /// Other bare names accepted (older spellings).
    pub bare: &'static [&'static str],
    /// Number of arguments, least and most.
    pub arity: (usize, usize),
    /// The name as MathML, for the typeset form.
    pub mathml: &'static str,
    /// One line for the README and messages: what it computes.
    pub about: &'static str,
}

/// f'(u), given the node `me` = f(u) and `u`; the chain rule's factor u' is
/// applied by the caller.
pub type Rule1 = fn(&mut Graph, Id, Id) -> Id;
/// The derivative of `me` = f(u, v), given u, v and their derivatives.
pub type Rule2 = fn(&mut Graph, Id, Id, Id, Id, Id) -> Id;
pub type Block1 = fn(&[f64], &mut [f64]);

pub struct Unary {
    pub fun: Fun1,
    pub names: Names,
    /// The value at one point: the only place single points compute f(a).
    pub point: fn(f64) -> f64,
    /// The value on a block of points, for grids: a fast kernel from
    /// `fastmath` where there is one, else the standard function lane by
    /// lane. Kept apart from `point` so the two can change separately.
    pub block: Block1,
    pub derivative: Rule1,
    /// Where f is not differentiable though defined (kinks and jumps).
    pub kink: Option<Kink1>,
    /// What makes the value NaN from a number, for "f is undefined here".
    pub nan: &'static str,
    /// At single points, for an argument or value beyond the doubles (see
    /// `wide`); reduces to the point evaluator. None: the point evaluator
    /// on the argument rounded to a double is right.
    pub wide: Option<fn(Wide) -> Wide>,
}

/// A kink or jump of a one-argument function: where it is (given the
/// argument) and why there is no derivative there; `{u}` in the text stands
/// for the argument as typed.
#[derive(Clone, Copy)]
pub struct Kink1 {
    pub at: fn(f64) -> bool,
    pub why: &'static str,
}

/// The same for two arguments, given u, v and the value f(u, v).
#[derive(Clone, Copy)]
pub struct Kink2 {
    pub at: fn(f64, f64, f64) -> bool,
    pub why: &'static str,
}

pub struct Binary {
    pub fun: Fun2,
    pub names: Names,
    /// The operator symbol for the infix operators (`+`, `^`), printed
    /// instead of a call.
    pub symbol: Option<&'static str>,
    pub point: fn(f64, f64) -> f64,
    /// The value on blocks of points, for grids (see `Unary::block`).
    pub block: fn(&[f64], &[f64], &mut [f64]),
    pub derivative: Rule2,
    pub kink: Option<Kink2>,
    pub nan: &'static str,
    pub wide: Option<fn(Wide, Wide) -> Wide>,
}

/// Calls that build other nodes: `square(u)` is u^2, `clip(x, a, b)` is
/// min(max(x, a), b) as numpy computes it.
pub struct Sugar {
    pub names: Names,
    pub build: fn(&mut Graph, &[Id]) -> Id,
}

const fn names(
    name: &'static str,
    numpy: &'static [&'static str],
    math: &'static [&'static str],
    arity: (usize, usize),
    mathml: &'static str,
    about: &'static str,
) -> Names {
    Names {
        name,
        numpy,
        math,
        bare: &[],
        arity,
        mathml,
        about,
    }
}

const ONE: (usize, usize) = (1, 1);
const TWO: (usize, usize) = (2, 2);

fn num(g: &mut Graph, v: f64) -> Id {
    g.num(v)
}

/// 1/d, the shape of most rules below.
fn recip(g: &mut Graph, d: Id) -> Id {
    let one = num(g, 1.0);
    g.div(one, d)
}

fn ln_of(g: &mut Graph, c: f64) -> Id {
    let n = num(g, c);
    g.un(Fun1::Ln, n)
}

// ---- point evaluators that are not a single std call ----

/// numpy's sign: 0 at ±0 (Rust's `signum` gives ±1 there), NaN at NaN.
fn sign(a: f64) -> f64 {
    if a > 0.0 {
        1.0
    } else if a < 0.0 {
        -1.0
    } else {
        a * 0.0 // 0 for ±0, NaN for NaN
    }
}

/// 1/(1 + e^-a) without overflow: for a < 0, e^a/(1 + e^a).
fn sigmoid(a: f64) -> f64 {
    if a >= 0.0 {
        1.0 / (1.0 + exactmath::exp(-a))
    } else {
        let e = exactmath::exp(a);
        e / (1.0 + e)
    }
}

fn relu(a: f64) -> f64 {
    if a > 0.0 {
        a
    } else {
        a * 0.0 + 0.0 // 0 for a ≤ 0 (never −0), NaN for NaN
    }
}

/// ln(1 + e^a) = max(a, 0) + ln(1 + e^-|a|): no overflow for large a, no
/// loss of the tiny value for very negative a.
fn softplus(a: f64) -> f64 {
    if a.is_nan() {
        return a;
    }
    a.max(0.0) + exactmath::log1p(exactmath::exp(-a.abs()))
}

/// numpy's floor modulo (npy_divmod): the result has the divisor's sign.
fn floor_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if b == 0.0 {
        return m;
    }
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

/// numpy's maximum and minimum: NaN in either argument gives NaN.
fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}
fn nan_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.min(b)
    }
}

/// numpy's heaviside(x, h0): 0 below 0, h0 at 0, 1 above, NaN for NaN.
fn heaviside(a: f64, h0: f64) -> f64 {
    if a > 0.0 {
        1.0
    } else if a < 0.0 {
        0.0
    } else if a == 0.0 {
        h0
    } else {
        a
    }
}

// ---- rules beyond the doubles (see `wide`), each reducing to a point
// evaluator ----

/// ln 2 in two parts; k·LN2_HI is exact for |k| < 2^20.
const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;

/// e^x = e^r·2^k with x = k·ln 2 + r.
fn w_exp(x: Wide) -> Wide {
    let v = x.to_f64();
    if v.is_nan() || v.abs() > 1e15 {
        return x.map(f64::exp);
    }
    let k = (v / std::f64::consts::LN_2).round();
    let r = (v - k * LN2_HI) - k * LN2_LO;
    Wide::from_parts(Fun1::Exp.apply(r), k as i64)
}
/// ln(m·2^e) = ln(m) + e·ln 2.
fn w_ln(x: Wide) -> Wide {
    match x.parts() {
        Some((m, e)) if m > 0.0 => {
            let e = e as f64;
            Wide::from_f64((Fun1::Ln.apply(m) + e * LN2_LO) + e * LN2_HI)
        }
        _ => x.map(f64::ln),
    }
}
fn w_log2(x: Wide) -> Wide {
    match x.parts() {
        Some((m, e)) if m > 0.0 => Wide::from_f64(Fun1::Log2.apply(m) + e as f64),
        _ => x.map(f64::log2),
    }
}
fn w_log10(x: Wide) -> Wide {
    w_ln(x).div(Wide::from_f64(std::f64::consts::LN_10))
}
/// For the functions with f(x) ≈ x near 0: below the doubles, f(x) = x.
fn tiny_or(x: Wide, f: Fun1) -> Wide {
    if x.tiny() {
        x
    } else {
        x.map(f.spec().point)
    }
}
fn w_log1p(x: Wide) -> Wide {
    match x.parts() {
        Some((_, e)) if e > 60 => w_ln(x),
        _ => tiny_or(x, Fun1::Log1p),
    }
}
fn w_expm1(x: Wide) -> Wide {
    if x.stand_in() > 0.0 && !x.tiny() {
        w_exp(x)
    } else {
        tiny_or(x, Fun1::Expm1)
    }
}
fn w_exp2(x: Wide) -> Wide {
    let v = x.to_f64();
    if v.is_nan() || v.abs() > 1e15 {
        return x.map(f64::exp2);
    }
    let k = v.floor();
    Wide::from_parts(Fun1::Exp2.apply(v - k), k as i64)
}
/// sqrt(m·2^e) with e made even.
fn w_sqrt(x: Wide) -> Wide {
    match x.parts() {
        Some((m, e)) if m > 0.0 => {
            let r = e.rem_euclid(2);
            Wide::from_parts(Fun1::Sqrt.apply(m * (1 << r) as f64), (e - r) / 2)
        }
        _ => x.map(f64::sqrt),
    }
}
fn w_cbrt(x: Wide) -> Wide {
    match x.parts() {
        Some((m, e)) => {
            let r = e.rem_euclid(3);
            Wide::from_parts(Fun1::Cbrt.apply(m * (1 << r) as f64), (e - r) / 3)
        }
        None => x.map(f64::cbrt),
    }
}
/// sinh and cosh far out are e^|x|/2 (with x's sign for sinh).
fn w_sinh(x: Wide) -> Wide {
    if x.tiny() {
        return x;
    }
    let h = w_exp(x.abs()).mul(Wide::from_f64(0.5));
    if x.stand_in() < 0.0 {
        h.neg()
    } else {
        h
    }
}
fn w_cosh(x: Wide) -> Wide {
    if x.tiny() {
        return Wide::from_f64(1.0);
    }
    w_exp(x.abs()).mul(Wide::from_f64(0.5))
}
/// σ(x) = e^x/(1 + e^x) is e^x to double precision far below 0.
fn w_sigmoid(x: Wide) -> Wide {
    if x.to_f64() < -700.0 {
        w_exp(x)
    } else {
        x.map(sigmoid)
    }
}
fn w_softplus(x: Wide) -> Wide {
    let v = x.to_f64();
    if v < -700.0 {
        w_exp(x)
    } else if v > 1e300 {
        x
    } else {
        x.map(softplus)
    }
}
fn w_relu(x: Wide) -> Wide {
    if x.stand_in() > 0.0 {
        x
    } else {
        x.map(relu)
    }
}
fn w_sign(x: Wide) -> Wide {
    Wide::from_f64(sign(x.stand_in()))
}
fn w_neg(x: Wide) -> Wide {
    x.neg()
}
fn w_abs(x: Wide) -> Wide {
    x.abs()
}
/// floor, ceil, round and trunc of a value beyond 2^52 are the value itself;
/// below the doubles they are 0, or -1 (floor) and 1 (ceil) by the sign.
fn w_integer(x: Wide, f: Fun1) -> Wide {
    if !x.tiny() {
        return match x.parts() {
            Some((_, e)) if e > 60 => x,
            _ => x.map(f.spec().point),
        };
    }
    let s = x.stand_in();
    Wide::from_f64(f.apply(s * 0.25))
}
/// One-line wide rules that share a body and differ in the row.
macro_rules! wide_rules {
    ($($name:ident => $f:ident($row:ident)),* $(,)?) => {
        $(fn $name(x: Wide) -> Wide {
            $f(x, Fun1::$row)
        })*
    };
}
wide_rules!(
    w_floor => w_integer(Floor),
    w_ceil => w_integer(Ceil),
    w_round => w_integer(Round),
    w_trunc => w_integer(Trunc),
    w_sin => tiny_or(Sin),
    w_tan => tiny_or(Tan),
    w_asin => tiny_or(Asin),
    w_atan => tiny_or(Atan),
    w_tanh => tiny_or(Tanh),
    w_atanh => tiny_or(Atanh),
);
fn w_asinh(x: Wide) -> Wide {
    match x.parts() {
        // asinh(x) = ln(2|x|) with x's sign, far out.
        Some((_, e)) if e > 60 => {
            let l = w_ln(x.abs().mul(Wide::from_f64(2.0)));
            if x.stand_in() < 0.0 {
                l.neg()
            } else {
                l
            }
        }
        _ => tiny_or(x, Fun1::Asinh),
    }
}

fn w_add(a: Wide, b: Wide) -> Wide {
    a.add(b)
}
fn w_sub(a: Wide, b: Wide) -> Wide {
    a.sub(b)
}
fn w_mul(a: Wide, b: Wide) -> Wide {
    a.mul(b)
}
fn w_div(a: Wide, b: Wide) -> Wide {
    a.div(b)
}
/// a^b: whole powers up to 1024 by repeated multiplication, other powers
/// as 2^(b·log2 a).
fn w_pow(a: Wide, b: Wide) -> Wide {
    let bv = b.to_f64();
    if a.special() || b.special() || !bv.is_finite() {
        return a.map2(b, f64::powf);
    }
    if bv.fract() == 0.0 && bv.abs() <= 1024.0 {
        let mut n = bv.abs() as u32;
        let (mut acc, mut base) = (Wide::from_f64(1.0), a);
        while n > 0 {
            if n & 1 == 1 {
                acc = acc.mul(base);
            }
            base = base.mul(base);
            n >>= 1;
        }
        return if bv < 0.0 {
            Wide::from_f64(1.0).div(acc)
        } else {
            acc
        };
    }
    if a.stand_in() < 0.0 {
        return Wide::NAN;
    }
    let l = w_log2(a).to_f64();
    w_exp2(Wide::from_f64(bv * l))
}
fn w_hypot(a: Wide, b: Wide) -> Wide {
    let (x, y, e) = a.common_scale(b);
    Wide::from_parts(Fun2::Hypot.apply(x, y), e)
}
fn w_atan2(a: Wide, b: Wide) -> Wide {
    let (x, y, _) = a.common_scale(b);
    Wide::from_f64(Fun2::Atan2.apply(x, y))
}
/// The larger or smaller by comparing wide values; a NaN decides as the
/// row's point evaluator says.
fn w_pick(a: Wide, b: Wide, f: Fun2, larger: bool) -> Wide {
    if a.is_nan() || b.is_nan() {
        return a.map2(b, f.spec().point);
    }
    let c = a.sign_of_difference(b);
    if (c >= 0.0) == larger {
        a
    } else {
        b
    }
}
fn w_max(a: Wide, b: Wide) -> Wide {
    w_pick(a, b, Fun2::Max, true)
}
fn w_min(a: Wide, b: Wide) -> Wide {
    w_pick(a, b, Fun2::Min, false)
}
fn w_fmax(a: Wide, b: Wide) -> Wide {
    w_pick(a, b, Fun2::Fmax, true)
}
fn w_fmin(a: Wide, b: Wide) -> Wide {
    w_pick(a, b, Fun2::Fmin, false)
}
fn w_heaviside(a: Wide, b: Wide) -> Wide {
    Wide::from_f64(heaviside(a.stand_in(), b.to_f64()))
}

// ---- derivative rules of the unary functions, f'(u) ----

fn d_neg(g: &mut Graph, _: Id, _: Id) -> Id {
    num(g, -1.0)
}
fn d_sqrt(g: &mut Graph, me: Id, _: Id) -> Id {
    let two = num(g, 2.0);
    let den = g.mul(two, me);
    recip(g, den)
}
fn d_self(_: &mut Graph, me: Id, _: Id) -> Id {
    me
}
fn d_ln(g: &mut Graph, _: Id, u: Id) -> Id {
    recip(g, u)
}
fn d_abs(g: &mut Graph, _: Id, u: Id) -> Id {
    g.un(Fun1::Sign, u)
}
fn d_sin(g: &mut Graph, _: Id, u: Id) -> Id {
    g.un(Fun1::Cos, u)
}
fn d_cos(g: &mut Graph, _: Id, u: Id) -> Id {
    let s = g.un(Fun1::Sin, u);
    g.neg(s)
}
/// 1/c(u)^2 for tan (c = cos) and tanh (c = cosh).
fn over_square(g: &mut Graph, c: Fun1, u: Id) -> Id {
    let two = num(g, 2.0);
    let c = g.un(c, u);
    let c2 = g.pow(c, two);
    recip(g, c2)
}
fn d_tan(g: &mut Graph, _: Id, u: Id) -> Id {
    over_square(g, Fun1::Cos, u)
}
fn d_tanh(g: &mut Graph, _: Id, u: Id) -> Id {
    over_square(g, Fun1::Cosh, u)
}
/// 1/sqrt(±1 ± u^2): the inverse trigonometric and hyperbolic rules.
fn over_root(g: &mut Graph, u: Id, one_minus: bool, sign: f64) -> Id {
    let two = num(g, 2.0);
    let one = num(g, 1.0);
    let u2 = g.pow(u, two);
    let r = if one_minus {
        g.sub(one, u2)
    } else if sign > 0.0 {
        g.add(u2, one)
    } else {
        g.sub(u2, one)
    };
    let s = g.un(Fun1::Sqrt, r);
    recip(g, s)
}
fn d_asin(g: &mut Graph, _: Id, u: Id) -> Id {
    over_root(g, u, true, 1.0)
}
fn d_acos(g: &mut Graph, me: Id, u: Id) -> Id {
    let q = d_asin(g, me, u);
    g.neg(q)
}
fn d_asinh(g: &mut Graph, _: Id, u: Id) -> Id {
    over_root(g, u, false, 1.0)
}
fn d_acosh(g: &mut Graph, _: Id, u: Id) -> Id {
    over_root(g, u, false, -1.0)
}
fn d_atan(g: &mut Graph, _: Id, u: Id) -> Id {
    let two = num(g, 2.0);
    let one = num(g, 1.0);
    let u2 = g.pow(u, two);
    let den = g.add(u2, one);
    recip(g, den)
}
fn d_atanh(g: &mut Graph, _: Id, u: Id) -> Id {
    let two = num(g, 2.0);
    let one = num(g, 1.0);
    let u2 = g.pow(u, two);
    let den = g.sub(one, u2);
    recip(g, den)
}
fn d_sinh(g: &mut Graph, _: Id, u: Id) -> Id {
    g.un(Fun1::Cosh, u)
}
fn d_cosh(g: &mut Graph, _: Id, u: Id) -> Id {
    g.un(Fun1::Sinh, u)
}
/// Piecewise constant: the derivative is 0 wherever it exists.
fn d_zero(g: &mut Graph, _: Id, _: Id) -> Id {
    num(g, 0.0)
}
/// 1/(u·ln(b)) for the base-b logarithms.
fn d_log_base(g: &mut Graph, u: Id, b: f64) -> Id {
    let l = ln_of(g, b);
    let den = g.mul(l, u);
    recip(g, den)
}
fn d_log10(g: &mut Graph, _: Id, u: Id) -> Id {
    d_log_base(g, u, 10.0)
}
fn d_log2(g: &mut Graph, _: Id, u: Id) -> Id {
    d_log_base(g, u, 2.0)
}
fn d_log1p(g: &mut Graph, _: Id, u: Id) -> Id {
    let one = num(g, 1.0);
    let den = g.add(u, one);
    recip(g, den)
}
fn d_expm1(g: &mut Graph, _: Id, u: Id) -> Id {
    g.un(Fun1::Exp, u)
}
fn d_exp2(g: &mut Graph, me: Id, _: Id) -> Id {
    let l = ln_of(g, 2.0);
    g.mul(l, me)
}
fn d_cbrt(g: &mut Graph, me: Id, _: Id) -> Id {
    let two = num(g, 2.0);
    let three = num(g, 3.0);
    let m2 = g.pow(me, two);
    let den = g.mul(three, m2);
    recip(g, den)
}
/// σ' = σ(1 − σ): no overflow where e^-u does.
fn d_sigmoid(g: &mut Graph, me: Id, _: Id) -> Id {
    let one = num(g, 1.0);
    let c = g.sub(one, me);
    g.mul(me, c)
}
fn d_relu(g: &mut Graph, _: Id, u: Id) -> Id {
    let zero = num(g, 0.0);
    g.bin(Fun2::Heaviside, u, zero)
}
fn d_softplus(g: &mut Graph, _: Id, u: Id) -> Id {
    g.un(Fun1::Sigmoid, u)
}

/// A block evaluator that applies `f` lane by lane (a fn item, so each
/// row's loop is compiled for its own function).
macro_rules! lanes {
    ($f:expr) => {{
        fn lanes(src: &[f64], dst: &mut [f64]) {
            for (d, &x) in dst.iter_mut().zip(src) {
                *d = $f(x);
            }
        }
        lanes
    }};
}

macro_rules! un {
    ($fun:ident, $names:expr, $point:expr, $block:expr, $d:ident $(, $k:ident = $v:expr)* $(,)?) => {
        Unary {
            fun: Fun1::$fun,
            names: $names,
            point: $point,
            block: $block,
            derivative: $d,
            kink: un_extra!(kink, None $(, $k = $v)*),
            nan: un_extra!(nan, "" $(, $k = $v)*),
            wide: un_extra!(wide, None $(, $k = $v)*),
        }
    };
}

/// The optional fields of a row: the value given for `$want`, or the default.
macro_rules! un_extra {
    ($want:ident, $default:expr) => { $default };
    (kink, $default:expr, kink = $v:expr $(, $k:ident = $w:expr)*) => { Some($v) };
    (nan, $default:expr, nan = $v:expr $(, $k:ident = $w:expr)*) => { $v };
    (wide, $default:expr, wide = $v:expr $(, $k:ident = $w:expr)*) => { Some($v) };
    ($want:ident, $default:expr, $k0:ident = $v0:expr $(, $k:ident = $w:expr)*) => {
        un_extra!($want, $default $(, $k = $w)*)
    };
}

/// The one-argument functions, in the order of `Fun1` (checked by a test),
/// so a row is found by indexing. The first rows are the order the
/// "unknown function" message lists them in.
pub static UNARY: [Unary; 31] = [
    un!(
        Neg,
        names("-", &[], &[], ONE, "<mo>\u{2212}</mo>", "negation"),
        |a| -a,
        lanes!(|a: f64| -a),
        d_neg,
        wide = w_neg
    ),
    un!(
        Sqrt,
        names(
            "sqrt",
            &["sqrt"],
            &["sqrt"],
            ONE,
            "<mi mathvariant=\"normal\">sqrt</mi>",
            "square root"
        ),
        f64::sqrt,
        lanes!(f64::sqrt),
        d_sqrt,
        nan = "the square root of a negative number",
        wide = w_sqrt
    ),
    un!(
        Exp,
        names(
            "exp",
            &["exp"],
            &["exp"],
            ONE,
            "<mi mathvariant=\"normal\">exp</mi>",
            "e to the power"
        ),
        exactmath::exp,
        fastmath::exp_block,
        d_self,
        wide = w_exp
    ),
    un!(
        Ln,
        Names {
            bare: &["log"],
            ..names(
                "ln",
                &["log"],
                &["log"],
                ONE,
                "<mi mathvariant=\"normal\">ln</mi>",
                "natural logarithm, typeset ln"
            )
        },
        exactmath::ln,
        fastmath::ln_block,
        d_ln,
        nan = "ln of a negative number",
        wide = w_ln
    ),
    un!(
        Abs,
        names(
            "abs",
            &["abs", "absolute", "fabs"],
            &["fabs"],
            ONE,
            "<mi mathvariant=\"normal\">abs</mi>",
            "absolute value"
        ),
        f64::abs,
        lanes!(f64::abs),
        d_abs,
        kink = Kink1 { at: |a| a == 0.0, why: "abs({u}) has a kink where {u} = 0: the slopes on its two sides are \u{2212}1 and 1. Deep-learning libraries use 0 here." },
        wide = w_abs
    ),
    un!(
        Sin,
        names(
            "sin",
            &["sin"],
            &["sin"],
            ONE,
            "<mi mathvariant=\"normal\">sin</mi>",
            "sine"
        ),
        exactmath::sin,
        fastmath::sin_block,
        d_sin,
        nan = "sin of an infinite number",
        wide = w_sin
    ),
    un!(
        Cos,
        names(
            "cos",
            &["cos"],
            &["cos"],
            ONE,
            "<mi mathvariant=\"normal\">cos</mi>",
            "cosine"
        ),
        exactmath::cos,
        fastmath::cos_block,
        d_cos,
        nan = "cos of an infinite number"
    ),
    un!(
        Tan,
        names(
            "tan",
            &["tan"],
            &["tan"],
            ONE,
            "<mi mathvariant=\"normal\">tan</mi>",
            "tangent"
        ),
        exactmath::tan,
        lanes!(f64::tan),
        d_tan,
        nan = "tan of an infinite number",
        wide = w_tan
    ),
    un!(
        Asin,
        names(
            "asin",
            &["arcsin", "asin"],
            &["asin"],
            ONE,
            "<mi mathvariant=\"normal\">arcsin</mi>",
            "inverse sine"
        ),
        exactmath::asin,
        lanes!(f64::asin),
        d_asin,
        nan = "asin of a number outside [\u{2212}1, 1]",
        wide = w_asin
    ),
    un!(
        Acos,
        names(
            "acos",
            &["arccos", "acos"],
            &["acos"],
            ONE,
            "<mi mathvariant=\"normal\">arccos</mi>",
            "inverse cosine"
        ),
        exactmath::acos,
        lanes!(f64::acos),
        d_acos,
        nan = "acos of a number outside [\u{2212}1, 1]"
    ),
    un!(
        Atan,
        names(
            "atan",
            &["arctan", "atan"],
            &["atan"],
            ONE,
            "<mi mathvariant=\"normal\">arctan</mi>",
            "inverse tangent"
        ),
        exactmath::atan,
        lanes!(f64::atan),
        d_atan,
        wide = w_atan
    ),
    un!(
        Sinh,
        names(
            "sinh",
            &["sinh"],
            &["sinh"],
            ONE,
            "<mi mathvariant=\"normal\">sinh</mi>",
            "hyperbolic sine"
        ),
        exactmath::sinh,
        lanes!(f64::sinh),
        d_sinh,
        wide = w_sinh
    ),
    un!(
        Cosh,
        names(
            "cosh",
            &["cosh"],
            &["cosh"],
            ONE,
            "<mi mathvariant=\"normal\">cosh</mi>",
            "hyperbolic cosine"
        ),
        exactmath::cosh,
        lanes!(f64::cosh),
        d_cosh,
        wide = w_cosh
    ),
    un!(
        Tanh,
        names(
            "tanh",
            &["tanh"],
            &["tanh"],
            ONE,
            "<mi mathvariant=\"normal\">tanh</mi>",
            "hyperbolic tangent"
        ),
        exactmath::tanh,
        lanes!(f64::tanh),
        d_tanh,
        wide = w_tanh
    ),
    un!(
        Asinh,
        names(
            "asinh",
            &["arcsinh", "asinh"],
            &["asinh"],
            ONE,
            "<mi mathvariant=\"normal\">arsinh</mi>",
            "inverse hyperbolic sine"
        ),
        exactmath::asinh,
        lanes!(f64::asinh),
        d_asinh,
        wide = w_asinh
    ),
    un!(
        Acosh,
        names(
            "acosh",
            &["arccosh", "acosh"],
            &["acosh"],
            ONE,
            "<mi mathvariant=\"normal\">arcosh</mi>",
            "inverse hyperbolic cosine"
        ),
        exactmath::acosh,
        lanes!(f64::acosh),
        d_acosh,
        nan = "acosh of a number below 1"
    ),
    un!(
        Atanh,
        names(
            "atanh",
            &["arctanh", "atanh"],
            &["atanh"],
            ONE,
            "<mi mathvariant=\"normal\">artanh</mi>",
            "inverse hyperbolic tangent"
        ),
        exactmath::atanh,
        lanes!(f64::atanh),
        d_atanh,
        nan = "atanh of a number outside [\u{2212}1, 1]",
        wide = w_atanh
    ),
    un!(
        Floor,
        names(
            "floor",
            &["floor"],
            &["floor"],
            ONE,
            "<mi mathvariant=\"normal\">floor</mi>",
            "largest integer ≤ x"
        ),
        f64::floor,
        lanes!(f64::floor),
        d_zero,
        kink = Kink1 { at: |a| a == a.floor(), why: "floor({u}) jumps by 1 where {u} is a whole number." },
        wide = w_floor
    ),
    un!(
        Ceil,
        names(
            "ceil",
            &["ceil"],
            &["ceil"],
            ONE,
            "<mi mathvariant=\"normal\">ceil</mi>",
            "smallest integer ≥ x"
        ),
        f64::ceil,
        lanes!(f64::ceil),
        d_zero,
        kink = Kink1 { at: |a| a == a.floor(), why: "ceil({u}) jumps by 1 where {u} is a whole number." },
        wide = w_ceil
    ),
    un!(
        Round,
        names(
            "round",
            &["round", "rint", "around"],
            &[],
            ONE,
            "<mi mathvariant=\"normal\">round</mi>",
            "nearest integer, ties to even (round(2.5) = 2)"
        ),
        f64::round_ties_even,
        lanes!(f64::round_ties_even),
        d_zero,
        kink = Kink1 { at: |a| a - a.floor() == 0.5, why: "round({u}) jumps by 1 where {u} is halfway between two whole numbers." },
        wide = w_round
    ),
    un!(
        Trunc,
        names(
            "trunc",
            &["trunc", "fix"],
            &["trunc"],
            ONE,
            "<mi mathvariant=\"normal\">trunc</mi>",
            "integer part, towards 0"
        ),
        f64::trunc,
        lanes!(f64::trunc),
        d_zero,
        kink = Kink1 { at: |a| a == a.floor() && a != 0.0, why: "trunc({u}) jumps by 1 where {u} is a whole number other than 0." },
        wide = w_trunc
    ),
    un!(
        Sign,
        Names {
            bare: &["signum"],
            ..names(
                "sign",
                &["sign"],
                &[],
                ONE,
                "<mi mathvariant=\"normal\">sign</mi>",
                "−1, 0 or 1; sign(0) = 0"
            )
        },
        sign,
        lanes!(sign),
        d_zero,
        kink = Kink1 { at: |a| a == 0.0, why: "sign({u}) jumps from \u{2212}1 to 1 where {u} = 0." },
        wide = w_sign
    ),
    un!(
        Log10,
        names(
            "log10",
            &["log10"],
            &["log10"],
            ONE,
            "<msub><mi mathvariant=\"normal\">log</mi><mn>10</mn></msub>",
            "base-10 logarithm"
        ),
        exactmath::log10,
        lanes!(f64::log10),
        d_log10,
        nan = "log10 of a negative number",
        wide = w_log10
    ),
    un!(
        Log2,
        names(
            "log2",
            &["log2"],
            &["log2"],
            ONE,
            "<msub><mi mathvariant=\"normal\">log</mi><mn>2</mn></msub>",
            "base-2 logarithm"
        ),
        exactmath::log2,
        lanes!(f64::log2),
        d_log2,
        nan = "log2 of a negative number",
        wide = w_log2
    ),
    un!(
        Log1p,
        names(
            "log1p",
            &["log1p"],
            &["log1p"],
            ONE,
            "<mi mathvariant=\"normal\">log1p</mi>",
            "ln(1 + x), accurate for small x"
        ),
        exactmath::log1p,
        lanes!(f64::ln_1p),
        d_log1p,
        nan = "log1p of a number below \u{2212}1",
        wide = w_log1p
    ),
    un!(
        Expm1,
        names(
            "expm1",
            &["expm1"],
            &["expm1"],
            ONE,
            "<mi mathvariant=\"normal\">expm1</mi>",
            "e^x − 1, accurate for small x"
        ),
        exactmath::expm1,
        lanes!(f64::exp_m1),
        d_expm1,
        wide = w_expm1
    ),
    un!(
        Exp2,
        names(
            "exp2",
            &["exp2"],
            &["exp2"],
            ONE,
            "<mi mathvariant=\"normal\">exp2</mi>",
            "2 to the power"
        ),
        exactmath::exp2,
        lanes!(f64::exp2),
        d_exp2,
        wide = w_exp2
    ),
    un!(
        Cbrt,
        names(
            "cbrt",
            &["cbrt"],
            &["cbrt"],
            ONE,
            "<mi mathvariant=\"normal\">cbrt</mi>",
            "cube root (negative for negative x)"
        ),
        exactmath::cbrt,
        lanes!(f64::cbrt),
        d_cbrt,
        wide = w_cbrt
    ),
    un!(
        Sigmoid,
        Names {
            bare: &["logistic", "expit"],
            ..names(
                "sigmoid",
                &[],
                &[],
                ONE,
                "<mi>\u{3c3}</mi>",
                "the logistic function 1/(1 + e^−x)"
            )
        },
        sigmoid,
        lanes!(sigmoid),
        d_sigmoid,
        wide = w_sigmoid
    ),
    un!(
        Relu,
        names(
            "relu",
            &[],
            &[],
            ONE,
            "<mi mathvariant=\"normal\">ReLU</mi>",
            "max(x, 0)"
        ),
        relu,
        lanes!(relu),
        d_relu,
        kink = Kink1 { at: |a| a == 0.0, why: "relu({u}) has a kink where {u} = 0: the slopes on its two sides are 0 and 1. Deep-learning libraries use 0 here." },
        wide = w_relu
    ),
    un!(
        Softplus,
        names(
            "softplus",
            &[],
            &[],
            ONE,
            "<mi mathvariant=\"normal\">softplus</mi>",
            "ln(1 + e^x), a smooth ReLU"
        ),
        softplus,
        lanes!(softplus),
        d_softplus,
        wide = w_softplus
    ),
];

impl Fun1 {
    pub const ALL: [Fun1; 31] = [
        Fun1::Neg,
        Fun1::Sqrt,
        Fun1::Exp,
        Fun1::Ln,
        Fun1::Abs,
        Fun1::Sin,
        Fun1::Cos,
        Fun1::Tan,
        Fun1::Asin,
        Fun1::Acos,
        Fun1::Atan,
        Fun1::Sinh,
        Fun1::Cosh,
        Fun1::Tanh,
        Fun1::Asinh,
        Fun1::Acosh,
        Fun1::Atanh,
        Fun1::Floor,
        Fun1::Ceil,
        Fun1::Round,
        Fun1::Trunc,
        Fun1::Sign,
        Fun1::Log10,
        Fun1::Log2,
        Fun1::Log1p,
        Fun1::Expm1,
        Fun1::Exp2,
        Fun1::Cbrt,
        Fun1::Sigmoid,
        Fun1::Relu,
        Fun1::Softplus,
    ];

    /// This function's row of the table.
    #[inline]
    pub fn spec(self) -> &'static Unary {
        &UNARY[self as usize]
    }

    /// The name printed (`Neg` has none but "-").
    pub fn name(self) -> &'static str {
        self.spec().names.name
    }

    /// The value at one point (see the module doc).
    #[inline]
    pub fn apply(self, a: f64) -> f64 {
        (self.spec().point)(a)
    }

    /// The value at one point, with no overflow or underflow on the way.
    pub fn apply_wide(self, a: Wide) -> Wide {
        let s = self.spec();
        a.apply(s.point, s.wide)
    }
}

// ---- derivative rules of the two-argument functions ----

fn d_add(g: &mut Graph, _: Id, _: Id, _: Id, du: Id, dv: Id) -> Id {
    g.add(du, dv)
}
fn d_sub(g: &mut Graph, _: Id, _: Id, _: Id, du: Id, dv: Id) -> Id {
    g.sub(du, dv)
}
fn d_mul(g: &mut Graph, _: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    let a = g.mul(du, v);
    let b = g.mul(u, dv);
    g.add(a, b)
}
fn d_div(g: &mut Graph, _: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    if g.as_num(dv) == Some(0.0) {
        return g.div(du, v);
    }
    // (u'v - uv') / v^2
    let two = num(g, 2.0);
    let a = g.mul(du, v);
    let b = g.mul(u, dv);
    let n = g.sub(a, b);
    let v2 = g.pow(v, two);
    g.div(n, v2)
}
/// u mod v = u − v·q with q = floor(u/v) (numpy's %) or trunc(u/v) (fmod);
/// either way q = (u − u mod v)/v, piecewise constant.
fn d_rem(g: &mut Graph, me: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    if g.as_num(dv) == Some(0.0) {
        return du;
    }
    let diff = g.sub(u, me);
    let q = g.div(diff, v);
    let p = g.mul(dv, q);
    g.sub(du, p)
}
fn d_pow(g: &mut Graph, me: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    let zero = num(g, 0.0);
    if dv == zero {
        // v·u^(v-1)·u'
        let one = num(g, 1.0);
        let vm1 = g.sub(v, one);
        let p = g.pow(u, vm1);
        let vp = g.mul(v, p);
        g.mul(vp, du)
    } else if du == zero {
        // u^v·ln(u)·v', with ln(10) kept as ln(10)
        let l = g.un(Fun1::Ln, u);
        let p = g.mul(me, l);
        g.mul(p, dv)
    } else {
        // u^v·(v'·ln(u) + v·u'/u)
        let l = g.un(Fun1::Ln, u);
        let a = g.mul(dv, l);
        let q = g.div(du, u);
        let b = g.mul(v, q);
        let s = g.add(a, b);
        g.mul(me, s)
    }
}
fn d_atan2(g: &mut Graph, _: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    // atan2(u, v): (v·u' - u·v') / (u^2 + v^2)
    let two = num(g, 2.0);
    let a = g.mul(v, du);
    let b = g.mul(u, dv);
    let n = g.sub(a, b);
    let u2 = g.pow(u, two);
    let v2 = g.pow(v, two);
    let den = g.add(u2, v2);
    g.div(n, den)
}
/// The derivative of the branch that is taken: for max, H(u − v)·u' +
/// H(v − u)·v', with H numpy's heaviside(·, 0); for min the comparisons
/// turn round.
fn select(g: &mut Graph, u: Id, v: Id, du: Id, dv: Id, max: bool) -> Id {
    let zero = num(g, 0.0);
    let mut terms = Vec::new();
    for (a, b, d) in [(u, v, du), (v, u, dv)] {
        if d != zero {
            let diff = if max { g.sub(a, b) } else { g.sub(b, a) };
            let h = g.bin(Fun2::Heaviside, diff, zero);
            terms.push(g.mul(h, d));
        }
    }
    match terms[..] {
        [a, b] => g.add(a, b),
        [a] => a,
        _ => zero,
    }
}
fn d_max(g: &mut Graph, _: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    select(g, u, v, du, dv, true)
}
fn d_min(g: &mut Graph, _: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    select(g, u, v, du, dv, false)
}
fn d_hypot(g: &mut Graph, me: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    // (u·u' + v·v') / hypot(u, v)
    let a = g.mul(u, du);
    let b = g.mul(v, dv);
    let s = g.add(a, b);
    g.div(s, me)
}
fn d_step(g: &mut Graph, _: Id, _: Id, _: Id, _: Id, _: Id) -> Id {
    num(g, 0.0)
}

/// `lanes!` for two arguments.
macro_rules! lanes2 {
    ($f:expr) => {{
        fn lanes(a: &[f64], b: &[f64], dst: &mut [f64]) {
            for ((d, &x), &y) in dst.iter_mut().zip(a).zip(b) {
                *d = $f(x, y);
            }
        }
        lanes
    }};
}

macro_rules! bin {
    ($fun:ident, $names:expr, $symbol:expr, $point:expr, $block:expr, $d:ident $(, $k:ident = $v:expr)* $(,)?) => {
        Binary {
            fun: Fun2::$fun,
            names: $names,
            symbol: $symbol,
            point: $point,
            block: $block,
            derivative: $d,
            kink: un_extra!(kink, None $(, $k = $v)*),
            nan: un_extra!(nan, "" $(, $k = $v)*),
            wide: un_extra!(wide, None $(, $k = $v)*),
        }
    };
}

/// Chains of two or more arguments fold into nested calls (max(a, b, c) =
/// max(max(a, b), c)); numpy's maximum takes exactly two, Python's max any.
const CHAIN: (usize, usize) = (1, usize::MAX);

/// The two-argument functions and operators, in the order of `Fun2`.
pub static BINARY: [Binary; 14] = [
    bin!(
        Add,
        names("+", &[], &[], TWO, "<mo>+</mo>", "addition"),
        Some(" + "),
        |a, b| a + b,
        lanes2!(|a: f64, b: f64| a + b),
        d_add,
        nan = "\u{221e} \u{2212} \u{221e}",
        wide = w_add
    ),
    bin!(
        Sub,
        names("-", &[], &[], TWO, "<mo>\u{2212}</mo>", "subtraction"),
        Some(" - "),
        |a, b| a - b,
        lanes2!(|a: f64, b: f64| a - b),
        d_sub,
        nan = "\u{221e} \u{2212} \u{221e}",
        wide = w_sub
    ),
    bin!(
        Mul,
        names("*", &[], &[], TWO, "<mo>\u{b7}</mo>", "multiplication"),
        Some("*"),
        |a, b| a * b,
        lanes2!(|a: f64, b: f64| a * b),
        d_mul,
        nan = "0\u{b7}\u{221e}",
        wide = w_mul
    ),
    bin!(
        Div,
        names("/", &[], &[], TWO, "<mo>/</mo>", "division"),
        Some("/"),
        |a, b| a / b,
        lanes2!(|a: f64, b: f64| a / b),
        d_div,
        nan = "0/0 or \u{221e}/\u{221e}",
        wide = w_div
    ),
    bin!(
        Rem,
        names(
            "%",
            &["mod", "remainder"],
            &[],
            TWO,
            "<mo>mod</mo>",
            "floor modulo, the divisor's sign (numpy's %: -4 % 1.5 = 0.5)"
        ),
        Some("%"),
        floor_mod,
        lanes2!(floor_mod),
        d_rem,
        kink = Kink2 { at: |_, b, m| m == 0.0 && b != 0.0, why: "{u} % {v} jumps where {u} is a multiple of {v}." },
        nan = "a remainder after dividing by 0, or of \u{221e}"
    ),
    bin!(
        Pow,
        names(
            "pow",
            &["power", "float_power"],
            &["pow"],
            TWO,
            "<mo>^</mo>",
            "a to the power b, as a^b and a**b"
        ),
        Some("^"),
        exactmath::pow,
        lanes2!(f64::powf),
        d_pow,
        nan = "a negative number to a power that is not a whole number; numpy gives nan too, and cbrt(x) is the real cube root",
        wide = w_pow
    ),
    bin!(
        Atan2,
        names(
            "atan2",
            &["arctan2", "atan2"],
            &["atan2"],
            TWO,
            "<mi mathvariant=\"normal\">atan2</mi>",
            "the angle of the point (b, a)"
        ),
        None,
        exactmath::atan2,
        lanes2!(f64::atan2),
        d_atan2,
        kink = Kink2 { at: |a, b, _| a == 0.0 && b <= 0.0, why: "atan2({u}, {v}) jumps by 2\u{3c0} where {u} = 0 and {v} < 0, and has no slope where both are 0." },
        wide = w_atan2
    ),
    bin!(
        Max,
        names(
            "max",
            &["maximum"],
            &[],
            CHAIN,
            "<mi mathvariant=\"normal\">max</mi>",
            "the larger; NaN if either is NaN (numpy's maximum)"
        ),
        None,
        nan_max,
        lanes2!(nan_max),
        d_max,
        kink = Kink2 { at: |a, b, _| a == b, why: "max({u}, {v}) has a kink where {u} = {v}: on each side it follows the larger one, and their slopes differ." },
        wide = w_max
    ),
    bin!(
        Min,
        names(
            "min",
            &["minimum"],
            &[],
            CHAIN,
            "<mi mathvariant=\"normal\">min</mi>",
            "the smaller; NaN if either is NaN (numpy's minimum)"
        ),
        None,
        nan_min,
        lanes2!(nan_min),
        d_min,
        kink = Kink2 { at: |a, b, _| a == b, why: "min({u}, {v}) has a kink where {u} = {v}: on each side it follows the smaller one, and their slopes differ." },
        wide = w_min
    ),
    bin!(
        Fmod,
        names(
            "fmod",
            &["fmod"],
            &["fmod"],
            TWO,
            "<mi mathvariant=\"normal\">fmod</mi>",
            "C's remainder, the dividend's sign (fmod(-4, 1.5) = -1)"
        ),
        None,
        |a, b| a % b,
        lanes2!(|a: f64, b: f64| a % b),
        d_rem,
        kink = Kink2 { at: |a, b, m| m == 0.0 && a != 0.0 && b != 0.0, why: "fmod({u}, {v}) jumps where {u} is a multiple of {v} other than 0." },
        nan = "a remainder after dividing by 0, or of \u{221e}"
    ),
    bin!(
        Fmax,
        names(
            "fmax",
            &["fmax"],
            &[],
            TWO,
            "<mi mathvariant=\"normal\">fmax</mi>",
            "the larger, ignoring a NaN"
        ),
        None,
        f64::max,
        lanes2!(f64::max),
        d_max,
        kink = Kink2 { at: |a, b, _| a == b, why: "fmax({u}, {v}) has a kink where {u} = {v}: on each side it follows the larger one, and their slopes differ." },
        wide = w_fmax
    ),
    bin!(
        Fmin,
        names(
            "fmin",
            &["fmin"],
            &[],
            TWO,
            "<mi mathvariant=\"normal\">fmin</mi>",
            "the smaller, ignoring a NaN"
        ),
        None,
        f64::min,
        lanes2!(f64::min),
        d_min,
        kink = Kink2 { at: |a, b, _| a == b, why: "fmin({u}, {v}) has a kink where {u} = {v}: on each side it follows the smaller one, and their slopes differ." },
        wide = w_fmin
    ),
    bin!(
        Hypot,
        names(
            "hypot",
            &["hypot"],
            &["hypot"],
            TWO,
            "<mi mathvariant=\"normal\">hypot</mi>",
            "sqrt(a^2 + b^2) without overflow"
        ),
        None,
        exactmath::hypot,
        lanes2!(f64::hypot),
        d_hypot,
        wide = w_hypot
    ),
    bin!(
        Heaviside,
        names(
            "heaviside",
            &["heaviside"],
            &[],
            TWO,
            "<mi>H</mi>",
            "step: 0 for a < 0, b at 0, 1 for a > 0"
        ),
        None,
        heaviside,
        lanes2!(heaviside),
        d_step,
        kink = Kink2 { at: |a, _, _| a == 0.0, why: "heaviside({u}, {v}) jumps from 0 to 1 where {u} = 0." },
        wide = w_heaviside
    ),
];

impl Fun2 {
    pub fn spec(self) -> &'static Binary {
        &BINARY[self as usize]
    }

    /// Builtins written as calls; the operators have no call name.
    pub fn call_name(self) -> Option<&'static str> {
        let s = self.spec();
        match s.symbol {
            Some(_) => None,
            None => Some(s.names.name),
        }
    }

    /// The value at one point (see the module doc).
    #[inline]
    pub fn apply(self, a: f64, b: f64) -> f64 {
        (self.spec().point)(a, b)
    }

    /// The value at one point, with no overflow or underflow on the way.
    pub fn apply_wide(self, a: Wide, b: Wide) -> Wide {
        let s = self.spec();
        a.apply2(b, s.point, s.wide)
    }
}

fn build_square(g: &mut Graph, a: &[Id]) -> Id {
    let two = g.num(2.0);
    g.pow(a[0], two)
}
fn build_clip(g: &mut Graph, a: &[Id]) -> Id {
    let lo = g.bin(Fun2::Max, a[0], a[1]);
    g.bin(Fun2::Min, lo, a[2])
}

pub static SUGAR: [Sugar; 2] = [
    Sugar {
        names: names("square", &["square"], &[], ONE, "", "x^2"),
        build: build_square,
    },
    Sugar {
        names: names(
            "clip",
            &["clip"],
            &[],
            (3, 3),
            "",
            "x held inside [a, b]: min(max(x, a), b)",
        ),
        build: build_clip,
    },
];

/// What a name typed as a call builds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Call {
    Un(Fun1),
    Bin(Fun2),
    Sugar(usize),
}

/// Where a name was typed: bare, after `np.`/`numpy.`, or after `math.`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefix {
    Bare,
    Numpy,
    Math,
}

/// Every row with its names and what calling it builds; operators without a
/// call name (`+`, `-`) are left out.
pub fn rows() -> impl Iterator<Item = (&'static Names, Call)> {
    let un = UNARY
        .iter()
        .filter(|u| u.fun != Fun1::Neg)
        .map(|u| (&u.names, Call::Un(u.fun)));
    let bin = BINARY
        .iter()
        .filter(|b| b.symbol.is_none() || b.fun == Fun2::Pow || b.fun == Fun2::Rem)
        .map(|b| (&b.names, Call::Bin(b.fun)));
    let sugar = SUGAR
        .iter()
        .enumerate()
        .map(|(k, s)| (&s.names, Call::Sugar(k)));
    un.chain(bin).chain(sugar)
}

/// The names under which `n` is callable: the printed name (if it is a
/// word) and every spelling.
fn accepts(n: &Names, name: &str, prefix: Prefix) -> bool {
    let word = n.name.chars().all(|c| c.is_ascii_alphanumeric());
    match prefix {
        Prefix::Bare => {
            (word && n.name == name)
                || n.numpy.contains(&name)
                || n.math.contains(&name)
                || n.bare.contains(&name)
        }
        Prefix::Numpy => n.numpy.contains(&name),
        Prefix::Math => n.math.contains(&name),
    }
}

/// The row a name typed as a call refers to.
pub fn lookup(name: &str, prefix: Prefix) -> Option<(&'static Names, Call)> {
    rows().find(|(n, _)| accepts(n, name, prefix))
}

/// The named constants, bare or after a prefix (np.pi, math.e).
pub fn constant(name: &str) -> Option<Konst> {
    match name {
        "pi" => Some(Konst::Pi),
        "e" => Some(Konst::E),
        _ => None,
    }
}

/// Every name a student may call, for the "unknown name" message.
pub fn function_list() -> String {
    let v: Vec<&str> = rows()
        .map(|(n, _)| n.name)
        .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    v.join(", ")
}

/// The README's list of functions, generated from the table (a test keeps
/// the README's copy in step).
pub fn function_list_markdown() -> String {
    let mut s = String::new();
    for (n, _) in rows() {
        let args = match n.arity {
            (1, 1) => "x",
            (2, 2) => "a, b",
            (3, 3) => "x, a, b",
            _ => "a, b, …",
        };
        let word = n.name.chars().all(|c| c.is_ascii_alphanumeric());
        let head = if word {
            format!("`{}({args})`", n.name)
        } else {
            format!("`a {} b`", n.name)
        };
        let also: Vec<String> = n
            .bare
            .iter()
            .map(|b| format!("`{b}`"))
            .chain(n.numpy.iter().map(|p| format!("`np.{p}`")))
            .chain(n.math.iter().map(|m| format!("`math.{m}`")))
            .collect();
        s.push_str(&format!("- {head}: {}", n.about));
        if !also.is_empty() {
            s.push_str(&format!("; also {}", also.join(", ")));
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_enum_order() {
        for (k, u) in UNARY.iter().enumerate() {
            assert_eq!(u.fun as usize, k, "{}", u.names.name);
        }
        assert_eq!(Fun1::ALL.len(), UNARY.len());
        for (k, f) in Fun1::ALL.iter().enumerate() {
            assert_eq!(*f as usize, k);
        }
        for (k, b) in BINARY.iter().enumerate() {
            assert_eq!(b.fun as usize, k, "{}", b.names.name);
        }
    }

    #[test]
    fn every_spelling_means_one_thing() {
        let mut seen: Vec<(&str, Prefix, Call)> = Vec::new();
        for (n, c) in rows() {
            for p in [Prefix::Bare, Prefix::Numpy, Prefix::Math] {
                let all = std::iter::once(&n.name)
                    .chain(n.numpy)
                    .chain(n.math)
                    .chain(n.bare);
                for name in all {
                    if accepts(n, name, p) {
                        if let Some(o) = seen.iter().find(|s| s.0 == *name && s.1 == p) {
                            assert_eq!(o.2, c, "{name} in two rows");
                        }
                        seen.push((name, p, c));
                        // The parser rewrites np.name to the bare name.
                        assert_eq!(lookup(name, Prefix::Bare).map(|r| r.1), Some(c), "{name}");
                    }
                }
            }
        }
    }

    /// The README's "What you may type" list is this table's, written out;
    /// run with GRADIENTS_WRITE_README=1 to rewrite it after changing a row.
    #[test]
    fn readme_lists_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
        let readme = std::fs::read_to_string(path).unwrap();
        let start = "<!-- functions: generated by gradients::functions::function_list_markdown(); a test keeps it in step -->\n";
        let end = "<!-- end of functions -->";
        let a = readme.find(start).expect("README marker") + start.len();
        let b = readme.find(end).expect("README end marker");
        let want = function_list_markdown();
        if std::env::var("GRADIENTS_WRITE_README").is_ok() {
            let new = format!("{}{}{}", &readme[..a], want, &readme[b..]);
            std::fs::write(path, new).unwrap();
            return;
        }
        assert_eq!(
            &readme[a..b],
            want,
            "README.md's function list is out of step with the table; rerun with GRADIENTS_WRITE_README=1"
        );
    }

    #[test]
    fn numpy_conventions() {
        // np.sign(0) = 0, np.sign(-0.0) = 0, np.sign(nan) = nan.
        assert_eq!(Fun1::Sign.apply(0.0), 0.0);
        assert_eq!(Fun1::Sign.apply(-0.0), 0.0);
        assert_eq!(Fun1::Sign.apply(-3.0), -1.0);
        assert!(Fun1::Sign.apply(f64::NAN).is_nan());
        // -4 % 1.5 = 0.5 and 4 % -1.5 = -0.5 in numpy; np.fmod(-4, 1.5) = -1.
        assert_eq!(Fun2::Rem.apply(-4.0, 1.5), 0.5);
        assert_eq!(Fun2::Rem.apply(4.0, -1.5), -0.5);
        assert_eq!(Fun2::Rem.apply(3.0, 1.5), 0.0);
        assert!(Fun2::Rem.apply(3.0, 0.0).is_nan());
        assert_eq!(Fun2::Fmod.apply(-4.0, 1.5), -1.0);
        // np.maximum propagates NaN; np.fmax ignores it.
        assert!(Fun2::Max.apply(f64::NAN, 1.0).is_nan());
        assert!(Fun2::Min.apply(1.0, f64::NAN).is_nan());
        assert_eq!(Fun2::Fmax.apply(f64::NAN, 1.0), 1.0);
        assert_eq!(Fun2::Fmin.apply(1.0, f64::NAN), 1.0);
        // np.round rounds ties to even.
        for (a, r) in [
            (2.5, 2.0),
            (3.5, 4.0),
            (-0.5, -0.0),
            (0.5, 0.0),
            (1.4999, 1.0),
        ] {
            assert_eq!(Fun1::Round.apply(a), r, "{a}");
        }
        assert_eq!(Fun1::Trunc.apply(-2.7), -2.0);
        assert_eq!(Fun1::Cbrt.apply(-27.0), -3.0);
        assert_eq!(Fun2::Hypot.apply(3e300, 4e300), 5e300);
        assert_eq!(Fun2::Heaviside.apply(0.0, 0.5), 0.5);
    }

    #[test]
    fn the_activation_functions_are_stable() {
        assert_eq!(Fun1::Sigmoid.apply(0.0), 0.5);
        assert_eq!(Fun1::Sigmoid.apply(-800.0), 0.0);
        assert_eq!(Fun1::Sigmoid.apply(800.0), 1.0);
        // σ(-40) = e^-40/(1 + e^-40), not 1 - (1 - tiny).
        assert!((Fun1::Sigmoid.apply(-40.0) / 4.248354255291589e-18 - 1.0).abs() < 1e-15);
        assert_eq!(Fun1::Softplus.apply(1000.0), 1000.0);
        assert!((Fun1::Softplus.apply(-40.0) / 4.248354255291589e-18 - 1.0).abs() < 1e-15);
        assert!((Fun1::Softplus.apply(0.0) - std::f64::consts::LN_2).abs() < 1e-16);
        assert_eq!(Fun1::Relu.apply(-2.0), 0.0);
        assert_eq!(Fun1::Relu.apply(-2.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(Fun1::Relu.apply(2.5), 2.5);
        assert!(Fun1::Relu.apply(f64::NAN).is_nan());
    }

    #[test]
    fn wide_evaluation_is_the_point_evaluator_in_range() {
        let xs = [
            -3.7, -1.0, -0.5, -1e-3, 0.0, 1e-300, 0.3, 0.5, 0.999, 1.0, 2.5, 7.0, 30.0, 650.0,
        ];
        for u in &UNARY {
            for &x in &xs {
                let want = (u.point)(x);
                let got = u.fun.apply_wide(Wide::from_f64(x)).to_f64();
                if want.is_finite() && (want == 0.0 || want.abs() >= f64::MIN_POSITIVE) {
                    assert_eq!(got.to_bits(), want.to_bits(), "{}({x})", u.names.name);
                }
            }
        }
        for b in &BINARY {
            for &x in &xs {
                for &y in &xs {
                    let want = (b.point)(x, y);
                    let got = b
                        .fun
                        .apply_wide(Wide::from_f64(x), Wide::from_f64(y))
                        .to_f64();
                    if want.is_finite() && (want == 0.0 || want.abs() >= f64::MIN_POSITIVE) {
                        assert!(got == want, "{}({x}, {y}): {got} vs {want}", b.names.name);
                    }
                }
            }
        }
    }

    #[test]
    fn wide_rules_beyond_the_doubles() {
        let w = Wide::from_f64;
        let un = |f: Fun1, x: Wide| f.apply_wide(x);
        let bin = |f: Fun2, x: Wide, y: Wide| f.apply_wide(x, y);
        let close = |a: f64, b: f64| (a - b).abs() <= 4e-16 * b.abs();
        // e^1000 is no double, but ln(e^1000) is.
        let big = un(Fun1::Exp, w(1000.0));
        assert_eq!(big.to_f64(), f64::INFINITY);
        assert!(close(un(Fun1::Ln, big).to_f64(), 1000.0));
        assert!(close(
            un(Fun1::Log2, un(Fun1::Exp2, w(-1100.0))).to_f64(),
            -1100.0
        ));
        assert!(close(
            un(Fun1::Log10, big).to_f64(),
            1000.0 / std::f64::consts::LN_10
        ));
        // sqrt and cbrt of values beyond the doubles.
        let sq = bin(Fun2::Mul, w(1e200), w(1e200));
        assert!(close(un(Fun1::Sqrt, sq).to_f64(), 1e200));
        let cube = bin(Fun2::Pow, w(1e-200), w(3.0));
        assert!(close(un(Fun1::Cbrt, cube).to_f64(), 1e-200));
        assert!(close(
            bin(Fun2::Div, cube, bin(Fun2::Mul, w(1e-200), w(1e-200))).to_f64(),
            1e-200
        ));
        // sinh/cosh far out, and their ratio.
        let r = bin(
            Fun2::Div,
            un(Fun1::Sinh, w(800.0)),
            un(Fun1::Cosh, w(800.0)),
        );
        assert_eq!(r.to_f64(), 1.0);
        let h = bin(Fun2::Hypot, sq, sq);
        assert!(close(
            bin(Fun2::Div, h, w(1e200)).to_f64(),
            2f64.sqrt() * 1e200
        ));
        assert!(close(
            bin(Fun2::Atan2, sq, sq).to_f64(),
            std::f64::consts::FRAC_PI_4
        ));
        // σ and softplus far below 0 are e^x, exactly enough to divide by it.
        let e = un(Fun1::Exp, w(-800.0));
        assert!(close(
            bin(Fun2::Div, un(Fun1::Sigmoid, w(-800.0)), e).to_f64(),
            1.0
        ));
        assert!(close(
            bin(Fun2::Div, un(Fun1::Softplus, w(-800.0)), e).to_f64(),
            1.0
        ));
        // Rounding functions of a tiny negative number.
        let tiny = bin(Fun2::Mul, w(-1e-300), w(1e-300));
        assert_eq!(un(Fun1::Floor, tiny).to_f64(), -1.0);
        assert_eq!(un(Fun1::Ceil, tiny).to_f64(), 0.0);
        assert_eq!(un(Fun1::Sign, tiny).to_f64(), -1.0);
        assert_eq!(bin(Fun2::Max, tiny, w(0.0)).to_f64(), 0.0);
        assert_eq!(bin(Fun2::Min, tiny, w(0.0)).to_f64(), -0.0);
        assert!(bin(Fun2::Min, tiny, w(f64::NAN)).is_nan());
    }

    #[test]
    fn names_resolve_with_their_prefix() {
        assert_eq!(
            lookup("log", Prefix::Numpy).map(|r| r.1),
            Some(Call::Un(Fun1::Ln))
        );
        assert_eq!(
            lookup("log", Prefix::Bare).map(|r| r.1),
            Some(Call::Un(Fun1::Ln))
        );
        assert_eq!(
            lookup("remainder", Prefix::Numpy).map(|r| r.1),
            Some(Call::Bin(Fun2::Rem))
        );
        // math.remainder is IEEE's remainder, not numpy's: not accepted.
        assert!(lookup("remainder", Prefix::Math).is_none());
        assert_eq!(
            lookup("fmod", Prefix::Math).map(|r| r.1),
            Some(Call::Bin(Fun2::Fmod))
        );
        assert!(lookup("maximum", Prefix::Math).is_none());
        assert_eq!(
            lookup("signum", Prefix::Bare).map(|r| r.1),
            Some(Call::Un(Fun1::Sign))
        );
        assert!(function_list().starts_with("sqrt, exp, ln"));
    }
}
