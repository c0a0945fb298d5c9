//! Numbers with a double's precision and a far wider exponent, for
//! evaluating at single points without overflow or underflow on the way.
//!
//! A derivative often passes through values no double holds while its own
//! value is an ordinary number: σ'(u) = e^-u/(1 + e^-u)^2 at u = −1600 is
//! ∞/∞ in doubles, sinh(u)/cosh(u) at u = 800 too, and at x = y = 1e−160 the
//! quotient rule's x^2·y^2 underflows to 0/0. Written as m·2^e with a 64-bit
//! e, those intermediates stay finite and the result is the true value
//! rounded to a double. Rather than rewrite each formula that can overflow
//! (exp of a difference, the log-sum-exp shift, hypot's scaling, ...), one
//! number type makes every formula safe from it.
//!
//! Arithmetic on `Wide` rounds exactly as doubles do (the significand is a
//! double; only the exponent is kept apart), so wherever no intermediate
//! leaves the double range the result is bit for bit what `f64` gives.
//! Functions go through each row's point evaluator in `functions`, on a
//! double; only arguments or results outside the double range take the
//! row's `wide` rule, which reduces them to the point evaluator too.

/// m·2^e. `m` is 0, ±∞ or NaN (then e = 0), or 1 ≤ |m| < 2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wide {
    m: f64,
    e: i64,
}

/// Exponents beyond this are ∞ or 0 whatever the significand: far beyond
/// any value an expression of at most a thousand characters can need.
const E_MAX: i64 = 1 << 40;

/// x = m·2^e with 1 ≤ |m| < 2, for a finite non-zero x.
fn frexp(x: f64) -> (f64, i64) {
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), 64)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1023 << 52));
    (m, e - bias)
}

/// 2^k for -1022 ≤ k ≤ 1023.
fn pow2(k: i64) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

impl Wide {
    pub const NAN: Wide = Wide { m: f64::NAN, e: 0 };

    fn new(m: f64, e: i64) -> Wide {
        if m == 0.0 || !m.is_finite() {
            return Wide { m, e: 0 };
        }
        let (m, k) = frexp(m);
        let e = e.saturating_add(k);
        if e > E_MAX {
            Wide {
                m: f64::INFINITY.copysign(m),
                e: 0,
            }
        } else if e < -E_MAX {
            Wide {
                m: 0.0f64.copysign(m),
                e: 0,
            }
        } else {
            Wide { m, e }
        }
    }

    pub fn from_f64(x: f64) -> Wide {
        Wide::new(x, 0)
    }

    /// The nearest double (one rounding, also into the subnormals).
    pub fn to_f64(self) -> f64 {
        let Wide { m, e } = self;
        if m == 0.0 || !m.is_finite() {
            return m;
        }
        if e > 1023 {
            return f64::INFINITY.copysign(m);
        }
        if e >= -1022 {
            return m * pow2(e);
        }
        if e < -1200 {
            return 0.0f64.copysign(m);
        }
        // Exact to 2^-1000·m, then one rounding into the subnormals.
        m * pow2(-1000) * pow2(e + 1000)
    }

    pub fn special(self) -> bool {
        self.m == 0.0 || !self.m.is_finite()
    }

    /// Whether the value is an ordinary double (normal, not over- or
    /// underflowing), so the plain point evaluator applies unchanged.
    fn in_range(self) -> bool {
        self.special() || (-1022..=1023).contains(&self.e)
    }

    /// A double with this value's sign, zero-ness and infinity: what decides
    /// products and quotients with 0 and ∞.
    pub fn stand_in(self) -> f64 {
        if self.special() {
            self.m
        } else {
            self.m.signum()
        }
    }

    pub fn is_nan(self) -> bool {
        self.m.is_nan()
    }

    pub fn abs(self) -> Wide {
        Wide {
            m: self.m.abs(),
            e: self.e,
        }
    }

    /// The sign of self − b: −1, 0, 1, or NaN.
    pub fn sign_of_difference(self, b: Wide) -> f64 {
        let d = self - b;
        if d.is_nan() {
            f64::NAN
        } else {
            d.stand_in().signum() * (d.m != 0.0) as i32 as f64
        }
    }

    /// f applied to this value as a double: the path for everything in range.
    pub fn map(self, f: fn(f64) -> f64) -> Wide {
        Wide::from_f64(f(self.to_f64()))
    }

    /// f of two values in range, as doubles.
    pub fn map2(self, b: Wide, f: fn(f64, f64) -> f64) -> Wide {
        Wide::from_f64(f(self.to_f64(), b.to_f64()))
    }

    /// A normal double: neither 0, ∞, NaN, nor beyond or below the doubles.
    fn ordinary(self) -> bool {
        !self.special() && (-1022..=1023).contains(&self.e)
    }

    /// The point evaluator when argument and result are ordinary doubles
    /// (0, ∞ and NaN arguments are exact doubles too), else the wide rule.
    pub fn apply(self, point: fn(f64) -> f64, wide: Option<fn(Wide) -> Wide>) -> Wide {
        let Some(w) = wide else {
            return self.map(point);
        };
        if self.special() {
            return self.map(point);
        }
        if self.in_range() {
            let y = self.map(point);
            if y.ordinary() || y.is_nan() {
                return y;
            }
        }
        w(self)
    }

