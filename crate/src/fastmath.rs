//! Elementary functions for blocks of points, fast and within 2 ulp.
//!
//! In wasm, `f64::sin` and friends are software routines full of branches,
//! evaluated one value at a time. Here each function is written as one
//! branch-free pass over a block (argument reduction, a polynomial, a
//! reconstruction done with arithmetic and bit tricks instead of `if`), which
//! LLVM turns into two-lane SIMD (`f64x2`) when the wasm build enables
//! simd128. Arguments the fast path does not cover (very large, non-finite,
//! subnormal, out of range) are redone with the standard routine in a second,
//! rarely taken pass, so every input gets a correct answer.
//!
//! The polynomials are the classic minimax ones of fdlibm (Sun's freely
//! distributable libm, also behind musl and Rust's `libm`): published
//! constants, with the well-known error bounds under 1 ulp. Grid evaluation
//! uses these; single-point evaluation keeps the standard functions, so every
//! number printed on the page is the standard library's.

// The constants are written with all the digits they were published with.
#![allow(clippy::excessive_precision)]

/// Beyond this the 3-part reduction by π/2 is no longer exact enough.
const TRIG_MAX: f64 = 1.0e6;

// π/2 in three pieces: the first two have 33 significant bits, so j·piece is
// exact for |j| < 2^20 (fdlibm's pio2_1, pio2_2, pio2_2t).
const PIO2_1: f64 = 1.570_796_326_734_125_614_17e+00;
const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11;
const PIO2_3: f64 = 2.022_266_248_795_950_631_54e-21;
const INV_PIO2: f64 = std::f64::consts::FRAC_2_PI;

const S1: f64 = -1.666_666_666_666_663_243_48e-01;
const S2: f64 = 8.333_333_333_322_489_461_24e-03;
const S3: f64 = -1.984_126_982_985_794_931_34e-04;
const S4: f64 = 2.755_731_370_707_006_767_89e-06;
const S5: f64 = -2.505_076_025_340_686_341_95e-08;
const S6: f64 = 1.589_690_995_211_550_102_21e-10;

const C1: f64 = 4.166_666_666_666_660_190_37e-02;
const C2: f64 = -1.388_888_888_887_410_957_49e-03;
const C3: f64 = 2.480_158_728_947_672_941_78e-05;
const C4: f64 = -2.755_731_435_139_066_330_35e-07;
const C5: f64 = 2.087_572_321_298_174_827_90e-09;
const C6: f64 = -1.135_964_755_778_819_482_65e-11;

/// 1.5·2^52: adding it rounds to an integer and leaves that integer in the
/// low bits of the result, with no float→int conversion (which simd128 lacks
/// for 64-bit lanes).
const MAGIC: f64 = 6_755_399_441_055_744.0;

#[inline(always)]
fn round_magic(x: f64) -> f64 {
    (x + MAGIC) - MAGIC
}

/// sin and cos of r in [-π/4, π/4].
#[inline(always)]
fn kernel(r: f64) -> (f64, f64) {
    let z = r * r;
    let v = z * r;
    let ps = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    let s = r + v * (S1 + z * ps);
    let pc = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    let c = w + (((1.0 - w) - hz) + z * pc);
    (s, c)
}

/// Reduces x by multiples of π/2: returns r in [-π/4, π/4] and the quadrant
/// as two 0/1 floats (swap sin and cos; negate).
#[inline(always)]
fn reduce(x: f64) -> (f64, f64, f64) {
    let j = round_magic(x * INV_PIO2);
    let r = ((x - j * PIO2_1) - j * PIO2_2) - j * PIO2_3;
    let q = j - 4.0 * (j * 0.25).floor(); // 0, 1, 2 or 3
    let odd = q - 2.0 * (q * 0.5).floor();
    let high = (q * 0.5).floor();
    (r, odd, high)
}

fn fixup(src: &[f64], dst: &mut [f64], bad: impl Fn(f64) -> bool, exact: impl Fn(f64) -> f64) {
    // One branch-free scan (it vectorises); the per-lane pass only when needed.
    if !src.iter().fold(false, |any, &x| any | bad(x)) {
        return;
    }
    for (d, &x) in dst.iter_mut().zip(src) {
        if bad(x) {
            *d = exact(x);
        }
    }
}

fn trig_out_of_range(x: f64) -> bool {
    !(x.abs() < TRIG_MAX)
}

