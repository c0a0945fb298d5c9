//! How finely to sample a function, and whether any grid can show it.
//!
//! Two questions every figure asks before it draws:
//! - *Which colour scale?* [`colour_range`] answers once for all figures of a
//!   function over a domain, so the heatmap and the 3D view show the same
//!   colour for the same value, even where the function blows up.
//! - *Is the grid fine enough?* A grid can only show variation slower than
//!   its spacing; faster variation is drawn as a false, slower pattern (an
//!   alias). [`roughness`] measures how badly the values between grid points
//!   differ from what the grid suggests, by sampling the function at the
//!   centres of grid cells and comparing with the corners' bilinear guess.

// `!(a > b)` is deliberate throughout: it is also true when a value is NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use crate::error::Error;
use crate::field::{centers, check_grid, linspace, Scalar};

/// Cells across the domain for the shared colour scale: fine enough to meet
/// the peaks of smooth functions to a few parts in a thousand, and fixed, so
/// the scale does not depend on the size of whichever figure asks.
pub const SCALE_CELLS: usize = 256;

/// The colour scale of f over a domain, and where it stops short of f.
///
/// `lo..hi` is what the colours span. Where f runs off towards ±∞ (a pole,
/// a log of zero) the scale is clipped, as matplotlib's `extend` shows it:
/// values beyond the clipped end take the end colour, and `under`/`over`
/// say where f ran away (to the grid's precision), so the figure can say so
/// and draw an arrowhead on its colour bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColourScale {
    pub lo: f64,
    pub hi: f64,
    /// Some((x, y)) when the scale is clipped below lo: where f dives.
    pub under: Option<(f64, f64)>,
    /// Some((x, y)) when the scale is clipped above hi: where f climbs.
    pub over: Option<(f64, f64)>,
    /// Whether f runs away along a line rather than at a point (1/x along
    /// x = 0): `Some('x')` for a line x = const through `under`/`over`,
    /// `Some('y')` for y = const.
    pub under_along: Option<char>,
    pub over_along: Option<char>,
}

/// Share of the domain's area that a clipped end leaves in the end colour.
pub const CLIP_SHARE: f64 = 0.05;

/// An end counts as running away when looking 16 times closer to its
/// extreme cell moves that extreme by more than this share of the range:
/// a smooth function moves by about its slope times a cell, a pole by
/// many times the range, and log-like ends by a fixed step (ln 16).
const RUNAWAY: f64 = 0.25;

