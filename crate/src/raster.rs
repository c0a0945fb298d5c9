//! A small depth-buffered rasteriser: triangles, convex polygons, thick
//! lines and discs written into an RGBA buffer with one depth per pixel.
//!
//! Why a depth buffer and not the painter's algorithm: a cutting plane, a
//! tangent plane or a curve lying on a surface intersects the surface's
//! facets, and no back-to-front order of whole facets can draw that right.
//! Comparing depth per pixel hides exactly what is behind, wherever it is.
//!
//! Conventions: pixel (i, j) covers [i, i+1) × [j, j+1) with j down the
//! screen; a shape covers the pixel when it contains the pixel's centre
//! (edges included). Depth grows towards the viewer, so a pixel is drawn
//! when its depth is at least the stored one. Orthographic projection keeps
//! depth linear in screen space, so interpolating it across a shape is exact.

// `!(a > b)` is deliberate throughout: it is also true when a value is NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

/// How a shape uses the depth buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Opaque: drawn where nearest, and records its depth.
    Write,
    /// Translucent: drawn where nearest, but what lies behind it stays
    /// visible through it, so it records nothing.
    Test,
    /// Always drawn (tick marks outside the box).
    Ignore,
}

pub struct Target {
    pub w: usize,
    pub h: usize,
    pub rgba: Vec<u8>,
    pub depth: Vec<f32>,
}

fn edge(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
}

/// Blends `c` (alpha in c[3]) scaled by `cov` over the pixel `px`.
#[inline]
fn blend(px: &mut [u8], c: [u8; 4], cov: f64) {
    if c[3] == 255 && cov >= 1.0 {
        px.copy_from_slice(&[c[0], c[1], c[2], 255]);
        return;
    }
    // Integer blend with weight a/256 of the new colour.
    let a = ((f64::from(c[3]) * cov.clamp(0.0, 1.0)) as u32 * 257) >> 8;
    for k in 0..3 {
        px[k] = ((u32::from(px[k]) * (256 - a) + u32::from(c[k]) * a + 128) >> 8) as u8;
    }
    px[3] = 255;
}

impl Target {
    pub fn new(w: usize, h: usize) -> Target {
        let mut t = Target {
            w: 0,
            h: 0,
            rgba: Vec::new(),
            depth: Vec::new(),
        };
        t.resize(w, h);
        t
    }

    pub fn resize(&mut self, w: usize, h: usize) {
        self.w = w;
        self.h = h;
        self.rgba.resize(4 * w * h, 0);
        self.depth.resize(w * h, f32::NEG_INFINITY);
    }

    pub fn clear(&mut self, bg: [u8; 4]) {
        for px in self.rgba.chunks_exact_mut(4) {
            px.copy_from_slice(&bg);
        }
        self.depth.fill(f32::NEG_INFINITY);
    }

    /// Depth test for pixel `i` at depth `d`.
    #[inline]
    fn passes(&self, i: usize, d: f64, mode: Depth) -> bool {
        mode == Depth::Ignore || d as f32 >= self.depth[i]
    }