    pub fn apply2(
        self,
        b: Wide,
        point: fn(f64, f64) -> f64,
        wide: Option<fn(Wide, Wide) -> Wide>,
    ) -> Wide {
        let Some(w) = wide else {
            return self.map2(b, point);
        };
        if self.in_range() && b.in_range() {
            let y = self.map2(b, point);
            if y.ordinary() || y.is_nan() {
                return y;
            }
        }
        w(self, b)
    }

    /// Whether this is a non-zero value below the smallest normal double.
    pub fn tiny(self) -> bool {
        !self.special() && self.e < -1022
    }

    /// The significand, exponent pair of a finite non-zero value.
    pub fn parts(self) -> Option<(f64, i64)> {
        if self.special() {
            None
        } else {
            Some((self.m, self.e))
        }
    }

    pub fn from_parts(m: f64, e: i64) -> Wide {
        Wide::new(m, e)
    }

    /// Both scaled by the same power of two so the larger is near 1: what
    /// atan2 and hypot need (their result depends on the ratio, or scales).
    pub fn common_scale(self, b: Wide) -> (f64, f64, i64) {
        let e = match (self.parts(), b.parts()) {
            (Some((_, x)), Some((_, y))) => x.max(y),
            (Some((_, x)), None) | (None, Some((_, x))) => x,
            (None, None) => 0,
        };
        let s = |w: Wide| match w.parts() {
            Some((m, k)) => Wide::new(m, k - e).to_f64(),
            None => w.m,
        };
        (s(self), s(b), e)
    }
}

// Arithmetic, rounding as doubles do (see the module doc).

impl std::ops::Neg for Wide {
    type Output = Wide;
    fn neg(self) -> Wide {
        Wide {
            m: -self.m,
            e: self.e,
        }
    }
}

impl std::ops::Add for Wide {
    type Output = Wide;
    fn add(self, b: Wide) -> Wide {
        if self.special() || b.special() {
            if self.special() && b.special() {
                return Wide::from_f64(self.m + b.m);
            }
            // 0 + b = b, ∞ + b = ∞, NaN + b = NaN.
            let keep_self = (self.special() && self.m != 0.0) || b.m == 0.0;
            return if keep_self { self } else { b };
        }
        let (big, small) = if self.e >= b.e { (self, b) } else { (b, self) };
        let d = big.e - small.e;
        if d > 60 {
            // Less than half an ulp of `big`: the rounded sum is `big`.
            return big;
        }
        Wide::new(big.m + small.m * pow2(-d), big.e)
    }
}

impl std::ops::Sub for Wide {
    type Output = Wide;
    fn sub(self, b: Wide) -> Wide {
        self + (-b)
    }
}

impl std::ops::Mul for Wide {
    type Output = Wide;
    fn mul(self, b: Wide) -> Wide {
        if self.special() || b.special() {
            return Wide::from_f64(self.stand_in() * b.stand_in());
        }
        Wide::new(self.m * b.m, self.e + b.e)
    }
}

impl std::ops::Div for Wide {
    type Output = Wide;
    fn div(self, b: Wide) -> Wide {
        if self.special() || b.special() {
            return Wide::from_f64(self.stand_in() / b.stand_in());
        }
        Wide::new(self.m / b.m, self.e - b.e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::{Add, Div, Mul, Sub};

    #[test]
    fn doubles_round_trip() {
        for x in [1.0, -3.5, 1e-310, 5e-324, 1.7e308, 0.1, -0.0, f64::INFINITY] {
            assert_eq!(Wide::from_f64(x).to_f64().to_bits(), x.to_bits(), "{x}");
        }
        assert!(Wide::from_f64(f64::NAN).to_f64().is_nan());
    }

    #[test]
    fn arithmetic_rounds_as_doubles_do() {
        let xs = [0.1, 3.0, -7.25, 1e-300, 2.5e300, 1.0 / 3.0];
        for &a in &xs {
            for &b in &xs {
                let (wa, wb) = (Wide::from_f64(a), Wide::from_f64(b));
                let same = |w: Wide, f: f64| {
                    // In range, bit for bit; out of range, the double over- or underflowed.
                    !(f.is_finite() && f.abs() >= f64::MIN_POSITIVE) || w.to_f64() == f
                };
                assert!(same(wa.add(wb), a + b), "{a} + {b}");
                assert!(same(wa.sub(wb), a - b), "{a} - {b}");
                assert!(same(wa.mul(wb), a * b), "{a} * {b}");
                assert!(same(wa.div(wb), a / b), "{a} / {b}");
            }
        }
    }

    #[test]
    fn no_overflow_on_the_way() {
        let big = Wide::from_f64(1e300);
        assert_eq!(big.mul(big).div(big).to_f64(), 1e300);
        let tiny = Wide::from_f64(1e-300);
        assert_eq!(tiny.mul(tiny).div(tiny.mul(tiny)).to_f64(), 1.0);
        assert_eq!(big.mul(big).to_f64(), f64::INFINITY);
        assert_eq!(tiny.mul(tiny).to_f64(), 0.0);
        assert_eq!(Wide::from_f64(0.0).mul(big.mul(big)).to_f64(), 0.0);
        assert!(Wide::from_f64(f64::INFINITY)
            .mul(Wide::from_f64(0.0))
            .is_nan());
        assert_eq!(big.mul(big).sign_of_difference(big), 1.0);
    }
}