/// The colour scale of f over the domain.
///
/// The rule for huge and singular values: values that are not finite (a
/// pole hit exactly, a log of zero) are holes, not part of the scale. The
/// range is that of the finite values at the centres of a fixed
/// [`SCALE_CELLS`]² grid of cells, so it does not depend on the size of the
/// figure that asks and never lands exactly on a pole at a grid corner. An
/// end of that range is then checked for running away (see [`RUNAWAY`]);
/// if it does, the scale stops at the value that leaves [`CLIP_SHARE`] of
/// the area beyond it, like a robust (percentile) colour scale, but only at
/// an end that needs it: a smooth function keeps its whole range.
/// `None` if no value is finite.
pub fn colour_range(
    f: &mut Scalar,
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
) -> Result<Option<ColourScale>, Error> {
    check_grid(xmin, xmax, SCALE_CELLS, ymin, ymax, SCALE_CELLS)?;
    let n = SCALE_CELLS;
    let xs = centers(xmin, xmax, n);
    let ys = centers(ymin, ymax, n);
    let mut v = vec![0.0; n * n];
    f.values_on(&xs, &ys, &mut v)?;
    let Some((min, max)) = crate::colormap::finite_range(&v) else {
        return Ok(None);
    };
    let mut scale = ColourScale {
        lo: min,
        hi: max,
        under: None,
        over: None,
        under_along: None,
        over_along: None,
    };
    if !(max > min) || !(max - min).is_finite() {
        return Ok(Some(scale));
    }
    let (dx, dy) = ((xmax - xmin) / n as f64, (ymax - ymin) / n as f64);
    // The extreme cell's block of 3 × 3 cells, sampled 16 times finer:
    // the most extreme value there.
    let mut closer = |k: usize, top: bool| -> Result<f64, Error> {
        const FINE: usize = 48;
        let (i, j) = (k % n, k / n);
        let (i0, j0) = (i.saturating_sub(1), j.saturating_sub(1));
        let (i1, j1) = ((i + 2).min(n), (j + 2).min(n));
        let fx = centers(xmin + i0 as f64 * dx, xmin + i1 as f64 * dx, FINE);
        let fy = centers(ymin + j0 as f64 * dy, ymin + j1 as f64 * dy, FINE);
        let mut w = vec![0.0; FINE * FINE];
        f.values_on(&fx, &fy, &mut w)?;
        let pick = |a: f64, b: f64| if top { a.max(b) } else { a.min(b) };
        Ok(w.iter()
            .filter(|u| u.is_finite())
            .fold(v[k], |a, &b| pick(a, b)))
    };
    // The extreme cell; of several equal ones (a pole along a line), the
    // one nearest the middle, so a note names a point a reader expects.
    let arg = |want: f64| {
        let mid = |k: usize| {
            let (a, b) = (
                (k % n) as f64 - n as f64 / 2.0,
                (k / n) as f64 - n as f64 / 2.0,
            );
            a * a + b * b
        };
        (0..v.len())
            .filter(|&k| v[k] == want)
            .min_by(|&a, &b| mid(a).total_cmp(&mid(b)))
            .unwrap_or(0)
    };
    let (k_top, k_bottom) = (arg(max), arg(min));
    let top = closer(k_top, true)?;
    let bottom = closer(k_bottom, false)?;
    let (clip_hi, clip_lo) = clipped_ends(&v, min, max, top, bottom);
    // The cells beyond a clipped end: a narrow band of columns (rows)
    // running across most of the domain is a line x = c (y = c), and the
    // note should say "along", not "near" one point of it.
    let along = |beyond: &dyn Fn(f64) -> bool| -> Option<char> {
        let (mut i0, mut i1, mut j0, mut j1) = (n, 0, n, 0);
        for (k, &u) in v.iter().enumerate() {
            if u.is_finite() && beyond(u) {
                let (i, j) = (k % n, k / n);
                (i0, i1, j0, j1) = (i0.min(i), i1.max(i), j0.min(j), j1.max(j));
            }
        }
        if i0 > i1 {
            return None;
        }
        let (w, h) = (i1 - i0 + 1, j1 - j0 + 1);
        if w <= n / 16 && h >= n / 2 {
            Some('x')
        } else if h <= n / 16 && w >= n / 2 {
            Some('y')
        } else {
            None
        }
    };
    // Where f ran away: the extreme cell's centre, rounded to a power of
    // ten no finer than a cell (a pole at the origin reads (0, 0), not
    // (0.0078, 0.0078)).
    let at = |k: usize| (round_to(xs[k % n], dx), round_to(ys[k / n], dy));
    if let Some(qhi) = clip_hi {
        scale.hi = qhi;
        scale.over = Some(at(k_top));
        scale.over_along = along(&|u| u > qhi);
    }
    if let Some(qlo) = clip_lo {
        scale.lo = qlo;
        scale.under = Some(at(k_bottom));
        scale.under_along = along(&|u| u < qlo);
    }
    Ok(Some(scale))
}

/// The rule shared by colour scales and line plots: given the finite
/// samples' range `min..max` and the extremes seen looking closer (`top`,
/// `bottom`), the clipped high and low ends, if any. An end that runs away
/// (moves by more than [`RUNAWAY`] of the range) stops at the value that
/// leaves [`CLIP_SHARE`] of the finite samples beyond it.
fn clipped_ends(
    v: &[f64],
    min: f64,
    max: f64,
    top: f64,
    bottom: f64,
) -> (Option<f64>, Option<f64>) {
    let span = max - min;
    let runs_up = !(top - max <= RUNAWAY * span);
    let runs_down = !(min - bottom <= RUNAWAY * span);
    if !runs_up && !runs_down {
        return (None, None);
    }
    let mut finite: Vec<f64> = v.iter().copied().filter(|u| u.is_finite()).collect();
    let mut quantile = |p: f64| {
        let k = ((finite.len() - 1) as f64 * p).round() as usize;
        *finite.select_nth_unstable_by(k, f64::total_cmp).1
    };
    let (qlo, qhi) = (quantile(CLIP_SHARE), quantile(1.0 - CLIP_SHARE));
    let hi = (runs_up && qhi < max && qhi > min).then_some(qhi);
    let lo = (runs_down && qlo > min && qlo < hi.unwrap_or(max)).then_some(qlo);
    (hi, lo)
}

