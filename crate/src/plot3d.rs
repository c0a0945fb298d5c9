//! The 3D figure of z = f(x, y), drawn the way the course's matplotlib
//! `plot_surface` draws it, into an RGBA buffer with a depth buffer.
//!
//! What a student needs to read a surface, and where it comes from here:
//! - **A frame**: three light back panes with grid lines at the tick values,
//!   ticks on x, y and z along edges on the outside of the box, and anchors
//!   for the page to write numbers and axis titles beyond them, where the
//!   surface can never be (it stays inside the box).
//! - **True depth**: everything (surface, panes, cut and tangent planes,
//!   curves, arrows, points) goes through one depth buffer, see `raster`.
//! - **Shape and value at once**: the colour is the shared colour scale
//!   (`sampling::colour_range`), so a colour means the same value as on the
//!   heatmap; facets are shaded by one light (azimuth 225°, altitude 19.47°,
//!   matplotlib's defaults and its brightness 0.3 + 0.7·(1 + n·L)/2) so the
//!   shape shows. Brightness is taken relative to a facet facing straight
//!   up and never above it: flat regions and slopes towards the light keep
//!   their map colour exactly, so they read true against the colour bar;
//!   slopes away from the light darken, to about 40% of the colour for the
//!   darkest facet (30% of full light, as in matplotlib).
//!
//! Coordinates: data (x, y, z) → box ([-1, 1]² × [-H, H], matplotlib's
//! 4:4:3 aspect) → screen (device pixels, y down; depth towards the viewer).
//! The camera uses matplotlib's angles: azimuth about z from +x, elevation
//! above the xy plane, both in degrees; the default is (−60°, 30°).

// `!(a > b)` is deliberate throughout: it is also true when a value is NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use crate::colormap::Map;
use crate::contour::contours;
use crate::field::linspace;
use crate::raster::{Depth, Target};
use crate::ticks::nice_ticks;

/// Half-height of the box (its half-width is 1): matplotlib's 4:4:3.
pub const H: f64 = 0.75;
pub const DEFAULT_AZIMUTH: f64 = -60.0;
pub const DEFAULT_ELEVATION: f64 = 30.0;
/// The light, as matplotlib's `LightSource(azdeg=225, altdeg=19.4712)`.
const LIGHT_AZ: f64 = 225.0;
const LIGHT_ALT: f64 = 19.4712;

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// An orthographic camera: screen right, screen up and the direction
/// towards the viewer, plus pixels per box unit and the box centre on screen.
#[derive(Clone, Copy, Debug)]
pub struct Camera {
    pub right: [f64; 3],
    pub up: [f64; 3],
    pub eye: [f64; 3],
    pub scale: f64,
    pub cx: f64,
    pub cy: f64,
}

impl Camera {
    pub fn new(azimuth_deg: f64, elevation_deg: f64, scale: f64, cx: f64, cy: f64) -> Camera {
        let (sa, ca) = azimuth_deg.to_radians().sin_cos();
        let (se, ce) = elevation_deg.to_radians().sin_cos();
        Camera {
            right: [-sa, ca, 0.0],
            up: [-se * ca, -se * sa, ce],
            eye: [ce * ca, ce * sa, se],
            scale,
            cx,
            cy,
        }
    }

    /// Box point → (screen x, screen y, depth).
    pub fn screen(&self, p: [f64; 3]) -> [f64; 3] {
        [
            self.cx + dot(p, self.right) * self.scale,
            self.cy - dot(p, self.up) * self.scale,
            dot(p, self.eye),
        ]
    }

    /// A box direction's screen direction (pixels, y down), not normalised.
    pub fn screen_dir(&self, d: [f64; 3]) -> [f64; 2] {
        [dot(d, self.right), -dot(d, self.up)]
    }
}

/// Colours the page takes from its CSS (light or dark scheme).
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub bg: [u8; 4],
    pub pane: [u8; 4],
    pub grid: [u8; 4],
    pub ink: [u8; 4],
}

impl Default for Style {
    fn default() -> Self {
        // matplotlib's light panes on white.
        Style {
            bg: [255, 255, 255, 255],
            pane: [242, 242, 242, 255],
            grid: [214, 214, 214, 255],
            ink: [34, 34, 34, 255],
        }
    }
}

/// Things drawn with the surface, in data coordinates.
#[derive(Clone, Debug)]
pub enum Overlay {
    Line {
        pts: Vec<[f64; 3]>,
        rgba: [u8; 4],
        width: f64,
        dashed: bool,
    },
    /// A marker with a white rim, facing the viewer; a faint ghost of it
    /// shows through whatever hides it.
    Point { at: [f64; 3], rgba: [u8; 4], r: f64 },
    /// A translucent flat polygon (a cut or tangent plane), clipped to the
    /// box's z range.
    Polygon { pts: Vec<[f64; 3]>, rgba: [u8; 4] },
    /// An arrow lying in the floor of the box, from (x, y) to (x1, y1).
    FloorArrow {
        from: [f64; 2],
        to: [f64; 2],
        rgba: [u8; 4],
        width: f64,
    },
}

/// What each label anchor is, for the page's text.
pub const LABEL_X: f64 = 0.0;
pub const LABEL_Y: f64 = 1.0;
pub const LABEL_Z: f64 = 2.0;
pub const TITLE_X: f64 = 3.0;
pub const TITLE_Y: f64 = 4.0;
pub const TITLE_Z: f64 = 5.0;

