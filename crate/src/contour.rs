//! Level curves by marching squares: segments for many levels, and whole
//! polylines for one (the curve through a chosen point, drawn dashed).
//!
//! Contours: each grid cell is classified by which corners lie above the
//! level; the curve crosses the cell's edges where linear interpolation
//! between corner values meets the level. Saddle cells (two opposite corners
//! above) are split by the value at the cell's centre. Cells with a
//! non-finite corner are skipped: the curve stops at the edge of the domain
//! where f is defined.

/// The grid a level curve is traced on: values sampled at `xs` × `ys`
/// (row-major, row 0 at ys[0]).
struct Grid<'a> {
    values: &'a [f64],
    xs: &'a [f64],
    ys: &'a [f64],
}

impl Grid<'_> {
    fn at(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.xs.len() + i]
    }

    /// Every grid edge has one number: horizontal edges (i, j)–(i+1, j)
    /// first, then vertical ones (i, j)–(i, j+1). Neighbouring cells name a
    /// shared crossing by its edge, so curves are joined by identity, never
    /// by comparing rounded coordinates.
    fn edge(&self, i: usize, j: usize, vertical: bool) -> usize {
        let nx = self.xs.len();
        if vertical {
            (nx - 1) * self.ys.len() + j * nx + i
        } else {
            j * (nx - 1) + i
        }
    }

    /// Where the level crosses an edge, interpolated from its lower corner,
    /// so both cells that share the edge get the same point to the bit.
    fn crossing(&self, edge: usize, level: f64) -> (f64, f64) {
        let nx = self.xs.len();
        let h = (nx - 1) * self.ys.len();
        let (i, j, di, dj) = if edge < h {
            (edge % (nx - 1), edge / (nx - 1), 1, 0)
        } else {
            ((edge - h) % nx, (edge - h) / nx, 0, 1)
        };
        let (a, b) = (self.at(i, j), self.at(i + di, j + dj));
        let t = (level - a) / (b - a);
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (x0, y0) = (self.xs[i], self.ys[j]);
        let (x1, y1) = (self.xs[i + di], self.ys[j + dj]);
        (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
    }

    /// Marching squares for one level: calls `emit(edge a, edge b)` for each
    /// piece of curve across a cell. A corner counts as above when its
    /// value is greater than the level, so a corner exactly at the level
    /// gives crossings at that corner on its edges, still named by edge:
    /// the pieces around it join. Saddle cells (two opposite corners above)
    /// are split by the value at the cell's centre; cells with a non-finite
    /// corner are skipped.
    fn cells(&self, level: f64, mut emit: impl FnMut(usize, usize) -> bool) {
        let (nx, ny) = (self.xs.len(), self.ys.len());
        for j in 0..ny - 1 {
            for i in 0..nx - 1 {
                // Corners counter-clockwise from bottom-left, and the edges
                // after each corner: bottom, right, top, left.
                let v = [
                    self.at(i, j),
                    self.at(i + 1, j),
                    self.at(i + 1, j + 1),
                    self.at(i, j + 1),
                ];
                if v.iter().any(|x| !x.is_finite()) {
                    continue;
                }
                let edges = [
                    self.edge(i, j, false),
                    self.edge(i + 1, j, true),
                    self.edge(i, j + 1, false),
                    self.edge(i, j, true),
                ];
                let above = v.map(|x| x > level);
                let mut cross = [0usize; 4];
                let mut n = 0;
                for k in 0..4 {
                    if above[k] != above[(k + 1) % 4] {
                        cross[n] = edges[k];
                        n += 1;
                    }
                }
                let more = match n {
                    2 => emit(cross[0], cross[1]),
                    4 => {
                        // Saddle: the centre decides which corners connect.
                        let centre = (v[0] + v[1] + v[2] + v[3]) / 4.0;
                        if (centre > level) == above[0] {
                            emit(cross[0], cross[1]) && emit(cross[2], cross[3])
                        } else {
                            emit(cross[0], cross[3]) && emit(cross[1], cross[2])
                        }
                    }
                    _ => true,
                };
                if !more {
                    return;
                }
            }
        }
    }
}

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
    let mut out = Vec::new();
    if xs.len() < 2 || ys.len() < 2 || values.len() < xs.len() * ys.len() {
        return out;
    }
    let grid = Grid { values, xs, ys };
    for (li, &level) in levels.iter().enumerate() {
        if !level.is_finite() {
            continue;
        }
        let mut full = false;
        grid.cells(level, |a, b| {
            let (p, q) = (grid.crossing(a, level), grid.crossing(b, level));
            out.extend_from_slice(&[li as f64, p.0, p.1, q.0, q.1]);
            full = out.len() / 5 >= max_segments;
            !full
        });
        if full {
            break;
        }
    }
    out
}