    /// Fills the triangle `v` (screen x, y in pixels, depth). For each
    /// covered pixel that passes the depth test, `colour` gets the pixel's
    /// index and barycentric weights of v[0], v[1], v[2], and returns the
    /// colour to blend (or `None` to leave the pixel alone).
    pub fn triangle<F>(&mut self, v: [[f64; 3]; 3], mode: Depth, mut colour: F)
    where
        F: FnMut(usize, [f64; 3]) -> Option<[u8; 4]>,
    {
        let p = v.map(|q| [q[0], q[1]]);
        let area = edge(p[0], p[1], p[2]);
        if !(area.abs() > 1e-12) {
            return;
        }
        let inv = 1.0 / area;
        let Some((i0, i1, j0, j1)) = self.cover(&v) else {
            return;
        };
        // Weights are affine in the pixel position: step them along a row.
        let a0 = -(p[2][1] - p[1][1]) * inv;
        let a1 = -(p[0][1] - p[2][1]) * inv;
        let a2 = -a0 - a1;
        let eps = -1e-9;
        for j in j0..=j1 {
            let c = [i0 as f64 + 0.5, j as f64 + 0.5];
            let w0s = edge(p[1], p[2], c) * inv;
            let w1s = edge(p[2], p[0], c) * inv;
            // The row's span: where each weight, affine along the row, is
            // non-negative (one pixel of slack; the test below decides).
            let (mut lo, mut hi) = (0.0f64, (i1 - i0) as f64);
            for (ws, a) in [(w0s, a0), (w1s, a1), (1.0 - w0s - w1s, a2)] {
                if a > 0.0 {
                    lo = lo.max(((eps - ws) / a).floor() - 1.0);
                } else if a < 0.0 {
                    hi = hi.min(((eps - ws) / a).ceil() + 1.0);
                } else if ws < eps {
                    hi = -1.0;
                }
            }
            if !(lo <= hi) {
                continue;
            }
            let (lo, hi) = (lo as usize, hi as usize);
            let mut w0 = w0s + a0 * lo as f64;
            let mut w1 = w1s + a1 * lo as f64;
            for i in i0 + lo..=i0 + hi {
                let w2 = 1.0 - w0 - w1;
                if w0 >= eps && w1 >= eps && w2 >= eps {
                    let d = w0 * v[0][2] + w1 * v[1][2] + w2 * v[2][2];
                    let k = j * self.w + i;
                    if self.passes(k, d, mode) {
                        if let Some(c) = colour(k, [w0, w1, w2]) {
                            blend(&mut self.rgba[4 * k..4 * k + 4], c, 1.0);
                            if mode == Depth::Write {
                                self.depth[k] = d as f32;
                            }
                        }
                    }
                }
                w0 += a0;
                w1 += a1;
            }
        }
    }

    /// A convex polygon of one colour, filled once per pixel (two triangles
    /// would blend a translucent seam along their shared edge).
    pub fn polygon(&mut self, v: &[[f64; 3]], mode: Depth, c: [u8; 4]) {
        if v.len() < 3 {
            return;
        }
        // Depth is a plane over the screen: fit it on the widest corner.
        let mut best = (0.0, 1, 2);
        for a in 1..v.len() {
            for b in a + 1..v.len() {
                let ar = edge([v[0][0], v[0][1]], [v[a][0], v[a][1]], [v[b][0], v[b][1]]);
                if ar.abs() > f64::abs(best.0) {
                    best = (ar, a, b);
                }
            }
        }
        let (area, a, b) = best;
        if !(area.abs() > 1e-12) {
            return;
        }
        // Depth as a plane over the screen, d = gx·x + gy·y + d0, from the
        // three corners spanning the largest area.
        let (p0, pa, pb) = (v[0], v[a], v[b]);
        let (ux, uy, ud) = (pa[0] - p0[0], pa[1] - p0[1], pa[2] - p0[2]);
        let (vx, vy, vd) = (pb[0] - p0[0], pb[1] - p0[1], pb[2] - p0[2]);
        let gx = (ud * vy - vd * uy) / area;
        let gy = (vd * ux - ud * vx) / area;
        let d0 = p0[2] - gx * p0[0] - gy * p0[1];
        let Some((i0, i1, j0, j1)) = self.cover(v) else {
            return;
        };
        for j in j0..=j1 {
            // A convex polygon meets each row in one span: between the
            // edges' crossings of the row's centre line.
            let py = j as f64 + 0.5;
            let (mut xl, mut xr) = (f64::INFINITY, f64::NEG_INFINITY);
            for k in 0..v.len() {
                let (s, e) = (v[k], v[(k + 1) % v.len()]);
                if (s[1] <= py && py <= e[1]) || (e[1] <= py && py <= s[1]) {
                    if (e[1] - s[1]).abs() < 1e-12 {
                        xl = xl.min(s[0].min(e[0]));
                        xr = xr.max(s[0].max(e[0]));
                    } else {
                        let x = s[0] + (py - s[1]) * (e[0] - s[0]) / (e[1] - s[1]);
                        xl = xl.min(x);
                        xr = xr.max(x);
                    }
                }
            }
            if !(xl <= xr) {
                continue;
            }
            // Pixels whose centre lies in [xl, xr].
            let lo = ((xl - 0.5 - 1e-9).ceil().max(i0 as f64)) as usize;
            let hi = (xr - 0.5 + 1e-9).floor().min(i1 as f64);
            if hi < lo as f64 {
                continue;
            }
            for i in lo..=hi as usize {
                let d = gx * (i as f64 + 0.5) + gy * py + d0;
                let k = j * self.w + i;
                if self.passes(k, d, mode) {
                    blend(&mut self.rgba[4 * k..4 * k + 4], c, 1.0);
                    if mode == Depth::Write {
                        self.depth[k] = d as f32;
                    }
                }
            }
        }
    }

