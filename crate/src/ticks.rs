//! Axis ticks at "nice" values (1, 2, 2.5 or 5 times a power of ten), as
//! matplotlib's default locator chooses them.

/// At most `max_ticks` round values covering [lo, hi], all inside it.
///
/// The step is the smallest nice one whose ticks *inside* the range number
/// at most `max_ticks` (counting from the range's width alone gives a single
/// "0" for [−0.9999, 0.9999]). An axis needs at least three ticks to be
/// read, so when no step gives between three and `max_ticks`, the one giving
/// the fewest ticks above three wins (it can be up to twice the budget;
/// the figure then labels every other tick).
pub fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || max_ticks < 2 {
        return Vec::new();
    }
    if lo == hi {
        return vec![lo];
    }
    let (lo, hi) = if lo < hi { (lo, hi) } else { (hi, lo) };
    let span = hi - lo;
    if !span.is_finite() {
        return Vec::new();
    }
    let count = |step: f64| ((hi / step + 1e-9).floor() - (lo / step - 1e-9).ceil() + 1.0).max(0.0);
    let want = 3.0_f64.min(max_ticks as f64);
    let top = span.log10().floor() as i32;
    let mut fits = None;
    let mut over = None;
    'search: for e in (top - 3)..=(top + 1) {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = m * 10f64.powi(e);
            let c = count(step);
            if c <= max_ticks as f64 {
                fits = Some((step, c));
                break 'search;
            }
            over = Some(step);
        }
    }
    let step = match (fits, over) {
        (Some((s, c)), _) if c >= want => s,
        (_, Some(s)) => s,
        (Some((s, _)), None) => s,
        (None, None) => return Vec::new(),
    };
    let first = (lo / step - 1e-9).ceil();
    let last = (hi / step + 1e-9).floor();
    let n = (last - first) as i64;
    // Snap away float dust such as 0.30000000000000004.
    let digits = (-step.log10().floor()).max(0.0) as i32 + 1;
    let p = 10f64.powi(digits);
    (0..=n.clamp(0, 1000))
        .map(|k| {
            let v = (first + k as f64) * step;
            let r = if digits > 0 && digits < 300 {
                (v * p).round() / p
            } else {
                v
            };
            if r == 0.0 {
                0.0
            } else {
                r
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_axes() {
        assert_eq!(nice_ticks(0.0, 4.0, 6), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(nice_ticks(-5.0, 5.0, 6), vec![-4.0, -2.0, 0.0, 2.0, 4.0]);
        assert_eq!(nice_ticks(-1.0, 1.0, 6), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
    }

    #[test]
    fn ticks_stay_inside_and_are_round() {
        for (lo, hi) in [(0.1, 0.35), (-3.7, 12.2), (1e-6, 3e-6), (100.0, 1e5)] {
            let t = nice_ticks(lo, hi, 7);
            assert!(t.len() >= 2 && t.len() <= 7, "{lo} {hi} {t:?}");
            assert!(t.iter().all(|&v| v >= lo - 1e-12 && v <= hi + 1e-12));
        }
        assert_eq!(nice_ticks(0.0, 0.3, 4), vec![0.0, 0.1, 0.2, 0.3]);
    }

    #[test]
    fn at_least_three_ticks_wherever_three_fit() {
        assert_eq!(nice_ticks(-0.9999, 0.9999, 3), vec![-0.5, 0.0, 0.5]);
        // Random ranges, at every scale, and tick budgets from 3 to 12.
        let mut seed = 12345u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..20_000 {
            let scale = 10f64.powf(rnd() * 40.0 - 20.0);
            let lo = (rnd() - 0.5) * 10.0 * scale;
            let hi = lo + (rnd() + 1e-3) * 5.0 * scale;
            let max = 3 + (rnd() * 10.0) as usize;
            let t = nice_ticks(lo, hi, max);
            assert!(
                t.len() >= 3 && t.len() <= 2 * max + 1,
                "{lo} {hi} {max} {t:?}"
            );
            let step = t[1] - t[0];
            assert!(
                t.iter()
                    .all(|&v| v >= lo - step * 1e-6 && v <= hi + step * 1e-6),
                "{lo} {hi} {t:?}"
            );
        }
    }
}