pub struct Plot3d {
    /// Mesh points a side and the values (row-major, row 0 at ymin).
    pub n: usize,
    values: Vec<f64>,
    /// xmin, xmax, ymin, ymax.
    pub domain: [f64; 4],
    /// The z axis: the mesh's finite range.
    pub zlo: f64,
    pub zhi: f64,
    /// The colour scale, shared with the heatmap.
    pub clo: f64,
    pub chi: f64,
    /// Whether the colour scale was clipped below and above (a pole): the
    /// surface is then cut at the clipped end instead of stretching z.
    cut: [bool; 2],
    /// The mesh's own finite range, before any cut.
    mesh_range: (f64, f64),
    pub map: Map,
    levels: Vec<f64>,
    level_segs: Vec<f64>,
    pub azimuth: f64,
    pub elevation: f64,
    /// The plot rectangle in device pixels: left, top, width, height.
    pub rect: [f64; 4],
    pub dpr: f64,
    pub style: Style,
    pub show_levels: bool,
    /// Widest and tallest tick label in device pixels (measured by the page),
    /// so axis titles sit beyond the numbers and the box leaves them room.
    pub label_room: [f64; 2],
    /// The colour bar's rectangle, if any (device pixels).
    pub bar: Option<[f64; 4]>,
    pub overlays: Vec<Overlay>,
    pub target: Target,
    /// Data (x, y) of the surface under each pixel, NaN where there is none,
    /// so a pointer reads the surface itself, not the floor behind it.
    pub pick: Vec<f32>,
    /// Per label: kind, value, x, y, outward direction x, y.
    pub labels: Vec<f64>,
    pub camera: Camera,
    /// Screen position (device pixels) of the highest mesh point.
    pub top: [f64; 2],
}

impl Default for Plot3d {
    fn default() -> Self {
        Plot3d::new()
    }
}

/// Clips a polygon to a ≤ value (keep = true below) along coordinate `k`.
fn clip(poly: &[[f64; 3]], k: usize, value: f64, below: bool) -> Vec<[f64; 3]> {
    let inside = |p: &[f64; 3]| if below { p[k] <= value } else { p[k] >= value };
    let mut out = Vec::with_capacity(poly.len() + 2);
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
        if inside(&a) {
            out.push(a);
        }
        if inside(&a) != inside(&b) {
            let t = (value - a[k]) / (b[k] - a[k]);
            out.push([0, 1, 2].map(|c| a[c] + t * (b[c] - a[c])));
        }
    }
    out
}

/// The part of segment a–b (data coordinates) with zlo ≤ z ≤ zhi.
fn clip_z(a: [f64; 3], b: [f64; 3], zlo: f64, zhi: f64) -> Option<([f64; 3], [f64; 3])> {
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let dz = b[2] - a[2];
    for (bound, below) in [(zlo, false), (zhi, true)] {
        if dz == 0.0 {
            let inside = if below { a[2] <= bound } else { a[2] >= bound };
            if !inside {
                return None;
            }
            continue;
        }
        let t = (bound - a[2]) / dz;
        // Entering or leaving through this bound.
        if (dz > 0.0) == below {
            t1 = t1.min(t);
        } else {
            t0 = t0.max(t);
        }
    }
    if !(t0 <= t1) {
        return None;
    }
    let at = |t: f64| [0, 1, 2].map(|c| a[c] + t * (b[c] - a[c]));
    Some((at(t0), at(t1)))
}

/// A map colour darkened by `rel` (at most 1: never lightened, so no
/// colour on the surface is paler than its value's colour on the bar).
fn shade(c: [u8; 3], rel: f64) -> [u8; 4] {
    let k = rel.clamp(0.0, 1.0);
    [
        (f64::from(c[0]) * k) as u8,
        (f64::from(c[1]) * k) as u8,
        (f64::from(c[2]) * k) as u8,
        255,
    ]
}

impl Plot3d {
    pub fn new() -> Plot3d {
        Plot3d {
            n: 0,
            values: Vec::new(),
            domain: [0.0, 1.0, 0.0, 1.0],
            zlo: 0.0,
            zhi: 1.0,
            clo: 0.0,
            chi: 1.0,
            cut: [false; 2],
            mesh_range: (0.0, 1.0),
            map: Map::Viridis,
            levels: Vec::new(),
            level_segs: Vec::new(),
            azimuth: DEFAULT_AZIMUTH,
            elevation: DEFAULT_ELEVATION,
            rect: [0.0, 0.0, 0.0, 0.0],
            dpr: 1.0,
            style: Style::default(),
            show_levels: false,
            label_room: [0.0, 0.0],
            bar: None,
            overlays: Vec::new(),
            target: Target::new(0, 0),
            pick: Vec::new(),
            labels: Vec::new(),
            camera: Camera::new(DEFAULT_AZIMUTH, DEFAULT_ELEVATION, 1.0, 0.0, 0.0),
            top: [f64::NAN, f64::NAN],
        }
    }

    /// New mesh values (n × n on the linspace grid over `domain`) and the
    /// colour scale to paint them with (`None`: the mesh's own range).
    pub fn set_data(
        &mut self,
        values: Vec<f64>,
        n: usize,
        domain: [f64; 4],
        colour: Option<(f64, f64)>,
    ) {
        let (lo, hi) = crate::colormap::finite_range(&values).unwrap_or((0.0, 1.0));
        let (clo, chi) = colour.unwrap_or((lo, hi));
        self.clo = clo;
        self.chi = chi;
        self.cut = [false; 2];
        self.mesh_range = (lo, hi);
        self.n = n;
        self.domain = domain;
        self.values = values;
        self.relevel();
    }

    /// A colour scale clipped at a runaway end (see `sampling::ColourScale`):
    /// the z axis stops where the colours do, and the surface is cut there.
    pub fn set_colour_scale(&mut self, lo: f64, hi: f64, under: bool, over: bool) {
        self.clo = lo;
        self.chi = hi;
        self.cut = [under, over];
        self.relevel();
    }

