//! The 3D view of z = f(x, y): a grid of quadrilaterals, turned and tilted,
//! projected orthographically and sorted back to front (the painter's
//! algorithm), each coloured by the same map as the heatmap.
//!
//! Coordinates: the domain is scaled to [-1, 1] in x and y and the finite
//! range of f to [-h, h] in z, so any function fills the same box. The view
//! turns by `azimuth` about the vertical axis and looks down at `elevation`.
//! Screen coordinates are in box units, x to the right and y up; the page
//! scales them to pixels.

use crate::colormap::{finite_range, Map};

/// Half-height of the box relative to its half-width.
pub const HEIGHT: f64 = 0.7;

pub struct View {
    pub azimuth: f64,
    pub elevation: f64,
}

impl View {
    /// (screen x, screen y, depth towards the viewer) of a box point.
    pub fn project(&self, x: f64, y: f64, z: f64) -> (f64, f64, f64) {
        let (sa, ca) = self.azimuth.sin_cos();
        let (se, ce) = self.elevation.sin_cos();
        let x1 = x * ca - y * sa;
        let y1 = x * sa + y * ca;
        (x1, z * ce + y1 * se, z * se - y1 * ce)
    }
}

/// Values on an n × n grid (row-major, row 0 at ymin), projected: for each
/// visible quad, back to front, 8 screen coordinates then its RGBA packed as
/// one f64 (exact for 32 bits). Also returns the finite range of the values,
/// and the screen position of the highest point.
/// Data coordinates → box coordinates → screen, for lines drawn over the
/// surface (a slice, a tangent). `pts` holds x, y, z triples; returns
/// screen x, y pairs.
#[allow(clippy::too_many_arguments)]
pub fn project_points(
    pts: &[f64],
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
    zlo: f64,
    zhi: f64,
    view: &View,
) -> Vec<f64> {
    let zspan = if zhi > zlo { zhi - zlo } else { 1.0 };
    pts.chunks_exact(3)
        .flat_map(|p| {
            let bx = (p[0] - xmin) / (xmax - xmin) * 2.0 - 1.0;
            let by = (p[1] - ymin) / (ymax - ymin) * 2.0 - 1.0;
            let bz = ((p[2] - zlo) / zspan * 2.0 - 1.0) * HEIGHT;
            let (sx, sy, _) = view.project(bx, by, bz);
            [sx, sy]
        })
        .collect()
}

pub struct Mesh {
    pub quads: Vec<f64>,
    pub lo: f64,
    pub hi: f64,
    pub top: (f64, f64),
}

pub fn mesh(values: &[f64], n: usize, view: &View, map: Map) -> Mesh {
    let (lo, hi) = finite_range(values).unwrap_or((0.0, 0.0));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let zs = |v: f64| ((v - lo) / span * 2.0 - 1.0) * HEIGHT;
    let coord = |k: usize| -1.0 + 2.0 * k as f64 / (n - 1) as f64;
    let mut quads: Vec<(f64, [f64; 9])> = Vec::with_capacity((n - 1) * (n - 1));
    let mut top = (0.0, 0.0);
    let mut best = f64::NEG_INFINITY;
    for j in 0..n.saturating_sub(1) {
        for i in 0..n - 1 {
            let idx = [
                j * n + i,
                j * n + i + 1,
                (j + 1) * n + i + 1,
                (j + 1) * n + i,
            ];
            let v = idx.map(|k| values[k]);
            if v.iter().any(|x| !x.is_finite()) {
                continue;
            }
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let mut q = [0.0; 9];
            let mut depth = 0.0;
            for (c, &(a, b)) in corners.iter().enumerate() {
                let (sx, sy, d) = view.project(coord(a), coord(b), zs(v[c]));
                q[2 * c] = sx;
                q[2 * c + 1] = sy;
                depth += d;
                if v[c] > best {
                    best = v[c];
                    top = (sx, sy);
                }
            }
            let mean = (v[0] + v[1] + v[2] + v[3]) / 4.0;
            let [r, g, b] = map.rgb((mean - lo) / span);
            q[8] = f64::from(u32::from_be_bytes([r, g, b, 255]));
            quads.push((depth, q));
        }
    }
    quads.sort_by(|a, b| a.0.total_cmp(&b.0));
    Mesh {
        quads: quads.into_iter().flat_map(|(_, q)| q).collect(),
        lo,
        hi,
        top,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looking_straight_down_keeps_the_plan() {
        let v = View {
            azimuth: 0.0,
            elevation: std::f64::consts::FRAC_PI_2,
        };
        let (x, y, d) = v.project(0.3, -0.4, 0.5);
        assert!((x - 0.3).abs() < 1e-15 && (y + 0.4).abs() < 1e-15 && (d - 0.5).abs() < 1e-15);
    }

    #[test]
    fn quads_are_sorted_back_to_front_and_coloured() {
        // A tilted plane z = x + y on a 5 × 5 grid.
        let n = 5;
        let vals: Vec<f64> = (0..n * n).map(|k| (k % n + k / n) as f64).collect();
        let view = View {
            azimuth: 0.4,
            elevation: 0.5,
        };
        let m = mesh(&vals, n, &view, Map::Viridis);
        assert_eq!(m.quads.len(), 16 * 9);
        assert_eq!((m.lo, m.hi), (0.0, 8.0));
        // The top corner (value 8) is where the projection puts (1, 1, h).
        let (tx, ty, _) = view.project(1.0, 1.0, HEIGHT);
        assert!((m.top.0 - tx).abs() < 1e-12 && (m.top.1 - ty).abs() < 1e-12);
        // The highest quad has a colour near the top of the map.
        let colours: Vec<u32> = m.quads.chunks(9).map(|q| q[8] as u32).collect();
        let top_colour = Map::Viridis.rgb((7.0 - 0.0) / 8.0);
        assert!(colours.contains(&u32::from_be_bytes([
            top_colour[0],
            top_colour[1],
            top_colour[2],
            255
        ])));
    }

    #[test]
    fn holes_are_skipped() {
        let vals = [0.0, 1.0, f64::NAN, 1.0, 2.0, 3.0, 2.0, 3.0, 4.0];
        let m = mesh(
            &vals,
            3,
            &View {
                azimuth: 0.0,
                elevation: 0.6,
            },
            Map::Viridis,
        );
        // Of the four cells, only the one touching the NaN corner is dropped.
        assert_eq!(m.quads.len(), 3 * 9);
    }
}
