//! Axis ticks at "nice" values (1, 2, 2.5 or 5 times a power of ten), as
//! matplotlib's default locator chooses them.

/// At most `max_ticks` round values covering [lo, hi], all inside it.
pub fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || max_ticks < 2 {
        return Vec::new();
    }
    if lo == hi {
        return vec![lo];
    }
    let (lo, hi) = if lo < hi { (lo, hi) } else { (hi, lo) };
    let raw = (hi - lo) / (max_ticks - 1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| (hi - lo) / s <= (max_ticks - 1) as f64 + 1e-9)
        .unwrap_or(10.0 * mag);
    let first = (lo / step - 1e-9).ceil();
    let last = (hi / step + 1e-9).floor();
    let n = (last - first) as i64;
    (0..=n.clamp(0, 1000))
        .map(|k| {
            let v = (first + k as f64) * step;
            // Snap away float dust such as 0.30000000000000004.
            let digits = (-step.log10().floor()).max(0.0) as i32 + 1;
            let p = 10f64.powi(digits);
            let r = (v * p).round() / p;
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
}