    /// The z axis and the level curves, from the mesh's range and the cut.
    fn relevel(&mut self) {
        let (mut lo, mut hi) = self.mesh_range;
        if self.cut[0] && self.clo > lo && self.clo < hi {
            lo = self.clo;
        }
        if self.cut[1] && self.chi < hi && self.chi > lo {
            hi = self.chi;
        }
        // A flat function still needs a z axis: one unit around its value.
        let (zlo, zhi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 0.5, hi + 0.5)
        };
        self.zlo = zlo;
        self.zhi = zhi;
        // Level curves at round values inside the surface's shown range.
        self.levels = nice_ticks(lo, hi, 9)
            .into_iter()
            .filter(|&v| v > lo && v < hi)
            .collect();
        let xs = linspace(self.domain[0], self.domain[1], self.n);
        let ys = linspace(self.domain[2], self.domain[3], self.n);
        self.level_segs = contours(&self.values, &xs, &ys, &self.levels, 100_000);
    }

    pub fn resize(&mut self, w: usize, h: usize) {
        self.target.resize(w, h);
        self.pick.resize(2 * w * h, f32::NAN);
    }

    /// Data → box coordinates.
    pub fn to_box(&self, p: [f64; 3]) -> [f64; 3] {
        let [x0, x1, y0, y1] = self.domain;
        let span = |a: f64, b: f64| if b != a { b - a } else { 1.0 };
        [
            (p[0] - x0) / span(x0, x1) * 2.0 - 1.0,
            (p[1] - y0) / span(y0, y1) * 2.0 - 1.0,
            ((p[2] - self.zlo) / span(self.zlo, self.zhi) * 2.0 - 1.0) * H,
        ]
    }

    /// Data → screen (device pixels) and depth, with the current camera.
    pub fn screen_of(&self, p: [f64; 3]) -> [f64; 3] {
        self.camera.screen(self.to_box(p))
    }

    /// The camera for the current angles and plot rectangle. The box's
    /// screen size does not change as it turns or tilts (its bounds over all
    /// angles are used), so turning never zooms.
    fn layout(&self) -> Camera {
        let [l, t, w, h] = self.rect;
        let d = self.dpr;
        // Numbers and titles go beside the box (z left, y right) and below
        // it (x, y); above it there is only the top z number.
        let side = self.label_room[0] + if w < 400.0 * d { 26.0 } else { 40.0 } * d;
        let (top, bottom) = (8.0 * d, 2.0 * self.label_room[1] + 34.0 * d);
        let half_w = std::f64::consts::SQRT_2;
        let half_h = (2.0 + H * H).sqrt();
        let scale = ((w - 2.0 * side) / (2.0 * half_w))
            .min((h - top - bottom) / (2.0 * half_h))
            .max(1.0);
        Camera::new(
            self.azimuth,
            self.elevation,
            scale,
            l + w / 2.0,
            t + top + (h - top - bottom) / 2.0,
        )
    }

    /// Tick values per axis (x, y, z), as many as the plot's size allows.
    pub fn ticks(&self) -> [Vec<f64>; 3] {
        let px = (self.rect[2].min(self.rect[3]) / self.dpr).max(100.0);
        let k = ((px / 80.0) as usize).clamp(3, 7);
        let [x0, x1, y0, y1] = self.domain;
        [
            nice_ticks(x0, x1, k),
            nice_ticks(y0, y1, k),
            nice_ticks(self.zlo, self.zhi, k.min(6)),
        ]
    }

    /// Draws everything into `target` and fills `labels` and `pick`.
    pub fn render(&mut self) {
        let cam = self.layout();
        self.camera = cam;
        let st = self.style;
        self.target.clear(st.bg);
        self.pick.fill(f32::NAN);
        self.labels.clear();
        let e = cam.eye;
        // The panes facing the viewer's back: opposite the eye's side.
        let px = if e[0] >= 0.0 { -1.0 } else { 1.0 };
        let py = if e[1] >= 0.0 { -1.0 } else { 1.0 };
        let panes = [
            [[px, -1.0, -H], [px, 1.0, -H], [px, 1.0, H], [px, -1.0, H]],
            [[-1.0, py, -H], [1.0, py, -H], [1.0, py, H], [-1.0, py, H]],
            [
                [-1.0, -1.0, -H],
                [1.0, -1.0, -H],
                [1.0, 1.0, -H],
                [-1.0, 1.0, -H],
            ],
        ];
        for p in panes {
            let s = p.map(|q| cam.screen(q));
            self.target.polygon(&s, Depth::Write, st.pane);
        }
        let ticks = self.ticks();
        let bx: Vec<f64> = ticks[0]
            .iter()
            .map(|&v| self.to_box([v, 0.0, 0.0])[0])
            .collect();
        let by: Vec<f64> = ticks[1]
            .iter()
            .map(|&v| self.to_box([0.0, v, 0.0])[1])
            .collect();
        let bz: Vec<f64> = ticks[2]
            .iter()
            .map(|&v| self.to_box([0.0, 0.0, v])[2])
            .collect();
        // Grid lines on the panes, a hair in front of them.
        let lw = self.dpr;
        let bias = 2.0 / cam.scale;
        let mut grid = Vec::new();
        for &x in &bx {
            grid.push(([x, -1.0, -H], [x, 1.0, -H]));
            grid.push(([x, py, -H], [x, py, H]));
        }
        for &y in &by {
            grid.push(([-1.0, y, -H], [1.0, y, -H]));
            grid.push(([px, y, -H], [px, y, H]));
        }
        for &z in &bz {
            grid.push(([px, -1.0, z], [px, 1.0, z]));
            grid.push(([-1.0, py, z], [1.0, py, z]));
        }
        for (a, b) in grid {
            let (mut sa, mut sb) = (cam.screen(a), cam.screen(b));
            sa[2] += bias;
            sb[2] += bias;
            self.target.segment(sa, sb, lw, st.grid, Depth::Write);
        }
        if self.show_levels {
            self.draw_levels(&cam, bias);
        }
        self.draw_surface(&cam);
        self.draw_overlays(&cam);
        self.draw_axes(&cam, &ticks, [&bx, &by, &bz], px, py);
        if let Some(bar) = self.bar {
            self.draw_bar(bar);
        }
    }

    fn draw_levels(&mut self, cam: &Camera, bias: f64) {
        let span = if self.chi > self.clo {
            self.chi - self.clo
        } else {
            1.0
        };
        let segs = std::mem::take(&mut self.level_segs);
        for s in segs.chunks_exact(5) {
            let level = self.levels[s[0] as usize];
            let [r, g, b] = self.map.rgb((level - self.clo) / span);
            let floor = |x: f64, y: f64| {
                let b = self.to_box([x, y, 0.0]);
                cam.screen([b[0], b[1], -H])
            };
            let mut a = floor(s[1], s[2]);
            let mut c = floor(s[3], s[4]);
            a[2] += 2.0 * bias;
            c[2] += 2.0 * bias;
            self.target
                .segment(a, c, 1.5 * self.dpr, [r, g, b, 255], Depth::Write);
        }
        self.level_segs = segs;
    }

    #[allow(clippy::needless_range_loop)] // i, j index the grid and its coordinates alike
    fn draw_surface(&mut self, cam: &Camera) {
        let n = self.n;
        if n < 2 || self.values.len() < n * n {
            return;
        }
        let xs = linspace(self.domain[0], self.domain[1], n);
        let ys = linspace(self.domain[2], self.domain[3], n);
        let (sa, ca) = (90.0 - LIGHT_AZ).to_radians().sin_cos();
        let (se, ce) = LIGHT_ALT.to_radians().sin_cos();
        let light = [ca * ce, sa * ce, se];
        // Vertex screen positions and box points, once.
        let mut scr = Vec::with_capacity(n * n);
        let mut bpt = Vec::with_capacity(n * n);
        let mut best = f64::NEG_INFINITY;
        for j in 0..n {
            for i in 0..n {
                let v = self.values[j * n + i];
                let b = self.to_box([xs[i], ys[j], if v.is_finite() { v } else { 0.0 }]);
                let s = cam.screen(b);
                if v.is_finite() && v > best && self.within(v) {
                    best = v;
                    self.top = [s[0], s[1]];
                }
                scr.push(s);
                bpt.push(b);
            }
        }
        // Nearest cells first: the depth test then turns away most hidden
        // pixels before they are coloured (a folded surface hides a lot).
        let e = cam.eye;
        let order = |k: usize, toward: bool| if toward { n - 2 - k } else { k };
        for jj in 0..n - 1 {
            let j = order(jj, e[1] > 0.0);
            for ii in 0..n - 1 {
                let i = order(ii, e[0] > 0.0);
                let q = [
                    j * n + i,
                    j * n + i + 1,
                    (j + 1) * n + i + 1,
                    (j + 1) * n + i,
                ];
                if q.iter().any(|&k| !self.values[k].is_finite()) {
                    continue;
                }
                for tri in [[q[0], q[1], q[2]], [q[0], q[2], q[3]]] {
                    // A facet with corners beyond both cuts straddles a pole
                    // (1/x between x = -h/2 and +h/2): drawing its middle
                    // would join -inf to +inf with a false wall.
                    let below = tri
                        .iter()
                        .any(|&k| self.cut[0] && self.values[k] < self.zlo);
                    let above = tri
                        .iter()
                        .any(|&k| self.cut[1] && self.values[k] > self.zhi);
                    if below && above {
                        continue;
                    }
                    let data = tri.map(|k| [xs[k % n], ys[k / n], self.values[k]]);
                    let rel = Self::brightness(tri.map(|k| bpt[k]), light);
                    if tri.iter().all(|&k| self.within(self.values[k])) {
                        self.facet(tri.map(|k| scr[k]), data, rel);
                        continue;
                    }
                    // Crossing a cut: only the part inside the z range is
                    // drawn, so the surface ends in an open edge at the
                    // clipped value (as a z limit cuts it), not a plateau.
                    let mut poly = data.to_vec();
                    if self.cut[1] {
                        poly = clip(&poly, 2, self.zhi, true);
                    }
                    if self.cut[0] {
                        poly = clip(&poly, 2, self.zlo, false);
                    }
                    let s: Vec<[f64; 3]> =
                        poly.iter().map(|&p| cam.screen(self.to_box(p))).collect();
                    for k in 1..poly.len().saturating_sub(1) {
                        self.facet([s[0], s[k], s[k + 1]], [poly[0], poly[k], poly[k + 1]], rel);
                    }
                }
            }
        }
    }

    /// matplotlib's shading of a facet (box points a, b, c): brightness
    /// 0.3 + 0.7 (n·L + 1)/2, relative to a facet facing straight up, so
    /// such a facet keeps its map colour.
    fn brightness([a, b, c]: [[f64; 3]; 3], light: [f64; 3]) -> f64 {
        let bright = |ndl: f64| 0.3 + 0.35 * (ndl + 1.0);
        let u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
        let v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
        let nrm = [
            u[1] * v[2] - u[2] * v[1],
            u[2] * v[0] - u[0] * v[2],
            u[0] * v[1] - u[1] * v[0],
        ];
        let len = dot(nrm, nrm).sqrt();
        if len > 0.0 {
            bright(dot(nrm, light) / len) / bright(light[2])
        } else {
            1.0
        }
    }

    /// One surface triangle: screen corners, data corners (x, y, f), and
    /// its shading. Each pixel gets the colour of its interpolated value
    /// and remembers the data (x, y) under it for picking.
    fn facet(&mut self, scr: [[f64; 3]; 3], data: [[f64; 3]; 3], rel: f64) {
        let span = self.chi - self.clo;
        let t = data.map(|p| {
            if span > 0.0 && span.is_finite() {
                ((p[2] - self.clo) / span).clamp(0.0, 1.0)
            } else {
                0.5
            }
        });
        let map = self.map;
        let pick = &mut self.pick;
        self.target.triangle(scr, Depth::Write, |k, wt| {
            let at = |c: usize| wt[0] * data[0][c] + wt[1] * data[1][c] + wt[2] * data[2][c];
            pick[2 * k] = at(0) as f32;
            pick[2 * k + 1] = at(1) as f32;
            Some(shade(
                map.rgb(wt[0] * t[0] + wt[1] * t[1] + wt[2] * t[2]),
                rel,
            ))
        });
    }

    /// Whether a mesh value is inside the shown z range (always, unless cut).
    fn within(&self, v: f64) -> bool {
        !(self.cut[0] && v < self.zlo) && !(self.cut[1] && v > self.zhi)
    }

    fn draw_overlays(&mut self, cam: &Camera) {
        let overlays = std::mem::take(&mut self.overlays);
        let dpr = self.dpr;
        // Marks lying on the surface must win against it: a small lift
        // towards the viewer, about the marks' own thickness.
        let lift = |px: f64| (px + 2.0) * dpr / cam.scale;
        for o in overlays.iter() {
            match o {
                Overlay::Line {
                    pts,
                    rgba,
                    width,
                    dashed,
                } => {
                    let fin: Vec<[f64; 3]> = pts
                        .iter()
                        .copied()
                        .filter(|p| p.iter().all(|v| v.is_finite()))
                        .collect();
                    let (on, off) = (6.0 * dpr, 4.0 * dpr);
                    let mut run = 0.0;
                    for pair in fin.windows(2) {
                        // Only the part inside the box's z range is drawn: a
                        // drop line from a point near a pole would otherwise
                        // run billions of pixels (and dashes) off the canvas.
                        let Some((a, b)) = clip_z(pair[0], pair[1], self.zlo, self.zhi) else {
                            continue;
                        };
                        let screen = |p: [f64; 3]| {
                            let mut q = self.screen_of(p);
                            q[2] += lift(*width);
                            q
                        };
                        let (a, b) = (screen(a), screen(b));
                        if !*dashed {
                            self.target.segment(a, b, width * dpr, *rgba, Depth::Write);
                            continue;
                        }
                        let len = (b[0] - a[0]).hypot(b[1] - a[1]);
                        if !(len < 16.0 * (self.target.w + self.target.h) as f64) {
                            continue;
                        }
                        let mut t = 0.0;
                        while t < len {
                            let phase = run % (on + off);
                            let piece = if phase < on {
                                on - phase
                            } else {
                                on + off - phase
                            };
                            let t1 = (t + piece).min(len);
                            if phase < on && len > 0.0 {
                                let p = |u: f64| [0, 1, 2].map(|c| a[c] + (b[c] - a[c]) * u / len);
                                self.target
                                    .segment(p(t), p(t1), width * dpr, *rgba, Depth::Write);
                            }
                            run += t1 - t;
                            t = t1;
                        }
                    }
                }
                Overlay::Point { at, rgba, r } => {
                    // A point beyond the z range (near a pole) is off the plot.
                    if at.iter().all(|v| v.is_finite()) && at[2] >= self.zlo && at[2] <= self.zhi {
                        let mut s = self.screen_of(*at);
                        s[2] += lift(2.0 * r);
                        self.target
                            .disc(s, (r + 2.0) * dpr, [255, 255, 255, 255], Depth::Write);
                        s[2] += 1e-6;
                        self.target.disc(s, r * dpr, *rgba, Depth::Write);
                        // Where the surface hides the point, a faint ghost of
                        // it still says where it is (visibly not the point).
                        let ghost = [rgba[0], rgba[1], rgba[2], 90];
                        self.target.disc(s, r * dpr, ghost, Depth::Ignore);
                    }
                }
                Overlay::FloorArrow {
                    from,
                    to,
                    rgba,
                    width,
                } => {
                    let a = self.to_box([from[0], from[1], 0.0]);
                    let b = self.to_box([to[0], to[1], 0.0]);
                    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                    let len = dx.hypot(dy);
                    if !(len > 1e-9) || !len.is_finite() {
                        continue;
                    }
                    let (ux, uy) = (dx / len, dy / len);
                    // Never shorter than a tenth of the floor, so a small
                    // gradient still shows its direction (as in the 2D view,
                    // whose read-out says when an arrow is not to scale).
                    let len = len.max(0.2);
                    let b = [a[0] + ux * len, a[1] + uy * len];
                    let hl = (0.45 * len).min(0.14);
                    let hw = 0.5 * hl;
                    let up = lift(*width);
                    let on_floor = |x: f64, y: f64| {
                        let mut s = cam.screen([x, y, -H]);
                        s[2] += up;
                        s
                    };
                    let base = [b[0] - ux * hl, b[1] - uy * hl];
                    self.target.segment(
                        on_floor(a[0], a[1]),
                        on_floor(base[0], base[1]),
                        width * dpr,
                        *rgba,
                        Depth::Write,
                    );
                    let tri = [
                        on_floor(b[0], b[1]),
                        on_floor(base[0] - uy * hw, base[1] + ux * hw),
                        on_floor(base[0] + uy * hw, base[1] - ux * hw),
                    ];
                    let c = *rgba;
                    self.target.triangle(tri, Depth::Write, |_, _| Some(c));
                }
                Overlay::Polygon { .. } => {}
            }
        }
        // Translucent planes last, so what they cover shows through them.
        for o in overlays.iter() {
            if let Overlay::Polygon { pts, rgba } = o {
                let clipped = clip(&clip(pts, 2, self.zhi, true), 2, self.zlo, false);
                let s: Vec<[f64; 3]> = clipped.iter().map(|&p| self.screen_of(p)).collect();
                self.target.polygon(&s, Depth::Test, *rgba);
            }
        }
        self.overlays = overlays;
    }

    /// Tick marks on three outer edges and anchors for their numbers and the
    /// axis titles. An axis seen end-on (its edge shorter on screen than a
    /// quarter of the box) gets no numbers: they would pile on one spot.
    fn draw_axes(
        &mut self,
        cam: &Camera,
        ticks: &[Vec<f64>; 3],
        boxed: [&Vec<f64>; 3],
        px: f64,
        py: f64,
    ) {
        let dpr = self.dpr;
        // Front edges: the floor's edges nearest the viewer, and the vertical
        // edge at the floor corner furthest left on screen.
        let fy = -py;
        let fx = -px;
        let corners = [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]];
        let zc = corners
            .iter()
            .copied()
            .min_by(|a, b| {
                cam.screen([a[0], a[1], 0.0])[0].total_cmp(&cam.screen([b[0], b[1], 0.0])[0])
            })
            .unwrap_or([-1.0, -1.0]);
        // Per axis: a point on the edge from a box coordinate, the outward
        // direction in the box, and the edge's two ends.
        type Edge = (Box<dyn Fn(f64) -> [f64; 3]>, [f64; 3]);
        let edges: [Edge; 3] = [
            (Box::new(move |v| [v, fy, -H]), [0.0, fy, -0.6]),
            (Box::new(move |v| [fx, v, -H]), [fx, 0.0, -0.6]),
            (Box::new(move |v| [zc[0], zc[1], v]), [zc[0], zc[1], 0.0]),
        ];
        let ends = [[-1.0, 1.0], [-1.0, 1.0], [-H, H]];
        let gap = 8.0 * dpr;
        for (axis, (at, out)) in edges.iter().enumerate() {
            let a = cam.screen(at(ends[axis][0]));
            let b = cam.screen(at(ends[axis][1]));
            if (b[0] - a[0]).hypot(b[1] - a[1]) < 0.5 * cam.scale {
                continue;
            }
            let d = cam.screen_dir(*out);
            let dl = d[0].hypot(d[1]);
            let u = if dl > 1e-6 {
                [d[0] / dl, d[1] / dl]
            } else {
                [0.0, 1.0]
            };
            for (k, &bv) in boxed[axis].iter().enumerate() {
                let s = cam.screen(at(bv));
                let tip = [s[0] + u[0] * 5.0 * dpr, s[1] + u[1] * 5.0 * dpr, 0.0];
                self.target
                    .segment(s, tip, dpr, self.style.ink, Depth::Ignore);
                self.labels.extend_from_slice(&[
                    axis as f64,
                    ticks[axis][k],
                    s[0] + u[0] * gap,
                    s[1] + u[1] * gap,
                    u[0],
                    u[1],
                ]);
            }
            // The title beyond the numbers: the numbers' extent along u.
            let reach =
                gap + self.label_room[0] * u[0].abs() + self.label_room[1] * u[1].abs() + 8.0 * dpr;
            let mid = cam.screen(at(0.0));
            self.labels.extend_from_slice(&[
                3.0 + axis as f64,
                f64::NAN,
                mid[0] + u[0] * reach,
                mid[1] + u[1] * reach,
                u[0],
                u[1],
            ]);
        }
    }

    /// The colour bar: upright (top = maximum) beside the box, or lying
    /// (right = maximum) under it on a narrow screen; each row or column
    /// takes the colour of its centre, as the heatmap's bar.
    fn draw_bar(&mut self, bar: [f64; 4]) {
        let [l, t, w, h] = bar;
        let (i0, j0) = (l.round().max(0.0) as usize, t.round().max(0.0) as usize);
        let (i1, j1) = (
            ((l + w).round() as usize).min(self.target.w),
            ((t + h).round() as usize).min(self.target.h),
        );
        let upright = h >= w;
        let cols = (i1.saturating_sub(i0)).max(1) as f64;
        let rows = (j1.saturating_sub(j0)).max(1) as f64;
        for j in j0..j1 {
            for i in i0..i1 {
                let tt = if upright {
                    1.0 - ((j - j0) as f64 + 0.5) / rows
                } else {
                    ((i - i0) as f64 + 0.5) / cols
                };
                let [r, g, b] = self.map.rgb(tt);
                let k = 4 * (j * self.target.w + i);
                self.target.rgba[k..k + 4].copy_from_slice(&[r, g, b, 255]);
            }
        }
    }

    /// The surface's data (x, y) under device pixel (px, py), or the nearest
    /// within `radius` pixels; `None` off the surface.
    pub fn pick(&self, px: f64, py: f64, radius: f64) -> Option<(f64, f64)> {
        let (w, h) = (self.target.w as i64, self.target.h as i64);
        let (ci, cj) = (px.floor() as i64, py.floor() as i64);
        let r = radius.max(0.0).ceil() as i64;
        let mut best: Option<(i64, (f64, f64))> = None;
        for j in (cj - r).max(0)..=(cj + r).min(h - 1) {
            for i in (ci - r).max(0)..=(ci + r).min(w - 1) {
                let k = (j * w + i) as usize;
                let (x, y) = (self.pick[2 * k], self.pick[2 * k + 1]);
                let d2 = (i - ci).pow(2) + (j - cj).pow(2);
                if x.is_finite() && d2 <= r * r && best.is_none_or(|(b, _)| d2 < b) {
                    best = Some((d2, (f64::from(x), f64::from(y))));
                }
            }
        }
        best.map(|(_, p)| p)
    }

    /// A square patch of the tangent plane at (x0, y0, z0) with slopes
    /// (gx, gy), `frac` of the domain each way, kept inside the domain.
    pub fn tangent_patch(
        &self,
        x0: f64,
        y0: f64,
        z0: f64,
        gx: f64,
        gy: f64,
        frac: f64,
    ) -> Vec<[f64; 3]> {
        let [xa, xb, ya, yb] = self.domain;
        let (a, b) = (frac * (xb - xa), frac * (yb - ya));
        let cx = |x: f64| x.clamp(xa.min(xb), xa.max(xb));
        let cy = |y: f64| y.clamp(ya.min(yb), ya.max(yb));
        [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
            .iter()
            .map(|&(sx, sy)| {
                let (x, y) = (cx(x0 + sx * a), cy(y0 + sy * b));
                [x, y, z0 + gx * (x - x0) + gy * (y - y0)]
            })
            .collect()
    }

    /// The vertical plane x = value (axis 0) or y = value (axis 1) across the box.
    pub fn cut_plane(&self, axis: usize, value: f64) -> Vec<[f64; 3]> {
        let [xa, xb, ya, yb] = self.domain;
        let (lo, hi) = (self.zlo, self.zhi);
        if axis == 0 {
            vec![
                [value, ya, lo],
                [value, yb, lo],
                [value, yb, hi],
                [value, ya, hi],
            ]
        } else {
            vec![
                [xa, value, lo],
                [xb, value, lo],
                [xb, value, hi],
                [xa, value, hi],
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot(values: Vec<f64>, n: usize, domain: [f64; 4]) -> Plot3d {
        let mut p = Plot3d::new();
        p.resize(400, 320);
        p.rect = [0.0, 0.0, 400.0, 320.0];
        p.set_data(values, n, domain, None);
        p
    }

    fn bowl(n: usize) -> Vec<f64> {
        let xs = linspace(-3.0, 3.0, n);
        xs.iter()
            .flat_map(|&y| xs.iter().map(move |&x| 9.0 - x * x - y * y))
            .collect()
    }

    fn px(p: &Plot3d, s: [f64; 3]) -> [u8; 4] {
        let k = 4 * (s[1].floor() as usize * p.target.w + s[0].floor() as usize);
        p.target.rgba[k..k + 4].try_into().unwrap()
    }

    #[test]
    fn matplotlib_default_view_puts_the_near_corner_at_xmax_ymin() {
        let c = Camera::new(DEFAULT_AZIMUTH, DEFAULT_ELEVATION, 1.0, 0.0, 0.0);
        let near = [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]]
            .iter()
            .max_by(|a, b| {
                c.screen([a[0], a[1], 0.0])[2].total_cmp(&c.screen([b[0], b[1], 0.0])[2])
            })
            .copied()
            .unwrap();
        assert_eq!(near, [1.0, -1.0]);
        // Up on screen is up in the box; right, up and eye are orthonormal.
        assert!(c.screen([0.0, 0.0, 1.0])[1] < c.screen([0.0, 0.0, 0.0])[1]);
        for (a, b) in [(c.right, c.up), (c.up, c.eye), (c.eye, c.right)] {
            assert!(dot(a, b).abs() < 1e-12);
        }
    }

    #[test]
    fn a_point_under_the_dome_is_hidden_and_one_above_shows() {
        let n = 41;
        let mut p = plot(bowl(n), n, [-3.0, 3.0, -3.0, 3.0]);
        let red = [255, 0, 0, 255];
        p.overlays.push(Overlay::Point {
            at: [0.0, 0.0, 2.0],
            rgba: red,
            r: 5.0,
        });
        p.overlays.push(Overlay::Point {
            at: [2.0, -2.0, 9.0],
            rgba: red,
            r: 5.0,
        });
        p.render();
        let under = p.screen_of([0.0, 0.0, 2.0]);
        let over = p.screen_of([2.0, -2.0, 9.0]);
        assert_ne!(
            px(&p, under),
            red,
            "the point inside the dome shows through it"
        );
        assert_eq!(px(&p, over), red);
        // The surface's own top reads back through the pick buffer.
        let top = p.screen_of([0.0, 0.0, 9.0]);
        let (x, y) = p.pick(top[0], top[1], 0.0).unwrap();
        assert!(x.abs() < 0.2 && y.abs() < 0.2, "{x} {y}");
    }

    #[test]
    fn a_cut_plane_tints_only_where_it_is_in_front() {
        let n = 41;
        let mut p = plot(bowl(n), n, [-3.0, 3.0, -3.0, 3.0]);
        p.render();
        let before = p.target.rgba.clone();
        let plane = p.cut_plane(1, 0.0);
        p.overlays.push(Overlay::Polygon {
            pts: plane,
            rgba: [0, 0, 255, 100],
        });
        p.render();
        // From the default view, y < 0 faces the viewer: the dome there is
        // in front of the plane y = 0 and keeps its colour; high above the
        // dome's far rim the plane lies over the back pane and tints it.
        let front = p.screen_of([0.0, -2.0, 5.0]);
        let on_plane = p.screen_of([-2.9, 0.0, 8.5]);
        let k = |s: [f64; 3]| 4 * (s[1] as usize * p.target.w + s[0] as usize);
        assert_eq!(
            &p.target.rgba[k(front)..k(front) + 4],
            &before[k(front)..k(front) + 4]
        );
        assert_ne!(
            &p.target.rgba[k(on_plane)..k(on_plane) + 4],
            &before[k(on_plane)..k(on_plane) + 4]
        );
    }

    #[test]
    fn a_clipped_scale_cuts_the_surface_where_its_colours_stop() {
        // 1/(x^2 + y^2) on [-2, 2]^2 with an even mesh: the centre point is
        // the pole (a hole) and its neighbours reach 1/(1/10)^2 = 100.
        let n = 41;
        let xs = linspace(-2.0, 2.0, n);
        let values: Vec<f64> = xs
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| 1.0 / (x * x + y * y)))
            .collect();
        let mut p = plot(values, n, [-2.0, 2.0, -2.0, 2.0]);
        assert!((p.zhi - 100.0).abs() < 1e-9, "{}", p.zhi);
        // How high f = 2 stands above the floor on screen, in pixels.
        let rise =
            |p: &Plot3d| p.screen_of([0.7, -0.7, p.zlo])[1] - p.screen_of([0.7, -0.7, 2.0])[1];
        let flat = rise(&p);
        p.set_colour_scale(0.125, 4.0, false, true);
        assert_eq!((p.zlo, p.zhi), (0.125, 4.0));
        assert!(
            p.levels.iter().all(|&l| l > 0.125 && l < 4.0),
            "{:?}",
            p.levels
        );
        p.render();
        // The spike no longer flattens the rest: f = 2 stands about half
        // the box high instead of 2% of it.
        assert!(rise(&p) > 10.0 * flat && flat > 0.0, "{} {flat}", rise(&p));
        let f = |x: f64, y: f64| 1.0 / (x * x + y * y);
        // Where f = 2 (r = 0.71) the surface is drawn, with the colour of 2.
        let on = p.screen_of([0.7, -0.7, f(0.7, -0.7)]);
        assert_ne!(px(&p, on), px(&p, [1.0, 1.0, 0.0]));
        // Above the cut, over the pole, nothing of the surface is drawn:
        // the pick buffer has no data there.
        let above = p.screen_of([0.05, -0.05, 4.0]);
        let k = above[1].floor() as usize * p.target.w + above[0].floor() as usize;
        let picked = (p.pick[2 * k], p.pick[2 * k + 1]);
        assert!(
            picked.0.is_nan() || f(f64::from(picked.0), f64::from(picked.1)) <= 4.0 * 1.05,
            "{picked:?}"
        );
    }

    #[test]
    fn a_pole_line_cut_at_both_ends_leaves_a_gap_not_a_wall() {
        // 1/x on [-1, 1]^2, 40 points a side: no mesh point on x = 0, so the
        // cells across it run from about -39 to +39.
        let n = 40;
        let xs = linspace(-1.0, 1.0, n);
        let values: Vec<f64> = xs
            .iter()
            .flat_map(|_| xs.iter().map(|&x| 1.0 / x))
            .collect();
        let mut p = plot(values, n, [-1.0, 1.0, -1.0, 1.0]);
        p.set_colour_scale(-10.0, 10.0, true, true);
        p.render();
        // No pixel shows a facet across the pole: those are the only ones
        // with points closer to x = 0 than half a cell.
        let half = 1.0 / (n - 1) as f64;
        let wall = p
            .pick
            .chunks_exact(2)
            .filter(|q| f64::from(q[0]).abs() < 0.99 * half)
            .count();
        assert_eq!(wall, 0, "pixels of a wall across the pole");
    }

    #[test]
    fn lines_and_points_far_outside_the_box_are_clipped_not_dashed_forever() {
        let n = 21;
        let mut p = plot(bowl(n), n, [-3.0, 3.0, -3.0, 3.0]);
        // A drop line from f = 1e15 (a point near a pole) to the floor.
        p.overlays.push(Overlay::Line {
            pts: vec![[2.9, -2.9, 1e15], [2.9, -2.9, p.zlo]],
            rgba: [255, 0, 0, 255],
            width: 1.5,
            dashed: true,
        });
        p.overlays.push(Overlay::Point {
            at: [2.9, -2.9, 1e15],
            rgba: [255, 0, 0, 255],
            r: 5.0,
        });
        p.render();
        // The visible part is drawn: red pixels on the drop line in the box.
        let red = (0..p.target.w * p.target.h)
            .filter(|&k| p.target.rgba[4 * k] > 200 && p.target.rgba[4 * k + 1] < 60)
            .count();
        assert!(red > 20, "{red}");
        assert_eq!(
            clip_z([0.0, 0.0, 5.0], [0.0, 0.0, 20.0], 0.0, 10.0),
            Some(([0.0, 0.0, 5.0], [0.0, 0.0, 10.0]))
        );
        assert_eq!(clip_z([0.0, 0.0, 11.0], [1.0, 0.0, 20.0], 0.0, 10.0), None);
        assert_eq!(
            clip_z([0.0, 0.0, 20.0], [0.0, 0.0, -10.0], 0.0, 10.0),
            Some(([0.0, 0.0, 10.0], [0.0, 0.0, 0.0]))
        );
    }

    #[test]
    fn labels_on_three_axes_outside_the_surface() {
        let n = 21;
        let mut p = plot(bowl(n), n, [-3.0, 3.0, -3.0, 3.0]);
        p.label_room = [30.0, 14.0];
        p.render();
        let kinds: Vec<f64> = p.labels.chunks(6).map(|l| l[0]).collect();
        for k in [LABEL_X, LABEL_Y, LABEL_Z, TITLE_X, TITLE_Y, TITLE_Z] {
            assert!(kinds.contains(&k), "no label of kind {k}");
        }
        // No label anchor lands on a surface pixel.
        for l in p.labels.chunks(6) {
            assert!(
                p.pick(l[2], l[3], 0.0).is_none(),
                "label {l:?} sits on the surface"
            );
        }
        // Seen from straight above, z is end-on: no z numbers.
        p.elevation = 90.0;
        p.render();
        assert!(!p.labels.chunks(6).any(|l| l[0] == LABEL_Z));
    }

    #[test]
    fn shading_keeps_flat_facets_true_and_darkens_at_most_to_thirty_percent() {
        let n = 3;
        let mut p = plot(vec![0.0; 9], n, [0.0, 1.0, 0.0, 1.0]);
        p.set_data(vec![0.0; 9], n, [0.0, 1.0, 0.0, 1.0], Some((-1.0, 1.0)));
        p.elevation = 90.0;
        p.render();
        let c = p.screen_of([0.5, 0.5, 0.0]);
        assert_eq!(px(&p, c)[..3], Map::Viridis.rgb(0.5));
        let dark = shade(
            [200, 200, 200],
            0.3 / (0.3 + 0.35 * (1.0 + LIGHT_ALT.to_radians().sin())),
        );
        assert!(dark[0] >= 60 && dark[0] <= 80, "{dark:?}");
    }
}