/// A curve y = g(t) ready for a line plot, and the y range to show.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePlot {
    /// Sample positions and values; a NaN value marks a break, placed
    /// between two samples where g jumps or runs off to infinity, so no
    /// false vertical line joins the two sides.
    pub ts: Vec<f64>,
    pub ys: Vec<f64>,
    /// The y range: the finite values' range, clipped at a runaway end by
    /// the same rule as [`colour_range`].
    pub lo: f64,
    pub hi: f64,
    /// Where g dives below `lo` or climbs above `hi` (Some when clipped).
    pub under: Option<f64>,
    pub over: Option<f64>,
}

/// Bisections when checking whether g is continuous between two samples.
const BISECTIONS: usize = 40;

/// Samples g at `n` points of [a, b] (numpy's linspace) for a line plot.
///
/// Two samples are joined only if g is continuous between them. Suspect
/// steps (over 20 times the median step) are bisected towards the bigger
/// change: a continuous function's step shrinks with its interval, a jump
/// keeps it, and a pole grows it or hits a value that is not finite.
pub fn curve_plot(mut g: impl FnMut(f64) -> f64, a: f64, b: f64, n: usize) -> CurvePlot {
    let ts0 = linspace(a, b, n);
    let ys0: Vec<f64> = ts0.iter().map(|&t| g(t)).collect();
    let steps: Vec<f64> = ys0
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .filter(|d| d.is_finite())
        .collect();
    let typical = {
        let mut s = steps.clone();
        if s.is_empty() {
            0.0
        } else {
            let k = s.len() / 2;
            *s.select_nth_unstable_by(k, f64::total_cmp).1
        }
    };
    let mut broken = |l: f64, r: f64, yl: f64, yr: f64| -> bool {
        let gap = (yr - yl).abs();
        let (mut l, mut r, mut yl, mut yr) = (l, r, yl, yr);
        for _ in 0..BISECTIONS {
            let m = 0.5 * (l + r);
            if !(m > l && m < r) {
                break;
            }
            let ym = g(m);
            if !ym.is_finite() {
                return true;
            }
            if (ym - yl).abs() >= (yr - ym).abs() {
                (r, yr) = (m, ym);
            } else {
                (l, yl) = (m, ym);
            }
        }
        (yr - yl).abs() > 0.5 * gap
    };
    let mut ts = Vec::with_capacity(n + 8);
    let mut ys = Vec::with_capacity(n + 8);
    for i in 0..n {
        if i > 0 {
            let (yl, yr) = (ys0[i - 1], ys0[i]);
            let d = (yr - yl).abs();
            if d.is_finite() && d > 20.0 * typical && broken(ts0[i - 1], ts0[i], yl, yr) {
                ts.push(0.5 * (ts0[i - 1] + ts0[i]));
                ys.push(f64::NAN);
            }
        }
        ts.push(ts0[i]);
        ys.push(ys0[i]);
    }
    let (min, max) = crate::colormap::finite_range(&ys0).unwrap_or((f64::NAN, f64::NAN));
    let mut plot = CurvePlot {
        ts,
        ys,
        lo: min,
        hi: max,
        under: None,
        over: None,
    };
    if !(max > min) || !(max - min).is_finite() || n < 3 {
        return plot;
    }
    // The runaway test of the colour scale, in one dimension: look 16
    // times closer around the extreme sample.
    let arg = |want: f64| ys0.iter().position(|&y| y == want).unwrap_or(0);
    let mut closer = |k: usize, top: bool| {
        let (l, r) = (ts0[k.saturating_sub(1)], ts0[(k + 1).min(n - 1)]);
        let pick = |a: f64, b: f64| if top { a.max(b) } else { a.min(b) };
        (0..32)
            .map(|q| g(l + (q as f64 + 0.5) / 32.0 * (r - l)))
            .filter(|y| y.is_finite())
            .fold(ys0[k], pick)
    };
    let (k_top, k_bottom) = (arg(max), arg(min));
    let (top, bottom) = (closer(k_top, true), closer(k_bottom, false));
    let (clip_hi, clip_lo) = clipped_ends(&ys0, min, max, top, bottom);
    if let Some(qhi) = clip_hi {
        plot.hi = qhi;
        plot.over = Some(ts0[k_top]);
    }
    if let Some(qlo) = clip_lo {
        plot.lo = qlo;
        plot.under = Some(ts0[k_bottom]);
    }
    plot
}