/// The curve f = level as whole polylines (each a list of points; a closed
/// curve repeats its first point at the end), so a dashed line runs on
/// unbroken along it. Pieces are joined through the grid edges they share:
/// every crossing belongs to at most two pieces, so the joining is exact,
/// also where the level passes through a grid point. At most `max_points`
/// points in all.
pub fn level_lines(
    values: &[f64],
    xs: &[f64],
    ys: &[f64],
    level: f64,
    max_points: usize,
) -> Vec<Vec<(f64, f64)>> {
    if xs.len() < 2 || ys.len() < 2 || values.len() < xs.len() * ys.len() || !level.is_finite() {
        return Vec::new();
    }
    let grid = Grid { values, xs, ys };
    let mut segs: Vec<[usize; 2]> = Vec::new();
    grid.cells(level, |a, b| {
        segs.push([a, b]);
        segs.len() < max_points
    });
    // Per edge, the (at most two) pieces that touch it.
    let mut touching: std::collections::HashMap<usize, [usize; 2]> = Default::default();
    for (k, s) in segs.iter().enumerate() {
        for &e in s {
            let slot = touching.entry(e).or_insert([usize::MAX; 2]);
            if slot[0] == usize::MAX {
                slot[0] = k;
            } else {
                slot[1] = k;
            }
        }
    }
    let mut used = vec![false; segs.len()];
    // From edge `e`, along unused pieces, collecting the edges passed.
    let walk = |mut e: usize, used: &mut Vec<bool>| {
        let mut edges = Vec::new();
        while let Some(&k) = touching
            .get(&e)
            .and_then(|t| t.iter().find(|&&k| k != usize::MAX && !used[k]))
        {
            used[k] = true;
            e = if segs[k][0] == e {
                segs[k][1]
            } else {
                segs[k][0]
            };
            edges.push(e);
        }
        edges
    };
    let mut lines = Vec::new();
    for k in 0..segs.len() {
        if used[k] {
            continue;
        }
        used[k] = true;
        let [a, b] = segs[k];
        let ahead = walk(b, &mut used);
        let behind = walk(a, &mut used);
        let mut edges: Vec<usize> = behind.into_iter().rev().collect();
        edges.push(a);
        edges.push(b);
        edges.extend(ahead);
        let mut pts: Vec<(f64, f64)> = Vec::with_capacity(edges.len());
        for e in edges {
            let p = grid.crossing(e, level);
            // A level through a grid point puts several crossings there.
            if pts.last() != Some(&p) {
                pts.push(p);
            }
        }
        if pts.len() >= 2 {
            lines.push(pts);
        }
    }
    lines
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

    fn paraboloid(n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let xs = linspace(-2.0, 2.0, n);
        let ys = xs.clone();
        let vals = ys
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| x * x + y * y))
            .collect();
        (xs, ys, vals)
    }

    #[test]
    fn a_level_through_grid_points_is_one_closed_curve() {
        // Step 0.25: the circle r = 1 passes exactly through (±1, 0) and
        // (0, ±1), grid points whose value is the level itself.
        let (xs, ys, vals) = paraboloid(17);
        assert_eq!(vals[8 * 17 + 12], 1.0);
        let lines = level_lines(&vals, &xs, &ys, 1.0, 10_000);
        assert_eq!(lines.len(), 1, "{lines:?}");
        let l = &lines[0];
        assert_eq!(l.first(), l.last(), "closed");
        assert!(l.len() > 12);
        for &(x, y) in l {
            assert!(((x * x + y * y).sqrt() - 1.0).abs() < 0.05, "{x} {y}");
        }
        // The same off the grid points, and at the page's 121 points.
        for (n, level) in [(17, 1.1), (121, 1.0), (121, 2.0)] {
            let (xs, ys, vals) = paraboloid(n);
            let lines = level_lines(&vals, &xs, &ys, level, 100_000);
            assert_eq!(lines.len(), 1, "n = {n}, level {level}");
            assert_eq!(lines[0].first(), lines[0].last());
        }
    }

    #[test]
    fn open_curves_end_at_the_domain_and_holes() {
        // x + y = 1 on [0, 1]^2 with a grid point exactly on the line at
        // every column: one open polyline from edge to edge.
        let xs = linspace(0.0, 1.0, 11);
        let ys = xs.clone();
        let vals: Vec<f64> = ys
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| x + y))
            .collect();
        let lines = level_lines(&vals, &xs, &ys, 1.0, 10_000);
        assert_eq!(lines.len(), 1, "{lines:?}");
        let (a, b) = (lines[0][0], *lines[0].last().unwrap());
        assert!((a.0 + a.1 - 1.0).abs() < 1e-12 && (b.0 + b.1 - 1.0).abs() < 1e-12);
        assert!(
            (a.0 - b.0).abs() > 0.99,
            "from one edge to the other: {a:?} {b:?}"
        );
        // Two circles (x^2 + y^2 = 1 around two centres) stay two curves.
        let xs = linspace(-3.0, 3.0, 61);
        let ys = linspace(-2.0, 2.0, 41);
        let vals: Vec<f64> = ys
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| (x.abs() - 1.5).powi(2) + y * y))
            .collect();
        assert_eq!(level_lines(&vals, &xs, &ys, 1.0, 10_000).len(), 2);
        // Bounded output.
        let (xs, ys, vals) = paraboloid(121);
        let lines = level_lines(&vals, &xs, &ys, 1.0, 50);
        assert!(lines.iter().map(Vec::len).sum::<usize>() <= 50 + lines.len());
    }
}