pub fn sin_block(src: &[f64], dst: &mut [f64]) {
    for (d, &x) in dst.iter_mut().zip(src) {
        let (r, odd, high) = reduce(x);
        let (s, c) = kernel(r);
        // Quadrants: sin, cos, -sin, -cos. Weights of exactly 0 and 1 blend exactly.
        let v = s * (1.0 - odd) + c * odd;
        *d = v * (1.0 - 2.0 * high);
    }
    fixup(src, dst, trig_out_of_range, f64::sin);
}

pub fn cos_block(src: &[f64], dst: &mut [f64]) {
    for (d, &x) in dst.iter_mut().zip(src) {
        let (r, odd, high) = reduce(x);
        let (s, c) = kernel(r);
        // Quadrants: cos, -sin, -cos, sin.
        let v = c * (1.0 - odd) + s * odd;
        let sign = 1.0 - 2.0 * (high + odd - 2.0 * high * odd);
        *d = v * sign;
    }
    fixup(src, dst, trig_out_of_range, f64::cos);
}

/// sin and cos of the same arguments with one reduction.
pub fn sin_cos_block(src: &[f64], sin: &mut [f64], cos: &mut [f64]) {
    for ((ds, dc), &x) in sin.iter_mut().zip(cos.iter_mut()).zip(src) {
        let (r, odd, high) = reduce(x);
        let (s, c) = kernel(r);
        let vs = s * (1.0 - odd) + c * odd;
        *ds = vs * (1.0 - 2.0 * high);
        let vc = c * (1.0 - odd) + s * odd;
        *dc = vc * (1.0 - 2.0 * (high + odd - 2.0 * high * odd));
    }
    fixup(src, sin, trig_out_of_range, f64::sin);
    fixup(src, cos, trig_out_of_range, f64::cos);
}

const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
const INV_LN2: f64 = std::f64::consts::LOG2_E;
const P1: f64 = 1.666_666_666_666_660_190_37e-01;
const P2: f64 = -2.777_777_777_701_559_338_42e-03;
const P3: f64 = 6.613_756_321_437_934_361_17e-05;
const P4: f64 = -1.653_390_220_546_525_153_90e-06;
const P5: f64 = 4.138_136_797_057_238_460_39e-08;

pub fn exp_block(src: &[f64], dst: &mut [f64]) {
    for (d, &x) in dst.iter_mut().zip(src) {
        // Clamp so the lanes the fix-up redoes stay harmless here.
        let xc = x.clamp(-700.0, 700.0);
        let t = xc * INV_LN2 + MAGIC;
        let k = t - MAGIC;
        let hi = xc - k * LN2_HI;
        let lo = k * LN2_LO;
        let r = hi - lo;
        let rr = r * r;
        let c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
        let y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        // 2^k from the integer left in t's low bits.
        let scale = f64::from_bits((t.to_bits().wrapping_add(1023)) << 52);
        *d = y * scale;
    }
    fixup(src, dst, |x| !(x.abs() <= 700.0), f64::exp);
}

const LG1: f64 = 6.666_666_666_666_735_130e-01;
const LG2: f64 = 3.999_999_999_940_941_908e-01;
const LG3: f64 = 2.857_142_874_366_239_149e-01;
const LG4: f64 = 2.222_219_843_214_978_396e-01;
const LG5: f64 = 1.818_357_216_161_805_012e-01;
const LG6: f64 = 1.531_383_769_920_937_332e-01;
const LG7: f64 = 1.479_819_860_511_658_591e-01;
const SQRT2: f64 = std::f64::consts::SQRT_2;
const TWO52: f64 = 4_503_599_627_370_496.0;

