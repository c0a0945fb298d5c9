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

/// The colour scale of f over the domain: the smallest and largest finite
/// values at the centres of a fixed [`SCALE_CELLS`]² grid of cells.
///
/// The rule for huge and singular values: a value that is not finite (a pole,
/// a log of zero) is a hole, not part of the scale; finite values count
/// however large. Sampling at cell centres keeps the scale finite near a pole
/// on a grid line or corner, where a linspace grid would land exactly on it.
/// `None` if no value is finite.
pub fn colour_range(
    f: &mut Scalar,
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
) -> Result<Option<(f64, f64)>, Error> {
    check_grid(xmin, xmax, SCALE_CELLS, ymin, ymax, SCALE_CELLS)?;
    let xs = centers(xmin, xmax, SCALE_CELLS);
    let ys = centers(ymin, ymax, SCALE_CELLS);
    let mut v = vec![0.0; SCALE_CELLS * SCALE_CELLS];
    f.values_on(&xs, &ys, &mut v)?;
    Ok(crate::colormap::finite_range(&v))
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

    #[test]
    fn the_colour_scale_skips_poles_and_ignores_figure_size() {
        let (lo, hi) = colour_range(&mut f("1/(x^2+y^2)"), 0.0, 4.0, 0.0, 4.0)
            .unwrap()
            .unwrap();
        // Nearest cell centre to the pole: (1/128, 1/128).
        assert!((hi - 8192.0).abs() < 1e-6, "{hi}");
        assert!((lo - 1.0 / 32.0).abs() < 1e-3, "{lo}");
        let (lo, hi) = colour_range(&mut f("sin(x*y)"), 0.0, 4.0, 0.0, 4.0)
            .unwrap()
            .unwrap();
        assert!(lo < -0.999 && hi > 0.999);
        assert_eq!(
            colour_range(&mut f("ln(-1 - x^2) + y"), 0.0, 1.0, 0.0, 1.0).unwrap(),
            None
        );
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
