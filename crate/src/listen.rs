//! What the page's descriptions and audio traces need beyond values: the
//! direction of a plane vector in words-ready degrees, and the places along a
//! sampled trace worth marking with a click (zeros, peaks and troughs), so
//! that the page's JavaScript does no maths of its own.

/// The angle of (dx, dy) in degrees in [0, 360), counter-clockwise from +x
/// (the mathematical convention); NaN for the zero or a non-finite vector.
pub fn direction_degrees(dx: f64, dy: f64) -> f64 {
    if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
        return f64::NAN;
    }
    let d = dy.atan2(dx).to_degrees();
    let d = if d < 0.0 { d + 360.0 } else { d };
    if d >= 360.0 {
        0.0
    } else {
        d
    }
}

/// A mark along a trace: where the value crosses (or touches) zero, and its
/// largest and smallest finite values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Zero = 0,
    Max = 1,
    Min = 2,
}

/// The marks of `values`, as (index, kind) in index order. A zero is marked
/// at the first sample of each sign change (or at an exact zero); the global
/// maximum and minimum once each, at their first occurrence (none when every
/// finite value is equal).
pub fn trace_marks(values: &[f64]) -> Vec<(usize, Mark)> {
    let mut out = Vec::new();
    let mut prev: Option<f64> = None;
    for (i, &v) in values.iter().enumerate() {
        if !v.is_finite() {
            prev = None;
            continue;
        }
        let crossed = match prev {
            Some(p) => (p < 0.0 && v >= 0.0) || (p > 0.0 && v <= 0.0),
            None => v == 0.0,
        };
        if crossed && !(prev == Some(0.0)) {
            out.push((i, Mark::Zero));
        }
        prev = Some(v);
    }
    let mut hi: Option<(usize, f64)> = None;
    let mut lo: Option<(usize, f64)> = None;
    for (i, &v) in values.iter().enumerate() {
        if !v.is_finite() {
            continue;
        }
        if hi.map_or(true, |(_, h)| v > h) {
            hi = Some((i, v));
        }
        if lo.map_or(true, |(_, l)| v < l) {
            lo = Some((i, v));
        }
    }
    if let (Some((ih, h)), Some((il, l))) = (hi, lo) {
        if h > l {
            out.push((ih, Mark::Max));
            out.push((il, Mark::Min));
        }
    }
    out.sort_by_key(|&(i, m)| (i, m as u8));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angles_follow_the_mathematical_convention() {
        assert_eq!(direction_degrees(1.0, 0.0), 0.0);
        assert!((direction_degrees(0.0, 1.0) - 90.0).abs() < 1e-12);
        assert!((direction_degrees(-1.0, 0.0) - 180.0).abs() < 1e-12);
        assert!((direction_degrees(0.0, -1.0) - 270.0).abs() < 1e-12);
        assert!((direction_degrees(0.439, 0.878) - 63.43).abs() < 0.01);
        assert!(direction_degrees(0.0, 0.0).is_nan());
        assert!(direction_degrees(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn marks_zeros_and_extremes() {
        let v = [1.0, 0.5, -0.5, -2.0, 0.0, 3.0];
        let m = trace_marks(&v);
        assert_eq!(
            m,
            vec![
                (2, Mark::Zero),
                (3, Mark::Min),
                (4, Mark::Zero),
                (5, Mark::Max)
            ]
        );
        assert!(trace_marks(&[2.0, 2.0]).is_empty());
        let gap = trace_marks(&[1.0, f64::NAN, -1.0]);
        assert_eq!(gap, vec![(0, Mark::Max), (2, Mark::Min)]);
    }
}