/// `x` rounded to the finest power of ten not below `cell`.
fn round_to(x: f64, cell: f64) -> f64 {
    let unit = 10f64.powf(cell.abs().log10().ceil());
    if !(unit > 0.0) || !unit.is_finite() {
        return x;
    }
    let r = (x / unit).round() * unit;
    // Printing-friendly: cut the binary noise of the multiplication.
    let digits = (-unit.log10()).max(0.0) as i32;
    let p = 10f64.powi(digits);
    if p.is_finite() {
        (r * p).round() / p
    } else {
        r
    }
}

/// Cells probed in each direction at most: enough to see aliasing spread
/// over a figure, cheap enough for every redraw of a domain.
const PROBES: usize = 40;

/// For a grid of `nx` × `ny` points spanning the domain (a linspace grid;
/// for a figure sampled at pixel centres, pass the pixel counts: the
/// spacing is the same), the fraction of probed cells where a value inside
/// the cell misses the bilinear blend of the cell's corners by more than `tol` times the
/// function's typical spread (5th to 95th percentile of the probed values).
/// Smooth functions on a fine enough grid give 0; a grid too coarse for
/// the function gives a large fraction. Cells with a non-finite value are
/// left out, so a single pole does not count as roughness.
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
pub fn roughness(
    f: &mut Scalar,
    xmin: f64,
    xmax: f64,
    nx: usize,
    ymin: f64,
    ymax: f64,
    ny: usize,
    tol: f64,
) -> Result<f64, Error> {
    check_grid(xmin, xmax, nx, ymin, ymax, ny)?;
    if nx < 2 || ny < 2 {
        return Ok(0.0);
    }
    // Probe evenly spread cells: for each, its two grid lines and a point
    // between them, placed by a low-discrepancy sequence (golden ratio for
    // x, the plastic number for y) between 15% and 85% of the cell.
    let probe = |a: f64, b: f64, n: usize, g: f64| -> (Vec<f64>, Vec<f64>) {
        let step = (b - a) / (n - 1) as f64;
        let k = (n - 1).min(PROBES);
        let mut out = Vec::with_capacity(3 * k);
        let mut frac = Vec::with_capacity(k);
        for c in 0..k {
            let i = ((c as f64 + 0.37) * (n - 1) as f64 / k as f64) as usize;
            let u = 0.15 + 0.7 * ((c + 1) as f64 * g).fract();
            let x0 = a + i as f64 * step;
            out.extend_from_slice(&[x0, x0 + u * step, x0 + step]);
            frac.push(u);
        }
        (out, frac)
    };
    let (xs, us) = probe(xmin, xmax, nx, 0.618_033_988_749_895);
    let (ys, vs) = probe(ymin, ymax, ny, 0.754_877_666_246_693);
    let mut v = vec![0.0; xs.len() * ys.len()];
    f.values_on(&xs, &ys, &mut v)?;
    let w = xs.len();
    let at = |i: usize, j: usize| v[j * w + i];
    let mut corners: Vec<f64> = Vec::new();
    let mut misses: Vec<f64> = Vec::new();
    for cj in 0..ys.len() / 3 {
        for ci in 0..xs.len() / 3 {
            let (i, j) = (3 * ci, 3 * cj);
            let c = [at(i, j), at(i + 2, j), at(i, j + 2), at(i + 2, j + 2)];
            let mid = at(i + 1, j + 1);
            if c.iter().chain([&mid]).any(|x| !x.is_finite()) {
                continue;
            }
            let (u, v) = (us[ci], vs[cj]);
            let guess = (1.0 - u) * (1.0 - v) * c[0]
                + u * (1.0 - v) * c[1]
                + (1.0 - u) * v * c[2]
                + u * v * c[3];
            corners.extend_from_slice(&c);
            misses.push((mid - guess).abs());
        }
    }
    if misses.is_empty() {
        return Ok(0.0);
    }
    corners.sort_by(f64::total_cmp);
    let q = |p: f64| corners[((corners.len() - 1) as f64 * p).round() as usize];
    let spread = q(0.95) - q(0.05);
    if !(spread > 0.0) {
        return Ok(0.0);
    }
    let bad = misses.iter().filter(|&&m| m > tol * spread).count();
    Ok(bad as f64 / misses.len() as f64)
}