    /// A line of `width` pixels from `a` to `b`, its edges smoothed by
    /// coverage; depth interpolated along it.
    pub fn segment(&mut self, a: [f64; 3], b: [f64; 3], width: f64, c: [u8; 4], mode: Depth) {
        let r = width / 2.0;
        let Some((i0, i1, j0, j1)) = self.span(
            a[0].min(b[0]) - r - 1.0,
            a[0].max(b[0]) + r + 1.0,
            a[1].min(b[1]) - r - 1.0,
            a[1].max(b[1]) + r + 1.0,
        ) else {
            return;
        };
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len2 = dx * dx + dy * dy;
        // Per row, only the pixels near the line: a long diagonal line would
        // otherwise visit its whole bounding box.
        let slope = if dy.abs() > 1e-9 { dx / dy } else { f64::NAN };
        let reach = (r + 1.5) * (len2.sqrt() / dy.abs().max(1e-9));
        for j in j0..=j1 {
            let py = j as f64 + 0.5;
            let (mut lo, mut hi) = (i0, i1);
            if slope.is_finite() && reach.is_finite() {
                let xc = a[0] + (py - a[1]) * slope;
                lo = lo.max((xc - reach).floor().max(0.0) as usize);
                hi = hi.min((xc + reach).ceil().max(0.0) as usize);
            }
            for i in lo..=hi {
                let px = i as f64 + 0.5;
                let t = if len2 > 0.0 {
                    (((px - a[0]) * dx + (py - a[1]) * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (ex, ey) = (px - a[0] - t * dx, py - a[1] - t * dy);
                let dist = (ex * ex + ey * ey).sqrt();
                let cov = (r + 0.5 - dist).min(1.0);
                if cov <= 0.0 {
                    continue;
                }
                let d = a[2] + t * (b[2] - a[2]);
                self.plot(j * self.w + i, d, c, cov, mode);
            }
        }
    }

    /// A filled disc of radius `r` pixels, facing the viewer.
    pub fn disc(&mut self, centre: [f64; 3], r: f64, c: [u8; 4], mode: Depth) {
        let Some((i0, i1, j0, j1)) = self.span(
            centre[0] - r - 1.0,
            centre[0] + r + 1.0,
            centre[1] - r - 1.0,
            centre[1] + r + 1.0,
        ) else {
            return;
        };
        for j in j0..=j1 {
            for i in i0..=i1 {
                let (ex, ey) = (i as f64 + 0.5 - centre[0], j as f64 + 0.5 - centre[1]);
                let dist = (ex * ex + ey * ey).sqrt();
                let cov = (r + 0.5 - dist).min(1.0);
                if cov > 0.0 {
                    self.plot(j * self.w + i, centre[2], c, cov, mode);
                }
            }
        }
    }

    #[inline]
    fn plot(&mut self, k: usize, d: f64, c: [u8; 4], cov: f64, mode: Depth) {
        if !self.passes(k, d, mode) {
            return;
        }
        blend(&mut self.rgba[4 * k..4 * k + 4], c, cov);
        // Only the solid core of a line hides what comes later: its smoothed
        // rim must not cut notches into a surface drawn behind it.
        if mode == Depth::Write && cov >= 0.5 {
            self.depth[k] = self.depth[k].max(d as f32);
        }
    }

    /// Whole-pixel bounds of the screen points `v`, clipped to the target.
    fn cover(&self, v: &[[f64; 3]]) -> Option<(usize, usize, usize, usize)> {
        let lo = |k: usize| v.iter().map(|q| q[k]).fold(f64::INFINITY, f64::min);
        let hi = |k: usize| v.iter().map(|q| q[k]).fold(f64::NEG_INFINITY, f64::max);
        self.span(lo(0), hi(0), lo(1), hi(1))
    }

    /// Whole-pixel bounds of a box, clipped to the target; `None` if empty.
    fn span(&self, x0: f64, x1: f64, y0: f64, y1: f64) -> Option<(usize, usize, usize, usize)> {
        if !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite()) {
            return None;
        }
        if self.w == 0 || self.h == 0 || x1 < 0.0 || y1 < 0.0 {
            return None;
        }
        let i0 = x0.floor().max(0.0) as usize;
        let j0 = y0.floor().max(0.0) as usize;
        let i1 = (x1.floor() as usize).min(self.w - 1);
        let j1 = (y1.floor() as usize).min(self.h - 1);
        (i0 <= i1 && j0 <= j1).then_some((i0, i1, j0, j1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: [u8; 4] = [255, 0, 0, 255];
    const BLUE: [u8; 4] = [0, 0, 255, 255];

    fn covered(t: &Target, c: [u8; 4]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for j in 0..t.h {
            for i in 0..t.w {
                if t.rgba[4 * (j * t.w + i)..4 * (j * t.w + i) + 4] == c {
                    out.push((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn a_known_triangle_covers_the_pixels_whose_centres_it_contains() {
        // The right triangle (0,0), (4,0), (0,4): centres (i+½, j+½) with
        // i + j + 1 ≤ 4, i.e. the 4 + 3 + 2 + 1 = 10 pixels with i + j ≤ 3.
        let mut t = Target::new(6, 6);
        t.clear([0, 0, 0, 255]);
        t.triangle(
            [[0.0, 0.0, 0.0], [4.0, 0.0, 0.0], [0.0, 4.0, 0.0]],
            Depth::Write,
            |_, _| Some(RED),
        );
        let got = covered(&t, RED);
        let want: Vec<(usize, usize)> = (0..6)
            .flat_map(|j| (0..6).map(move |i| (i, j)))
            .filter(|&(i, j)| i + j <= 3)
            .collect();
        assert_eq!(got, want);
        // Winding does not matter.
        let mut t2 = Target::new(6, 6);
        t2.clear([0, 0, 0, 255]);
        t2.triangle(
            [[0.0, 0.0, 0.0], [0.0, 4.0, 0.0], [4.0, 0.0, 0.0]],
            Depth::Write,
            |_, _| Some(RED),
        );
        assert_eq!(covered(&t2, RED), want);
    }

    #[test]
    fn the_nearer_shape_wins_whatever_the_order() {
        for near_first in [false, true] {
            let mut t = Target::new(8, 8);
            t.clear([0, 0, 0, 255]);
            let far = [[0.0, 0.0, -1.0], [8.0, 0.0, -1.0], [0.0, 8.0, -1.0]];
            let near = [[0.0, 0.0, 1.0], [8.0, 0.0, 1.0], [0.0, 8.0, 1.0]];
            if near_first {
                t.triangle(near, Depth::Write, |_, _| Some(RED));
                t.triangle(far, Depth::Write, |_, _| Some(BLUE));
            } else {
                t.triangle(far, Depth::Write, |_, _| Some(BLUE));
                t.triangle(near, Depth::Write, |_, _| Some(RED));
            }
            assert!(covered(&t, BLUE).is_empty());
            assert_eq!(covered(&t, RED).len(), 36);
        }
    }

    #[test]
    fn intersecting_shapes_split_where_their_depths_cross() {
        // Two squares crossing along x = 4: the first is nearer on the left,
        // the second on the right. No order of whole shapes gets this right.
        let mut t = Target::new(8, 2);
        t.clear([0, 0, 0, 255]);
        let a = [
            [0.0, 0.0, 1.0],
            [8.0, 0.0, -1.0],
            [8.0, 2.0, -1.0],
            [0.0, 2.0, 1.0],
        ];
        let b = [
            [0.0, 0.0, -1.0],
            [8.0, 0.0, 1.0],
            [8.0, 2.0, 1.0],
            [0.0, 2.0, -1.0],
        ];
        t.polygon(&a, Depth::Write, RED);
        t.polygon(&b, Depth::Write, BLUE);
        for j in 0..2 {
            for i in 0..8 {
                let want = if i < 4 { RED } else { BLUE };
                assert_eq!(
                    t.rgba[4 * (j * 8 + i)..4 * (j * 8 + i) + 4],
                    want,
                    "pixel {i},{j}"
                );
            }
        }
    }

    #[test]
    fn a_line_behind_a_surface_is_hidden_and_one_in_front_shows() {
        let mut t = Target::new(10, 10);
        t.clear([0, 0, 0, 255]);
        t.polygon(
            &[
                [0.0, 0.0, 0.0],
                [10.0, 0.0, 0.0],
                [10.0, 10.0, 0.0],
                [0.0, 10.0, 0.0],
            ],
            Depth::Write,
            BLUE,
        );
        t.segment([0.0, 3.5, -0.5], [10.0, 3.5, -0.5], 1.0, RED, Depth::Write);
        assert!(covered(&t, RED).is_empty());
        t.segment([0.0, 6.5, 0.5], [10.0, 6.5, 0.5], 1.0, RED, Depth::Write);
        assert_eq!(
            covered(&t, RED),
            (0..10).map(|i| (i, 6)).collect::<Vec<_>>()
        );
        // A translucent plane in front tints without hiding; depth unchanged.
        let before = t.depth.clone();
        t.polygon(
            &[
                [0.0, 0.0, 0.9],
                [10.0, 0.0, 0.9],
                [10.0, 10.0, 0.9],
                [0.0, 10.0, 0.9],
            ],
            Depth::Test,
            [255, 255, 255, 128],
        );
        assert_eq!(t.depth, before);
        let px = &t.rgba[4 * (6 * 10 + 2)..4 * (6 * 10 + 2) + 4];
        assert!(px[0] == 255 && px[1] > 100 && px[2] > 100, "{px:?}");
    }

    #[test]
    fn discs_and_clipping() {
        let mut t = Target::new(5, 5);
        t.clear([0, 0, 0, 255]);
        // Mostly off screen: only what is inside is touched, nothing panics.
        t.disc([-3.0, 2.5, 0.0], 4.0, RED, Depth::Ignore);
        t.segment(
            [-100.0, -100.0, 0.0],
            [100.0, 100.0, 0.0],
            1.0,
            RED,
            Depth::Ignore,
        );
        t.triangle(
            [[-1e9, 0.0, 0.0], [1e9, 0.0, 0.0], [0.0, f64::NAN, 0.0]],
            Depth::Write,
            |_, _| Some(RED),
        );
        assert!(!covered(&t, RED).is_empty());
        let mut d = Target::new(9, 9);
        d.clear([0, 0, 0, 255]);
        d.disc([4.5, 4.5, 0.0], 3.0, RED, Depth::Write);
        assert_eq!(&d.rgba[4 * (4 * 9 + 4)..4 * (4 * 9 + 4) + 4], &RED);
        assert_eq!(&d.rgba[0..4], &[0, 0, 0, 255]);
    }
}
