//! Colour maps and the heatmap raster.
//!
//! Values become RGBA bytes in one pass, written into a buffer the page shows
//! with `putImageData` without copying. The scale runs over finite values
//! only; a value that is not finite (a hole in the function's domain) is
//! painted fully transparent, so the page's "no data" pattern shows through
//! instead of a colour that would lie about the value.

use crate::colormap_data::{COOLWARM, VIRIDIS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Map {
    /// matplotlib's default: perceptually uniform, readable in grey.
    Viridis,
    /// Diverging, for signed quantities centred on zero.
    Coolwarm,
}

impl Map {
    pub fn from_name(name: &str) -> Option<Map> {
        match name {
            "viridis" => Some(Map::Viridis),
            "coolwarm" => Some(Map::Coolwarm),
            _ => None,
        }
    }

    fn table(self) -> &'static [[u8; 3]; 256] {
        match self {
            Map::Viridis => &VIRIDIS,
            Map::Coolwarm => &COOLWARM,
        }
    }

    /// The colour of `t` in [0, 1], indexed as matplotlib does (t·N,
    /// truncated, with t = 1 in the last bin).
    pub fn rgb(self, t: f64) -> [u8; 3] {
        let i = if t.is_nan() || t <= 0.0 {
            0
        } else {
            ((t * 256.0) as usize).min(255)
        };
        self.table()[i]
    }
}

/// Smallest and largest finite values; `None` if there are none.
pub fn finite_range(values: &[f64]) -> Option<(f64, f64)> {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for &v in values {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    (lo <= hi).then_some((lo, hi))
}

/// Writes RGBA for each value into `out` (4 bytes a value), normalising
/// [lo, hi] to [0, 1]. A flat field (lo = hi) takes the middle colour.
pub fn paint(values: &[f64], lo: f64, hi: f64, map: Map, out: &mut [u8]) {
    let span = hi - lo;
    let inv = if span > 0.0 && span.is_finite() {
        1.0 / span
    } else {
        0.0
    };
    for (v, px) in values.iter().zip(out.chunks_exact_mut(4)) {
        if v.is_finite() {
            let t = if inv == 0.0 { 0.5 } else { (v - lo) * inv };
            let [r, g, b] = map.rgb(t);
            px.copy_from_slice(&[r, g, b, 255]);
        } else {
            px.copy_from_slice(&[0, 0, 0, 0]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_and_middle_of_viridis() {
        // matplotlib: viridis(0, bytes=True) = (68, 1, 84), viridis(1, bytes=True) = (253, 231, 36).
        assert_eq!(Map::Viridis.rgb(0.0), [0x44, 0x01, 0x54]);
        assert_eq!(Map::Viridis.rgb(1.0), [253, 231, 36]);
        assert_eq!(Map::Viridis.rgb(0.5), VIRIDIS[128]);
        assert_eq!(Map::Viridis.rgb(0.499), VIRIDIS[127]);
    }

    #[test]
    fn coolwarm_is_blue_to_red() {
        let lo = Map::Coolwarm.rgb(0.0);
        let hi = Map::Coolwarm.rgb(1.0);
        assert!(lo[2] > lo[0] && hi[0] > hi[2]);
    }

    #[test]
    fn no_data_is_transparent_and_excluded_from_the_scale() {
        let v = [f64::NAN, 1.0, f64::INFINITY, 3.0, f64::NEG_INFINITY];
        assert_eq!(finite_range(&v), Some((1.0, 3.0)));
        let mut out = vec![9u8; 20];
        paint(&v, 1.0, 3.0, Map::Viridis, &mut out);
        assert_eq!(&out[0..4], &[0, 0, 0, 0]);
        assert_eq!(&out[4..8], &[0x44, 0x01, 0x54, 255]);
        assert_eq!(&out[8..12], &[0, 0, 0, 0]);
        assert_eq!(&out[12..16], &[253, 231, 36, 255]);
        assert_eq!(finite_range(&[f64::NAN]), None);
    }
}