pub fn ln_block(src: &[f64], dst: &mut [f64]) {
    for (d, &x) in dst.iter_mut().zip(src) {
        let bits = x.to_bits();
        // Exponent as a float without an int→float conversion.
        let e = f64::from_bits(0x4330_0000_0000_0000 | ((bits >> 52) & 0x7ff)) - TWO52 - 1023.0;
        let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
        // Keep m in [√2/2, √2): halve it (exactly) and bump the exponent.
        let big = if m > SQRT2 { 1.0 } else { 0.0 };
        let m = m * (1.0 - 0.5 * big);
        let k = e + big;
        let f = m - 1.0;
        let s = f / (2.0 + f);
        let z = s * s;
        let w = z * z;
        let t1 = w * (LG2 + w * (LG4 + w * LG6));
        let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        let r = t2 + t1;
        let hfsq = 0.5 * f * f;
        *d = k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
    }
    // Zero, negatives, subnormals, inf and NaN: the standard routine.
    fixup(
        src,
        dst,
        |x| !(x >= f64::MIN_POSITIVE && x < f64::INFINITY),
        f64::ln,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place (0 for equal, inf for a sign or
    /// NaN mismatch).
    fn ulps(a: f64, b: f64) -> f64 {
        if a == b || (a.is_nan() && b.is_nan()) {
            return 0.0;
        }
        if a.is_nan() || b.is_nan() || a.is_sign_negative() != b.is_sign_negative() {
            // Across zero: measure in ulps of the smallest normal.
            return ((a - b).abs() / f64::MIN_POSITIVE).max(if a.is_nan() || b.is_nan() {
                f64::INFINITY
            } else {
                0.0
            });
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs() as f64
    }

    /// A spread of arguments: a fine sweep, exponentially spaced magnitudes,
    /// pseudo-random points and the awkward ones.
    fn args(lo: f64, hi: f64) -> Vec<f64> {
        let mut v: Vec<f64> = (0..200_001)
            .map(|i| lo + (hi - lo) * i as f64 / 200_000.0)
            .collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let u = (seed >> 11) as f64 / (1u64 << 53) as f64;
            v.push(lo + (hi - lo) * u);
        }
        for e in -60..60 {
            let m = 2f64.powi(e);
            for s in [1.0, -1.0, 1.37, -2.91] {
                let x = s * m;
                if x >= lo && x <= hi {
                    v.push(x);
                }
            }
        }
        v
    }

    fn worst(f: fn(&[f64], &mut [f64]), reference: fn(f64) -> f64, xs: &[f64]) -> (f64, f64) {
        let mut out = vec![0.0; xs.len()];
        f(xs, &mut out);
        xs.iter()
            .zip(&out)
            .map(|(&x, &y)| (ulps(y, reference(x)), x))
            .fold((0.0, 0.0), |a, b| if b.0 > a.0 { b } else { a })
    }

    #[test]
    fn trig_within_two_ulp() {
        for (lo, hi) in [(-10.0, 10.0), (-1e3, 1e3), (-1e6, 1e6)] {
            let xs = args(lo, hi);
            let (es, xs_) = worst(sin_block, f64::sin, &xs);
            let (ec, xc_) = worst(cos_block, f64::cos, &xs);
            println!("sin on [{lo}, {hi}]: max {es} ulp at {xs_}; cos: max {ec} ulp at {xc_}");
            assert!(es <= 2.0 && ec <= 2.0);
            let mut s = vec![0.0; xs.len()];
            let mut c = vec![0.0; xs.len()];
            sin_cos_block(&xs, &mut s, &mut c);
            let mut s2 = vec![0.0; xs.len()];
            let mut c2 = vec![0.0; xs.len()];
            sin_block(&xs, &mut s2);
            cos_block(&xs, &mut c2);
            assert_eq!(s, s2);
            assert_eq!(c, c2);
        }
    }

    #[test]
    fn exp_and_ln_within_two_ulp() {
        for (lo, hi) in [(-1.0, 1.0), (-50.0, 50.0), (-745.0, 710.0)] {
            let (e, x) = worst(exp_block, f64::exp, &args(lo, hi));
            println!("exp on [{lo}, {hi}]: max {e} ulp at {x}");
            assert!(e <= 2.0);
        }
        for (lo, hi) in [(1e-300, 1e-290), (0.5, 2.0), (1e-3, 1e3), (1.0, 1e300)] {
            let (e, x) = worst(ln_block, f64::ln, &args(lo, hi));
            println!("ln on [{lo}, {hi}]: max {e} ulp at {x}");
            assert!(e <= 2.0);
        }
    }

    #[test]
    fn special_values_match_the_standard_functions() {
        let xs = [
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1e300,
            -1e300,
            5e-324,
            -1.0,
            710.0,
            -746.0,
            1e6,
            1e7,
        ];
        for (f, r) in [
            (
                sin_block as fn(&[f64], &mut [f64]),
                f64::sin as fn(f64) -> f64,
            ),
            (cos_block, f64::cos),
            (exp_block, f64::exp),
            (ln_block, f64::ln),
        ] {
            let mut out = vec![0.0; xs.len()];
            f(&xs, &mut out);
            for (&x, &y) in xs.iter().zip(&out) {
                assert!(ulps(y, r(x)) <= 2.0, "{x}: {y} vs {}", r(x));
            }
        }
    }
}