/// Above this share of badly missed cells (each off by more than a tenth of
/// the spread), the grid shows a pattern that is not the function's.
pub const ALIAS_SHARE: f64 = 0.05;
const ALIAS_TOL: f64 = 0.1;

/// Whether a grid of `nx` × `ny` points is too coarse for f: the figure
/// should say so rather than let the student trust the picture.
#[allow(clippy::too_many_arguments)]
pub fn undersampled(
    f: &mut Scalar,
    xmin: f64,
    xmax: f64,
    nx: usize,
    ymin: f64,
    ymax: f64,
    ny: usize,
) -> Result<bool, Error> {
    Ok(roughness(f, xmin, xmax, nx, ymin, ymax, ny, ALIAS_TOL)? > ALIAS_SHARE)
}

/// Mesh points a side for the 3D view, and whether even that is too coarse.
///
/// Starts from about one grid line per 12 pixels (a mesh finer than the
/// pixels it lands on only costs time) and doubles while more than 1% of
/// cells miss by more than 2% of the spread, up to one line per 3 pixels
/// (and at most `MAX_MESH`). A smooth bowl stays coarse and fast; a ripple
/// gets the lines it needs; a function faster than any of these is flagged.
pub const MIN_MESH: usize = 16;
pub const MAX_MESH: usize = 160;

pub fn mesh_resolution(
    f: &mut Scalar,
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
    plot_px: f64,
) -> Result<(usize, bool), Error> {
    let px = if plot_px.is_finite() {
        plot_px.max(0.0)
    } else {
        0.0
    };
    let cap = ((px / 3.0) as usize).clamp(MIN_MESH, MAX_MESH);
    let mut n = ((px / 12.0) as usize).clamp(MIN_MESH, cap);
    while n < cap && roughness(f, xmin, xmax, n, ymin, ymax, n, 0.02)? > 0.01 {
        n = (2 * n).min(cap);
    }
    let aliased = undersampled(f, xmin, xmax, n, ymin, ymax, n)?;
    Ok((n, aliased))
}

