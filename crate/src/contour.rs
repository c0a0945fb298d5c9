//! Level curves by marching squares, and paths that follow the gradient.
//!
//! Contours: each grid cell is classified by which corners lie above the
//! level; the curve crosses the cell's edges where linear interpolation
//! between corner values meets the level. Saddle cells (two opposite corners
//! above) are split by the value at the cell's centre. Cells with a
//! non-finite corner are skipped: the curve stops at the edge of the domain
//! where f is defined.

/// Segments of the curves f = level for each level, on values sampled at
/// `xs` × `ys` (row-major, row 0 at ys[0]). Output: five numbers a segment,
/// `[level index, x0, y0, x1, y1]`. Stops after `max_segments`.
pub fn contours(
    values: &[f64],
    xs: &[f64],
    ys: &[f64],
    levels: &[f64],
    max_segments: usize,
) -> Vec<f64> {
    let (nx, ny) = (xs.len(), ys.len());
    let mut out = Vec::new();
    if nx < 2 || ny < 2 || values.len() < nx * ny {
        return out;
    }
    for (li, &level) in levels.iter().enumerate() {
        if !level.is_finite() {
            continue;
        }
        for j in 0..ny - 1 {
            for i in 0..nx - 1 {
                // Corners counter-clockwise from bottom-left.
                let v = [
                    values[j * nx + i],
                    values[j * nx + i + 1],
                    values[(j + 1) * nx + i + 1],
                    values[(j + 1) * nx + i],
                ];
                if v.iter().any(|x| !x.is_finite()) {
                    continue;
                }
                let p = [
                    (xs[i], ys[j]),
                    (xs[i + 1], ys[j]),
                    (xs[i + 1], ys[j + 1]),
                    (xs[i], ys[j + 1]),
                ];
                let above: Vec<bool> = v.iter().map(|&x| x > level).collect();
                // Crossing points on edges k = (corner k, corner k+1).
                let mut cross: Vec<(usize, (f64, f64))> = Vec::with_capacity(4);
                for k in 0..4 {
                    let k2 = (k + 1) % 4;
                    if above[k] != above[k2] {
                        let t = (level - v[k]) / (v[k2] - v[k]);
                        cross.push((
                            k,
                            (
                                p[k].0 + t * (p[k2].0 - p[k].0),
                                p[k].1 + t * (p[k2].1 - p[k].1),
                            ),
                        ));
                    }
                }
                let mut emit = |a: (f64, f64), b: (f64, f64)| {
                    out.extend_from_slice(&[li as f64, a.0, a.1, b.0, b.1]);
                };
                match cross.len() {
                    2 => emit(cross[0].1, cross[1].1),
                    4 => {
                        // Saddle: the centre decides which corners connect.
                        let centre = (v[0] + v[1] + v[2] + v[3]) / 4.0;
                        if (centre > level) == above[0] {
                            emit(cross[0].1, cross[1].1);
                            emit(cross[2].1, cross[3].1);
                        } else {
                            emit(cross[0].1, cross[3].1);
                            emit(cross[1].1, cross[2].1);
                        }
                    }
                    _ => {}
                }
                if out.len() / 5 >= max_segments {
                    return out;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::linspace;

    #[test]
    fn circles_of_a_paraboloid() {
        // f = x² + y²: the level r² is the circle of radius r.
        let xs = linspace(-2.0, 2.0, 81);
        let ys = linspace(-2.0, 2.0, 81);
        let vals: Vec<f64> = ys
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| x * x + y * y))
            .collect();
        let segs = contours(&vals, &xs, &ys, &[1.0, 2.25], 100_000);
        assert!(segs.len() / 5 > 50);
        for s in segs.chunks_exact(5) {
            let r = [1.0, 1.5][s[0] as usize];
            for (x, y) in [(s[1], s[2]), (s[3], s[4])] {
                assert!(((x * x + y * y).sqrt() - r).abs() < 0.01, "{x} {y} {r}");
            }
        }
    }

    #[test]
    fn undefined_cells_are_skipped_and_output_is_bounded() {
        let xs = linspace(0.0, 1.0, 3);
        let ys = linspace(0.0, 1.0, 3);
        let vals = [0.0, 1.0, f64::NAN, 0.0, 1.0, 2.0, 0.0, 1.0, 2.0];
        let segs = contours(&vals, &xs, &ys, &[0.5, f64::NAN], 1000);
        // Only the left column of cells is fully defined.
        assert!(segs
            .chunks_exact(5)
            .all(|s| s[1] <= 0.5 + 1e-12 && s[3] <= 0.5 + 1e-12));
        assert_eq!(contours(&vals, &xs, &ys, &[0.5], 1).len(), 5);
    }
}