/// f on the n × n linspace grid, row-major with row 0 at ymin.
pub fn mesh_values(
    f: &mut Scalar,
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
    n: usize,
) -> Result<Vec<f64>, Error> {
    check_grid(xmin, xmax, n, ymin, ymax, n)?;
    let mut v = vec![0.0; n * n];
    f.values_on(&linspace(xmin, xmax, n), &linspace(ymin, ymax, n), &mut v)?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(t: &str) -> Scalar {
        Scalar::parse(t, Some(&["x".to_string(), "y".to_string()])).unwrap()
    }

    fn scale(t: &str, d: [f64; 4]) -> ColourScale {
        colour_range(&mut f(t), d[0], d[1], d[2], d[3])
            .unwrap()
            .unwrap()
    }

    /// The share of cell-centre values above `t`, by counting.
    fn share_above(t: &str, d: [f64; 4], at: f64) -> f64 {
        let n = SCALE_CELLS;
        let (xs, ys) = (centers(d[0], d[1], n), centers(d[2], d[3], n));
        let mut v = vec![0.0; n * n];
        f(t).values_on(&xs, &ys, &mut v).unwrap();
        let fin: Vec<f64> = v.into_iter().filter(|u| u.is_finite()).collect();
        fin.iter().filter(|&&u| u > at).count() as f64 / fin.len() as f64
    }

    #[test]
    fn poles_are_clipped_and_smooth_functions_keep_their_whole_range() {
        let d = [0.0, 4.0, 0.0, 4.0];
        // 1/(x^2+y^2): the top 5% of the area shares the top colour.
        let s = scale("1/(x^2+y^2)", d);
        assert_eq!(s.over, Some((0.0, 0.0)));
        assert_eq!(s.under, None);
        assert!((s.lo - 1.0 / 32.0).abs() < 1e-3, "{s:?}");
        let above = share_above("1/(x^2+y^2)", d, s.hi);
        assert!((above - CLIP_SHARE).abs() < 0.002, "{above}");
        // Independent: {1/r^2 > c} is a quarter disc of radius 1/sqrt(c)
        // covering 5% of 16, so c = pi / (4 * 0.8).
        let c = std::f64::consts::PI / 3.2;
        assert!((s.hi - c).abs() < 0.02 * c, "{} vs {c}", s.hi);
        // Smooth, even steep or skewed, functions are not clipped.
        for t in [
            "sin(x*y)",
            "exp(x)",
            "x^2 + y^2",
            "exp(x*y)",
            "floor(x) + y",
            "sign(x - 1)",
        ] {
            let s = scale(t, d);
            assert!(s.under.is_none() && s.over.is_none(), "{t}: {s:?}");
        }
        assert!((scale("exp(x)", d).hi - (4.0f64 - 1.0 / 128.0).exp()).abs() < 1e-9);
        // Both ends: 1/x across its pole, clipped at about ±10 on [-1, 1].
        let s = scale("1/x", [-1.0, 1.0, -1.0, 1.0]);
        // Along its pole line x = 0 the note names the middle, (0, 0), and
        // knows it is a line; a point pole is not.
        assert_eq!(s.over, Some((0.0, 0.0)));
        assert_eq!(s.under, Some((0.0, 0.0)));
        assert_eq!((s.under_along, s.over_along), (Some('x'), Some('x')));
        assert_eq!(scale("1/y^2", [-1.0, 1.0, -1.0, 1.0]).over_along, Some('y'));
        assert_eq!(scale("1/(x^2+y^2)", [0.0, 4.0, 0.0, 4.0]).over_along, None);
        assert!(
            (s.hi - 10.0).abs() < 0.3 && (s.lo + 10.0).abs() < 0.3,
            "{s:?}"
        );
        // A pole inside the domain, away from every grid line.
        let s = scale("1/((x-1.3)^2 + (y-2.7)^2)", d);
        assert_eq!(s.over, Some((1.3, 2.7)));
        // A log's end dives; tan(x*y) runs away both ways.
        assert!(scale("ln(x)", d).under.is_some());
        let s = scale("tan(x*y)", d);
        assert!(s.under.is_some() && s.over.is_some(), "{s:?}");
        // Off the pole the same function is smooth.
        let s = scale("1/(x^2+y^2)", [1.0, 4.0, 1.0, 4.0]);
        assert!(s.over.is_none() && (s.hi - 0.5).abs() < 0.01);
        assert_eq!(
            colour_range(&mut f("ln(-1 - x^2) + y"), 0.0, 1.0, 0.0, 1.0).unwrap(),
            None
        );
        // Flat and constant functions: one value, nothing clipped.
        let s = scale("3", d);
        assert_eq!(
            (s.lo, s.hi, s.under, s.over, s.over_along),
            (3.0, 3.0, None, None, None)
        );
    }

    #[test]
    fn the_scale_ignores_figure_size_and_poles_hit_exactly() {
        // The pole at the corner is never sampled; without clipping the
        // range would reach 1/(2 (1/128)^2) = 8192.
        let s = scale("1/(x^2+y^2)", [-2.0, 2.0, -2.0, 2.0]);
        assert!(s.over.is_some() && s.hi < 50.0, "{s:?}");
        let s = scale("sin(x*y)", [0.0, 4.0, 0.0, 4.0]);
        assert!(s.lo < -0.999 && s.hi > 0.999);
    }

    #[test]
    fn curves_break_at_poles_and_jumps_but_not_on_steep_smooth_stretches() {
        let breaks = |c: &CurvePlot| c.ys.iter().filter(|y| y.is_nan()).count();
        // 1/x on [-2.05, 3.95]: no sample hits 0, yet the two sides are not
        // joined; the y range stops where 5% of the samples lie beyond.
        let c = curve_plot(|x| 1.0 / x, -2.05, 3.95, 301);
        assert_eq!(breaks(&c), 1);
        let k = c.ys.iter().position(|y| y.is_nan()).unwrap();
        assert!(c.ts[k - 1] < 0.0 && c.ts[k + 1] > 0.0);
        assert!(c.over.is_some() && c.under.is_some());
        assert!(c.hi < 20.0 && c.lo > -40.0, "{} {}", c.lo, c.hi);
        // Jumps break; a steep but continuous tanh does not; nor does sin.
        assert_eq!(breaks(&curve_plot(f64::floor, -2.05, 3.95, 301)), 6);
        let steep = curve_plot(|x| (1000.0 * x).tanh(), -1.0, 1.0, 301);
        assert_eq!(breaks(&steep), 0);
        assert!(steep.over.is_none() && steep.under.is_none());
        let s = curve_plot(f64::sin, -3.0, 3.0, 301);
        assert_eq!((breaks(&s), s.ts.len()), (0, 301));
        assert_eq!((s.under, s.over), (None, None));
        // ln x: dives near 0, clipped below only.
        let l = curve_plot(f64::ln, 0.0, 4.0, 301);
        assert!(l.under.is_some() && l.over.is_none(), "{l:?}");
        // Constant: one value.
        let k = curve_plot(|_| 3.0, 0.0, 1.0, 11);
        assert_eq!((k.lo, k.hi), (3.0, 3.0));
    }

    #[test]
    fn sin_x_on_a_thousand_is_flagged_and_smooth_functions_are_not() {
        // The page's heatmap: about 500 pixel columns over [0, 1000].
        assert!(undersampled(&mut f("sin(x)"), 0.0, 1000.0, 500, 0.0, 1000.0, 500).unwrap());
        assert!(!undersampled(&mut f("sin(x)"), 0.0, 4.0, 500, 0.0, 4.0, 500).unwrap());
        assert!(!undersampled(&mut f("sin(x*y)"), 0.0, 4.0, 40, 0.0, 4.0, 40).unwrap());
        // A pole is a hole, not roughness.
        assert!(!undersampled(&mut f("1/(x^2+y^2)"), -2.0, 2.0, 400, -2.0, 2.0, 400).unwrap());
        assert!(!undersampled(&mut f("ln(x)"), -2.0, 4.0, 400, -2.0, 4.0, 400).unwrap());
    }

    #[test]
    fn the_mesh_refines_where_the_function_varies_fast() {
        let (smooth, a1) =
            mesh_resolution(&mut f("9 - x^2 - y^2"), -3.0, 3.0, -3.0, 3.0, 480.0).unwrap();
        let (wavy, a2) =
            mesh_resolution(&mut f("sin(3*x)*cos(3*y)"), -4.0, 4.0, -4.0, 4.0, 480.0).unwrap();
        assert!(!a1 && !a2);
        assert!(wavy > smooth, "{wavy} {smooth}");
        assert!(smooth >= MIN_MESH && wavy <= MAX_MESH);
        let (n, aliased) =
            mesh_resolution(&mut f("sin(x)"), 0.0, 1000.0, 0.0, 1000.0, 480.0).unwrap();
        assert!(aliased, "{n}");
    }
}
