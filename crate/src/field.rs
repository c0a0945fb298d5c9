//! Functions as the page uses them: a scalar function with its exact
//! gradient, a vector-valued function with its Jacobian, and their values on
//! grids for the figures.
//!
//! All partial derivatives are built once, when the function is made, and
//! compiled together with the function so shared work is done once. A
//! function whose derivatives are too large is refused at construction, with
//! a message, rather than at the first drag.

use crate::compile::Program;
use crate::derive::derive;
use crate::error::{group, Error, DERIVATIVE_BUDGET, MAX_GRID_POINTS};
use crate::graph::{Fun1, Fun2, Graph, Id, Node};
use crate::parse::parse_all;
use crate::print;
use crate::wide::Wide;

/// `n` evenly spaced values from `a` to `b`, endpoints included, computed as
/// numpy's `linspace` computes them so grid points match the notebook's.
pub fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    if n == 1 {
        return vec![a];
    }
    let step = (b - a) / (n - 1) as f64;
    let mut v: Vec<f64> = (0..n).map(|i| i as f64 * step + a).collect();
    if let Some(last) = v.last_mut() {
        *last = b;
    }
    v
}

/// The centres of `n` equal cells between `a` and `b`: where a figure samples
/// each pixel column or row.
pub fn centers(a: f64, b: f64, n: usize) -> Vec<f64> {
    let w = (b - a) / n as f64;
    (0..n).map(|i| a + (i as f64 + 0.5) * w).collect()
}

pub fn check_grid(
    xmin: f64,
    xmax: f64,
    nx: usize,
    ymin: f64,
    ymax: f64,
    ny: usize,
) -> Result<(), Error> {
    if ![xmin, xmax, ymin, ymax].iter().all(|v| v.is_finite()) {
        return Err(Error::new("The domain's bounds must be finite numbers."));
    }
    // Reversed or zero-width ranges are fine, as in numpy's linspace.
    if nx == 0 || ny == 0 {
        return Err(Error::new(
            "A grid needs at least one point in each direction.",
        ));
    }
    if nx.saturating_mul(ny) > MAX_GRID_POINTS {
        return Err(Error::new(format!(
            "A grid of {} × {} points is too large; the limit is {} points.",
            group(nx as u64),
            group(ny as u64),
            group(MAX_GRID_POINTS as u64)
        )));
    }
    Ok(())
}

fn check_point(point: &[f64], vars: &[String]) -> Result<(), Error> {
    if point.len() != vars.len() {
        return Err(Error::new(format!(
            "This function has {} variable{} ({}), so a point needs {} coordinate{}, not {}.",
            vars.len(),
            if vars.len() == 1 { "" } else { "s" },
            vars.join(", "),
            vars.len(),
            if vars.len() == 1 { "" } else { "s" },
            point.len()
        )));
    }
    Ok(())
}

fn check_two(vars: &[String]) -> Result<(), Error> {
    if vars.len() != 2 {
        return Err(Error::new(format!(
            "A grid needs a function of exactly two variables; this one has {} ({}). Give the variables explicitly, e.g. [\"x\", \"y\"].",
            vars.len(),
            vars.join(", ")
        )));
    }
    Ok(())
}

/// Euclidean length, scaled so that huge or tiny components do not overflow.
pub fn norm(v: &[f64]) -> f64 {
    // The plain sum is the most accurate when it neither overflows nor underflows.
    let s: f64 = v.iter().map(|x| x * x).sum();
    if s.is_finite() && s > 1e-290 {
        return s.sqrt();
    }
    let m = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if m == 0.0 || !m.is_finite() {
        return if v.iter().any(|x| x.is_nan()) {
            f64::NAN
        } else {
            m
        };
    }
    m * v.iter().map(|x| (x / m) * (x / m)).sum::<f64>().sqrt()
}

/// A gradient path stops this far from the origin: it is running off.
pub const PATH_BOUND: f64 = 1e12;

/// Why a gradient path ended (see [`Scalar::path_run`]), with the point
/// where the next step would have landed when that is the reason.
#[derive(Clone, Debug, PartialEq)]
pub enum PathEnd {
    /// Every step was taken.
    Done,
    /// The last point has no gradient (a kink, a jump, an edge of the domain).
    NoGradient,
    /// The next step lands where f is undefined.
    Undefined(Vec<f64>),
    /// The next step lands where f is infinite.
    Infinite(Vec<f64>),
    /// The next step goes beyond [`PATH_BOUND`] from the origin.
    Far(Vec<f64>),
    /// The gradient is exactly zero at the last point: every further step
    /// would stay there (a stationary point, or a flat f).
    Stationary,
}

impl PathEnd {
    /// [code, point…] for the wasm boundary: 0 done, 1 no gradient,
    /// 2 undefined, 3 infinite, 4 far, 5 stationary.
    pub fn code(&self) -> Vec<f64> {
        let (c, p): (f64, &[f64]) = match self {
            PathEnd::Done => (0.0, &[]),
            PathEnd::NoGradient => (1.0, &[]),
            PathEnd::Undefined(p) => (2.0, p),
            PathEnd::Infinite(p) => (3.0, p),
            PathEnd::Far(p) => (4.0, p),
            PathEnd::Stationary => (5.0, &[]),
        };
        std::iter::once(c).chain(p.iter().copied()).collect()
    }
}

/// A real-valued function of several variables, with its exact gradient.
#[derive(Clone, Debug)]
pub struct Scalar {
    graph: Graph,
    root: Id,
    vars: Vec<String>,
    partials: Vec<Id>,
    value: Program,
    gradient: Program,
    both: Program,
    pairing: Pairing,
}

/// The grid a `grid` or `gradient_grid` call asked for.
type GridKey = [u64; 6];

/// Callers who want values and gradients on one grid (numpy users, the
/// README's first example) ask for them in two calls. Evaluating each half
/// alone computes shared subexpressions twice, so once a matching pair of
/// calls has been seen, the first call of the next pair evaluates both
/// halves in one pass and keeps the other half here for the second call.
/// A caller who only ever asks for one half never pays for the other.
#[derive(Clone, Debug, Default)]
struct Pairing {
    /// The last call's grid and which half it asked for (true: gradient).
    last: Option<(GridKey, bool)>,
    /// Pairs have been seen: evaluate both halves at once.
    paired: bool,
    /// The half kept for the matching call: its grid, which half, the data.
    kept: Option<(GridKey, bool, Vec<f64>)>,
    /// The combined evaluation's buffer, reused by the next pair.
    scratch: Vec<f64>,
}

impl Scalar {
    pub fn parse(text: &str, vars: Option<&[String]>) -> Result<Scalar, Error> {
        let (g, roots, vars) = parse_all(&[text], vars)?;
        Scalar::from_graph(g, roots[0], vars, None)
    }

    /// `guard`: when this function is ∂g/∂x_k of another function g in the
    /// same graph, `Some((g, k))`: its values are then NaN wherever g has
    /// no derivative (undefined, or at a kink), as `gradient` says.
    fn from_graph(
        mut graph: Graph,
        root: Id,
        vars: Vec<String>,
        guard: Option<(Id, u32)>,
    ) -> Result<Scalar, Error> {
        let mut partials = Vec::with_capacity(vars.len());
        for k in 0..vars.len() {
            partials.push(derive(&mut graph, &[root], k as u32, DERIVATIVE_BUDGET)?[0]);
        }
        let value = Program::derivatives(&graph, &[root], &[guard]);
        let wrt: Vec<Option<(Id, u32)>> = (0..vars.len() as u32).map(|k| Some((root, k))).collect();
        let gradient = Program::derivatives(&graph, &partials, &wrt);
        let mut all = vec![root];
        all.extend(&partials);
        let mut wrt_all = vec![guard];
        wrt_all.extend(wrt);
        let both = Program::derivatives(&graph, &all, &wrt_all);
        Ok(Scalar {
            graph,
            root,
            vars,
            partials,
            value,
            gradient,
            both,
            pairing: Pairing::default(),
        })
    }

    pub fn variables(&self) -> &[String] {
        &self.vars
    }

    pub fn var_index(&self, name: &str) -> Result<usize, Error> {
        self.vars.iter().position(|v| v == name).ok_or_else(|| {
            Error::new(format!(
                "'{}' is not a variable of this function; its variables are {}.",
                crate::error::excerpt(name, 20),
                if self.vars.is_empty() {
                    "none".to_string()
                } else {
                    self.vars.join(", ")
                }
            ))
        })
    }

    /// ∂f/∂(name), as a function of the same variables. Its values are
    /// `gradient`'s: NaN where f has no derivative, though the formula
    /// alone may have a value there (sign(x) for abs at 0).
    pub fn partial(&self, name: &str) -> Result<Scalar, Error> {
        let k = self.var_index(name)?;
        let (g, r) = self.graph.extract(&[self.partials[k], self.root]);
        Scalar::from_graph(g, r[0], self.vars.clone(), Some((r[1], k as u32)))
    }

    /// The top-level summands of f with their signs (f = Σ sign·term), at
    /// most `max` of them: what the answer checker names when a student's
    /// derivative is off by one term.
    pub fn terms(&self, max: usize) -> Result<Vec<(f64, Scalar)>, Error> {
        let mut stack = vec![(1.0, self.root)];
        let mut found = Vec::new();
        while let Some((sign, id)) = stack.pop() {
            match self.graph.node(id) {
                Node::Bin(Fun2::Add, a, b) if found.len() + stack.len() < max => {
                    stack.push((sign, b));
                    stack.push((sign, a));
                }
                Node::Bin(Fun2::Sub, a, b) if found.len() + stack.len() < max => {
                    stack.push((-sign, b));
                    stack.push((sign, a));
                }
                Node::Un(Fun1::Neg, a) => stack.push((-sign, a)),
                _ => found.push((sign, id)),
            }
        }
        found
            .into_iter()
            .map(|(sign, id)| {
                let (g, r) = self.graph.extract(&[id]);
                Scalar::from_graph(g, r[0], self.vars.clone(), None).map(|t| (sign, t))
            })
            .collect()
    }

    pub fn eval(&self, point: &[f64]) -> Result<f64, Error> {
        check_point(point, &self.vars)?;
        let mut out = [0.0];
        self.value.eval(point, &mut out);
        Ok(out[0])
    }

    pub fn gradient(&self, point: &[f64]) -> Result<Vec<f64>, Error> {
        check_point(point, &self.vars)?;
        let mut out = vec![0.0; self.vars.len()];
        self.gradient.eval(point, &mut out);
        Ok(out)
    }

    /// Why f has no gradient at `point` (every partial that `gradient` sets
    /// to NaN there has this reason), or `None` where it has one: f is
    /// undefined there, or one of its kinks or jumps is hit.
    pub fn nondifferentiable_reason(&self, point: &[f64]) -> Result<Option<String>, Error> {
        check_point(point, &self.vars)?;
        let g = &self.graph;
        let live = g.live(&[self.root]);
        // Every node's value, computed as `eval` computes them.
        let mut wide = vec![Wide::NAN; g.len()];
        for &i in &live {
            wide[i as usize] = match g.node(i) {
                Node::Num(b) => Wide::from_f64(f64::from_bits(b)),
                Node::Const(k) => Wide::from_f64(k.value()),
                Node::Var(k) => Wide::from_f64(point[k as usize]),
                Node::Un(f, a) => f.apply_wide(wide[a as usize]),
                Node::Bin(f, a, b) => f.apply_wide(wide[a as usize], wide[b as usize]),
            };
        }
        let val: Vec<f64> = wide.iter().map(|w| w.to_f64()).collect();
        let show = |id: Id| {
            let t = print::to_text(g, id, &self.vars).unwrap_or_else(|_| "its argument".into());
            crate::error::excerpt(&t, 40)
        };
        let args = |id: Id| match g.node(id) {
            Node::Un(_, a) => (a, a),
            Node::Bin(_, a, b) => (a, b),
            _ => (id, id),
        };
        if val[self.root as usize].is_nan() {
            // Where the NaN starts: the first node that is NaN from numbers.
            let start = live.iter().copied().find(|&i| {
                let (a, b) = args(i);
                val[i as usize].is_nan()
                    && (matches!(g.node(i), Node::Var(_))
                        || (!val[a as usize].is_nan() && !val[b as usize].is_nan()))
            });
            let why = match start.map(|i| (i, g.node(i))) {
                Some((_, Node::Var(_))) | None => "a coordinate is NaN".to_string(),
                Some((_, Node::Un(f, a))) => {
                    let what = f.spec().nan;
                    let what = if what.is_empty() { f.name() } else { what };
                    format!("{what} ({} = {})", show(a), print::number(val[a as usize]))
                }
                Some((_, Node::Bin(f, a, b))) => {
                    let what = f.spec().nan;
                    let what = if what.is_empty() {
                        f.spec().names.name
                    } else {
                        what
                    };
                    format!(
                        "{what} ({} = {}, {} = {})",
                        show(a),
                        print::number(val[a as usize]),
                        show(b),
                        print::number(val[b as usize])
                    )
                }
                Some(_) => "a coordinate is NaN".to_string(),
            };
            return Ok(Some(format!("f is undefined here: {why}.")));
        }
        let dep = crate::derive::dependencies(g);
        for id in crate::derive::kink_nodes(g, self.root, &dep) {
            let (a, b) = args(id);
            if let Some(why) =
                crate::derive::at_kink(g, id, val[a as usize], val[b as usize], val[id as usize])
            {
                let text = why.replace("{u}", &show(a)).replace("{v}", &show(b));
                return Ok(Some(format!("not differentiable here: {text}")));
            }
        }
        Ok(None)
    }

    /// ∇f · v/|v|: the rate of change along the direction of v.
    pub fn directional(&self, point: &[f64], v: &[f64]) -> Result<f64, Error> {
        let g = self.gradient(point)?;
        if v.len() != g.len() {
            return Err(Error::new(format!(
                "The direction needs {} components, one per variable, not {}.",
                g.len(),
                v.len()
            )));
        }
        let n = norm(v);
        if n == 0.0 || !n.is_finite() {
            return Err(Error::new(
                "The direction vector must have a finite, non-zero length.",
            ));
        }
        Ok(g.iter().zip(v).map(|(a, b)| a * (b / n)).sum())
    }

    pub fn gradient_norm(&self, point: &[f64]) -> Result<f64, Error> {
        Ok(norm(&self.gradient(point)?))
    }

    /// ∇f/|∇f|; NaN components where the gradient is zero or undefined.
    pub fn gradient_direction(&self, point: &[f64]) -> Result<Vec<f64>, Error> {
        let g = self.gradient(point)?;
        let n = norm(&g);
        Ok(g.iter()
            .map(|x| {
                if n > 0.0 && n.is_finite() {
                    x / n
                } else {
                    f64::NAN
                }
            })
            .collect())
    }

    /// f along variable `k` from `a` to `b` (n points, endpoints included),
    /// the other coordinates held at `point`: the slice view's curve.
    pub fn slice(
        &self,
        point: &[f64],
        k: usize,
        a: f64,
        b: f64,
        n: usize,
    ) -> Result<Vec<f64>, Error> {
        self.check_slice(point, k, a, b, n)?;
        Ok(linspace(a, b, n)
            .into_iter()
            .map(self.along(point, k))
            .collect())
    }

    /// t ↦ f(point with coordinate k set to t), exactly as `eval` computes it.
    fn along<'a>(&'a self, point: &[f64], k: usize) -> impl FnMut(f64) -> f64 + 'a {
        let mut p = point.to_vec();
        let mut out = [0.0];
        move |t| {
            p[k] = t;
            self.value.eval(&p, &mut out);
            out[0]
        }
    }

    /// f along variable `k` for a line plot: samples with breaks where f
    /// jumps or runs off between them, and a y range clipped where it runs
    /// away (see [`crate::sampling::curve_plot`]).
    pub fn slice_plot(
        &self,
        point: &[f64],
        k: usize,
        a: f64,
        b: f64,
        n: usize,
    ) -> Result<crate::sampling::CurvePlot, Error> {
        self.check_slice(point, k, a, b, n)?;
        Ok(crate::sampling::curve_plot(self.along(point, k), a, b, n))
    }

    fn check_slice(&self, point: &[f64], k: usize, a: f64, b: f64, n: usize) -> Result<(), Error> {
        check_point(point, &self.vars)?;
        if k >= self.vars.len() {
            return Err(Error::new("No such variable."));
        }
        if !(a.is_finite() && b.is_finite()) || !(1..=100_000).contains(&n) {
            return Err(Error::new(
                "A slice needs a finite range and 1 to 100,000 points.",
            ));
        }
        Ok(())
    }

    /// Central-difference estimates of the gradient with step `h`: shown
    /// beside the exact gradient so a student sees a formula's value and a
    /// number's estimate differ.
    pub fn central_difference(&self, point: &[f64], h: f64) -> Result<Vec<f64>, Error> {
        check_point(point, &self.vars)?;
        if !(h.is_finite() && h > 0.0) {
            return Err(Error::new("The step must be a positive number."));
        }
        let mut p = point.to_vec();
        let mut out = [0.0];
        let mut g = Vec::with_capacity(point.len());
        for k in 0..point.len() {
            p[k] = point[k] + h;
            self.value.eval(&p, &mut out);
            let up = out[0];
            p[k] = point[k] - h;
            self.value.eval(&p, &mut out);
            g.push((up - out[0]) / (2.0 * h));
            p[k] = point[k];
        }
        Ok(g)
    }

    /// ∇f · (cos θ, sin θ) for θ = 2πk/n, k = 0..n: the rate of change in
    /// every direction of the plane.
    pub fn directional_sweep(&self, point: &[f64], n: usize) -> Result<Vec<f64>, Error> {
        check_two(&self.vars)?;
        if !(2..=100_000).contains(&n) {
            return Err(Error::new("A sweep needs 2 to 100,000 directions."));
        }
        let g = self.gradient(point)?;
        Ok((0..n)
            .map(|k| {
                let t = std::f64::consts::TAU * k as f64 / n as f64;
                g[0] * t.cos() + g[1] * t.sin()
            })
            .collect())
    }

    /// The one-sided rate of change lim h→0⁺ (f(p + h v) − f(p))/h in each
    /// direction v = (cos θ, sin θ), θ = 2πk/n. Where ∇f exists this is
    /// ∇f · v; at a kink it still exists (|cos θ| + sin θ for |x| + y at
    /// (0, 1)) but is no longer ∇f · v for any vector, which is exactly why
    /// the gradient does not exist there.
    ///
    /// Each rate is the slope of f just beside p along v (∇f at p + εv,
    /// dotted with v: exact for a function smooth on each side of its kink).
    /// Where the ray itself runs along a kink, a difference quotient with
    /// one Richardson step is used. NaN where f is undefined beside p.
    pub fn one_sided_sweep(&self, point: &[f64], n: usize) -> Result<Vec<f64>, Error> {
        check_two(&self.vars)?;
        check_point(point, &self.vars)?;
        if !(2..=100_000).contains(&n) {
            return Err(Error::new("A sweep needs 2 to 100,000 directions."));
        }
        let f0 = self.eval(point)?;
        let scale = 1.0 + point[0].abs().max(point[1].abs());
        let eps = 1e-9 * scale;
        let mut out = Vec::with_capacity(n);
        for k in 0..n {
            let t = std::f64::consts::TAU * k as f64 / n as f64;
            let (c, s) = (t.cos(), t.sin());
            let beside = [point[0] + eps * c, point[1] + eps * s];
            let g = self.gradient(&beside)?;
            let mut rate = g[0] * c + g[1] * s;
            if !rate.is_finite() && f0.is_finite() {
                let q = |h: f64| -> Result<f64, Error> {
                    Ok((self.eval(&[point[0] + h * c, point[1] + h * s])? - f0) / h)
                };
                let h = 1e-6 * scale;
                rate = 2.0 * q(h / 2.0)? - q(h)?;
            }
            out.push(rate);
        }
        Ok(out)
    }

    /// Gradient ascent (`sign` = 1) or descent (-1) from `start` with a fixed
    /// step, as in training: x ← x ± step·∇f(x). Returns x, y, f per visited
    /// point; stops early where f or ∇f is not finite or the path leaves any
    /// sane range, so a diverging step shows as a short, wild path.
    pub fn path(
        &self,
        start: &[f64],
        step: f64,
        steps: usize,
        sign: f64,
    ) -> Result<Vec<f64>, Error> {
        Ok(self.path_run(start, step, steps, sign)?.0)
    }

    /// Like [`Scalar::path`], and why the path ended: all its steps taken,
    /// or where the next step would have gone wrong.
    pub fn path_run(
        &self,
        start: &[f64],
        step: f64,
        steps: usize,
        sign: f64,
    ) -> Result<(Vec<f64>, PathEnd), Error> {
        check_point(start, &self.vars)?;
        if !(step.is_finite() && step > 0.0) || steps > 10_000 {
            return Err(Error::new(
                "The step must be a positive number and at most 10,000 steps are drawn.",
            ));
        }
        let mut p = start.to_vec();
        let mut out = Vec::with_capacity((steps + 1) * (p.len() + 1));
        for k in 0..=steps {
            let v = self.eval(&p)?;
            let end = if p.iter().any(|c| !c.is_finite() || c.abs() > PATH_BOUND) {
                Some(PathEnd::Far as fn(Vec<f64>) -> PathEnd)
            } else if v.is_nan() {
                Some(PathEnd::Undefined as fn(Vec<f64>) -> PathEnd)
            } else if v.is_infinite() {
                Some(PathEnd::Infinite as fn(Vec<f64>) -> PathEnd)
            } else {
                None
            };
            if let Some(end) = end {
                return Ok((out, end(p)));
            }
            out.extend_from_slice(&p);
            out.push(v);
            if k == steps {
                break;
            }
            let g = self.gradient(&p)?;
            if g.iter().any(|c| !c.is_finite()) {
                return Ok((out, PathEnd::NoGradient));
            }
            if g.iter().all(|&c| c == 0.0) {
                return Ok((out, PathEnd::Stationary));
            }
            for (c, d) in p.iter_mut().zip(&g) {
                *c += sign * step * d;
            }
        }
        Ok((out, PathEnd::Done))
    }

    /// ∇f as a typeset column of its partial derivatives.
    pub fn gradient_mathml(&self) -> Result<String, Error> {
        let mut rows = Vec::with_capacity(self.partials.len());
        for &p in &self.partials {
            rows.push(print::to_mathml_inner(&self.graph, p, &self.vars)?);
        }
        Ok(print::column(&rows))
    }

    pub fn to_text(&self) -> Result<String, Error> {
        print::to_text(&self.graph, self.root, &self.vars)
    }

    pub fn to_mathml(&self) -> Result<String, Error> {
        print::to_mathml(&self.graph, self.root, &self.vars)
    }

    /// Values on `xs` × `ys` (see [`Program::eval_grid`] for the layout).
    pub fn values_on(&mut self, xs: &[f64], ys: &[f64], out: &mut [f64]) -> Result<(), Error> {
        check_two(&self.vars)?;
        self.value.eval_grid(xs, ys, out);
        Ok(())
    }

    /// ∂f/∂x, ∂f/∂y interleaved per point on `xs` × `ys`.
    pub fn gradients_on(&mut self, xs: &[f64], ys: &[f64], out: &mut [f64]) -> Result<(), Error> {
        check_two(&self.vars)?;
        self.gradient.eval_grid(xs, ys, out);
        Ok(())
    }

    /// f, ∂f/∂x, ∂f/∂y interleaved per point: one pass for all three.
    pub fn values_and_gradients_on(
        &mut self,
        xs: &[f64],
        ys: &[f64],
        out: &mut [f64],
    ) -> Result<(), Error> {
        check_two(&self.vars)?;
        self.both.eval_grid(xs, ys, out);
        Ok(())
    }

    /// The linspace grid and f's values on it: what every grid-shaped
    /// result (values, level curves, the 3D view) starts from.
    pub fn sample(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: usize,
        ymin: f64,
        ymax: f64,
        ny: usize,
    ) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>), Error> {
        check_grid(xmin, xmax, nx, ymin, ymax, ny)?;
        let (xs, ys) = (linspace(xmin, xmax, nx), linspace(ymin, ymax, ny));
        let mut out = vec![0.0; nx * ny];
        self.values_on(&xs, &ys, &mut out)?;
        Ok((xs, ys, out))
    }

    /// f on the linspace grid (numpy `meshgrid` layout, rows along y).
    pub fn grid(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: usize,
        ymin: f64,
        ymax: f64,
        ny: usize,
    ) -> Result<Vec<f64>, Error> {
        self.half(xmin, xmax, nx, ymin, ymax, ny, false)
    }

    /// ∂f/∂x and ∂f/∂y interleaved per point on the linspace grid.
    pub fn gradient_grid(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: usize,
        ymin: f64,
        ymax: f64,
        ny: usize,
    ) -> Result<Vec<f64>, Error> {
        self.half(xmin, xmax, nx, ymin, ymax, ny, true)
    }

    /// One half of the values-and-gradient pair; see [`Pairing`].
    #[allow(clippy::too_many_arguments)]
    fn half(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: usize,
        ymin: f64,
        ymax: f64,
        ny: usize,
        gradient: bool,
    ) -> Result<Vec<f64>, Error> {
        check_grid(xmin, xmax, nx, ymin, ymax, ny)?;
        check_two(&self.vars)?;
        let key = [
            xmin.to_bits(),
            xmax.to_bits(),
            nx as u64,
            ymin.to_bits(),
            ymax.to_bits(),
            ny as u64,
        ];
        let p = &mut self.pairing;
        if let Some((k, g, _)) = &p.kept {
            if *k == key && *g == gradient {
                // The pair is complete; the next call starts a new one.
                p.last = None;
                return Ok(p.kept.take().map(|t| t.2).unwrap_or_default());
            }
        }
        p.kept = None;
        // The second call of a pair computes only its own half; from then
        // on, first calls compute both.
        let completes = p.last == Some((key, !gradient));
        p.paired |= completes;
        p.last = if completes {
            None
        } else {
            Some((key, gradient))
        };
        let (xs, ys) = (linspace(xmin, xmax, nx), linspace(ymin, ymax, ny));
        let n = nx * ny;
        if !p.paired || completes {
            let mut out = vec![0.0; if gradient { 2 * n } else { n }];
            let program = if gradient {
                &mut self.gradient
            } else {
                &mut self.value
            };
            program.eval_grid(&xs, &ys, &mut out);
            return Ok(out);
        }
        // One pass for both halves into a buffer kept between calls (no
        // 24 MB of fresh zeroes each time), then split by exact-size copies.
        let mut all = std::mem::take(&mut self.pairing.scratch);
        all.resize(3 * n, 0.0);
        self.both.eval_grid(&xs, &ys, &mut all);
        let values: Vec<f64> = all.chunks_exact(3).map(|t| t[0]).collect();
        let grads: Vec<f64> = all.chunks_exact(3).flat_map(|t| [t[1], t[2]]).collect();
        self.pairing.scratch = all;
        let (give, keep) = if gradient {
            (grads, values)
        } else {
            (values, grads)
        };
        self.pairing.kept = Some((key, !gradient, keep));
        Ok(give)
    }
}

/// A function with several outputs.
#[derive(Clone, Debug)]
pub struct Vector {
    vars: Vec<String>,
    texts: Vec<String>,
    value: Program,
    jacobian: Program,
}

impl Vector {
    pub fn parse(texts: &[&str], vars: Option<&[String]>) -> Result<Vector, Error> {
        let (mut g, roots, vars) = parse_all(texts, vars)?;
        let mut jac = Vec::with_capacity(roots.len() * vars.len());
        let mut per_var = Vec::with_capacity(vars.len());
        for k in 0..vars.len() {
            per_var.push(derive(&mut g, &roots, k as u32, DERIVATIVE_BUDGET)?);
        }
        let mut wrt = Vec::with_capacity(roots.len() * vars.len());
        for (o, &r) in roots.iter().enumerate() {
            for (k, d) in per_var.iter().enumerate() {
                jac.push(d[o]);
                wrt.push(Some((r, k as u32)));
            }
        }
        let mut texts_out = Vec::with_capacity(roots.len());
        for &r in &roots {
            texts_out.push(print::to_text(&g, r, &vars)?);
        }
        Ok(Vector {
            value: Program::new(&g, &roots),
            jacobian: Program::derivatives(&g, &jac, &wrt),
            vars,
            texts: texts_out,
        })
    }

    pub fn variables(&self) -> &[String] {
        &self.vars
    }

    pub fn components(&self) -> &[String] {
        &self.texts
    }

    pub fn eval(&self, point: &[f64]) -> Result<Vec<f64>, Error> {
        check_point(point, &self.vars)?;
        let mut out = vec![0.0; self.value.outputs()];
        self.value.eval(point, &mut out);
        Ok(out)
    }

    /// Row-major, outputs × variables.
    pub fn jacobian(&self, point: &[f64]) -> Result<Vec<f64>, Error> {
        check_point(point, &self.vars)?;
        let mut out = vec![0.0; self.jacobian.outputs()];
        self.jacobian.eval(point, &mut out);
        Ok(out)
    }

    /// All outputs interleaved per point on the linspace grid.
    pub fn grid(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: usize,
        ymin: f64,
        ymax: f64,
        ny: usize,
    ) -> Result<Vec<f64>, Error> {
        check_two(&self.vars)?;
        check_grid(xmin, xmax, nx, ymin, ymax, ny)?;
        let mut out = vec![0.0; self.value.outputs() * nx * ny];
        self.value.eval_grid(
            &linspace(xmin, xmax, nx),
            &linspace(ymin, ymax, ny),
            &mut out,
        );
        Ok(out)
    }
}

/// For the "largest component" question: the gradient's length, the index
/// of its largest component (by size), that component, and the cosine of the
/// angle between the gradient and that axis. A unit step along ∇f changes f
/// by |∇f| (to first order); a unit step along the best axis only by |g_i|.
pub fn compare_steps(g: &[f64]) -> Option<(f64, usize, f64, f64)> {
    let n = norm(g);
    if g.is_empty() || !n.is_finite() || n == 0.0 {
        return None;
    }
    let (i, gi) = g.iter().enumerate().fold((0, 0.0f64), |(bi, bv), (k, &v)| {
        if v.abs() > bv.abs() {
            (k, v)
        } else {
            (bi, bv)
        }
    });
    Some((n, i, gi, gi.abs() / n))
}

/// Components of the plane vector (gx, gy) in axes turned by `phi` radians.
pub fn rotate_components(gx: f64, gy: f64, phi: f64) -> (f64, f64) {
    let (s, c) = phi.sin_cos();
    (gx * c + gy * s, -gx * s + gy * c)
}

/// matplotlib's quiver autoscale: the factor that turns a vector's magnitude
/// into an arrow length, as a fraction of the plot's width. Averages only
/// finite magnitudes; `None` when there is nothing finite to draw.
pub fn quiver_scale(uv: &[f64]) -> Option<f64> {
    quiver_scale_capped(uv, f64::INFINITY)
}

/// [`quiver_scale`] with every magnitude above `cap` counted as `cap`.
fn quiver_scale_capped(uv: &[f64], cap: f64) -> Option<f64> {
    let mut sum = 0.0;
    let mut n = 0usize;
    for p in uv.chunks_exact(2) {
        let m = (p[0] * p[0] + p[1] * p[1]).sqrt();
        if m.is_finite() {
            sum += m.min(cap);
            n += 1;
        }
    }
    let count = uv.len() / 2;
    if n == 0 || sum == 0.0 {
        return None;
    }
    let amean = sum / n as f64;
    let sn = (count as f64).sqrt().max(10.0);
    Some(1.0 / (1.8 * amean * sn))
}

/// A length cap for arrows near a pole: when the longest arrow is over 4
/// times the 90th-percentile magnitude (1/(x^2+y^2) near its pole), the
/// autoscale would shrink every other arrow to a dot. Returns (cap, scale):
/// magnitudes above the 90th percentile are drawn at it, and the autoscale
/// counts them so; `None` when the magnitudes have no such tail.
pub fn quiver_cap(uv: &[f64]) -> Option<(f64, f64)> {
    let mut m: Vec<f64> = uv
        .chunks_exact(2)
        .map(|p| (p[0] * p[0] + p[1] * p[1]).sqrt())
        .filter(|m| m.is_finite())
        .collect();
    if m.len() < 10 {
        return None;
    }
    let k = ((m.len() - 1) as f64 * 0.9).round() as usize;
    let q = *m.select_nth_unstable_by(k, f64::total_cmp).1;
    let max = m.iter().copied().fold(0.0, f64::max);
    if !(q > 0.0 && max > 4.0 * q) {
        return None;
    }
    Some((q, quiver_scale_capped(uv, q)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_near_a_pole_are_capped_and_smooth_fields_are_not() {
        // Gradient of 1/(x^2 + y^2) on 15 x 15 points of [0, 4]^2 without
        // the pole: -2 (x, y) / r^4.
        let xs = linspace(0.0, 4.0, 15);
        let uv: Vec<f64> = xs
            .iter()
            .flat_map(|&y| {
                xs.iter().flat_map(move |&x| {
                    let r4 = (x * x + y * y).powi(2);
                    [-2.0 * x / r4, -2.0 * y / r4]
                })
            })
            .collect();
        let (cap, scale) = quiver_cap(&uv).unwrap();
        // 90% of the finite magnitudes are at most the cap (counted here).
        let ms: Vec<f64> = uv
            .chunks(2)
            .map(|p| p[0].hypot(p[1]))
            .filter(|m| m.is_finite())
            .collect();
        let below = ms.iter().filter(|&&m| m <= cap).count() as f64 / ms.len() as f64;
        assert!((below - 0.9).abs() < 0.02, "{below}");
        assert!(scale > quiver_scale(&uv).unwrap() * 2.0, "the rest grow");
        // A smooth field: no cap.
        let smooth: Vec<f64> = xs.iter().flat_map(|&x| [x.cos(), 1.0]).collect();
        assert_eq!(quiver_cap(&smooth), None);
    }

    #[test]
    fn linspace_matches_numpy() {
        // np.linspace(0, 4, 15) and np.linspace(-5, 5, 20), a few entries.
        let v = linspace(0.0, 4.0, 15);
        assert_eq!(v[0], 0.0);
        assert_eq!(v[14], 4.0);
        assert_eq!(v[1], 0.2857142857142857);
        assert_eq!(v[7], 2.0);
        let w = linspace(-5.0, 5.0, 20);
        assert_eq!(w[1], -4.473684210526316);
        assert_eq!(w[10], 0.2631578947368416);
        assert_eq!(linspace(3.0, 9.0, 1), vec![3.0]);
    }

    #[test]
    fn paired_grid_calls_give_what_single_calls_give() {
        let text = "exp(-(x^2+y^2)/2)*cos(3*x) + x*y^2 - ln(1+x^2)";
        let mut alone = Scalar::parse(text, None).unwrap();
        let v0 = alone.grid(-1.0, 2.0, 17, 0.0, 3.0, 11).unwrap();
        let mut other = Scalar::parse(text, None).unwrap();
        let g0 = other.gradient_grid(-1.0, 2.0, 17, 0.0, 3.0, 11).unwrap();
        assert!(!alone.pairing.paired && !other.pairing.paired);
        let mut f = Scalar::parse(text, None).unwrap();
        // Round 1 teaches the pairing; rounds 2 and 3 use it, in either order.
        for round in 0..3 {
            let (v, g) = if round == 2 {
                let g = f.gradient_grid(-1.0, 2.0, 17, 0.0, 3.0, 11).unwrap();
                assert!(f.pairing.kept.is_some(), "both halves computed at once");
                (f.grid(-1.0, 2.0, 17, 0.0, 3.0, 11).unwrap(), g)
            } else {
                let v = f.grid(-1.0, 2.0, 17, 0.0, 3.0, 11).unwrap();
                assert_eq!(f.pairing.kept.is_some(), round > 0, "round {round}");
                (v, f.gradient_grid(-1.0, 2.0, 17, 0.0, 3.0, 11).unwrap())
            };
            assert_eq!(v.len(), 17 * 11);
            assert_eq!(g.len(), 2 * 17 * 11);
            for (a, b) in v.iter().zip(&v0).chain(g.iter().zip(&g0)) {
                assert!(
                    (a - b).abs() <= 1e-15 * (1.0 + b.abs()),
                    "round {round}: {a} vs {b}"
                );
            }
            assert!(f.pairing.kept.is_none(), "the kept half was handed over");
        }
        assert!(f.pairing.paired);
        // A different grid is evaluated afresh, never served from the kept half.
        let v2 = f.grid(0.0, 1.0, 5, 0.0, 1.0, 5).unwrap();
        let g2 = f.gradient_grid(0.0, 1.0, 6, 0.0, 1.0, 5).unwrap();
        assert_eq!((v2.len(), g2.len()), (25, 60));
        assert_eq!(v2[24], f.eval(&[1.0, 1.0]).unwrap());
    }

    #[test]
    fn the_seed_value() {
        let f = Scalar::parse("x**2 + y**2 + np.exp(z) + np.power(x,z) + x*y*z", None).unwrap();
        assert_eq!(f.eval(&[1.0, 2.0, 3.0]).unwrap(), 32.08553692318767);
        let v = Vector::parse(&["x", "np.sin(y)"], None).unwrap();
        assert_eq!(
            v.eval(&[2.0, 10.0]).unwrap(),
            vec![2.0, -0.5440211108893698]
        );
    }

    #[test]
    fn gradient_by_hand() {
        // f = x^2 + y^2 + e^z + x^z + xyz at (1, 2, 3):
        // ∂x = 2x + z x^(z-1) + yz = 2 + 3 + 6 = 11
        // ∂y = 2y + xz = 4 + 3 = 7
        // ∂z = e^z + x^z ln x + xy = e^3 + 0 + 2
        let f = Scalar::parse("x^2 + y^2 + exp(z) + x^z + x*y*z", None).unwrap();
        let g = f.gradient(&[1.0, 2.0, 3.0]).unwrap();
        assert_eq!(g[0], 11.0);
        assert_eq!(g[1], 7.0);
        assert_eq!(g[2], 3f64.exp() + 2.0);
    }

    #[test]
    fn directional_and_norm_identities() {
        let f = Scalar::parse("sin(x*y)", None).unwrap();
        let p = [1.3, 0.4];
        let g = f.gradient(&p).unwrap();
        let n = f.gradient_norm(&p).unwrap();
        // Along ∇f the rate is |∇f|; along a perpendicular, 0.
        assert!((f.directional(&p, &g).unwrap() - n).abs() < 1e-15);
        assert!(f.directional(&p, &[-g[1], g[0]]).unwrap().abs() < 1e-15);
        let d = f.gradient_direction(&p).unwrap();
        assert!((norm(&d) - 1.0).abs() < 1e-15);
        assert!(f.directional(&p, &[0.0, 0.0]).is_err());
    }

    #[test]
    fn ranges_may_run_backwards_as_in_numpy() {
        let mut f = Scalar::parse("x + 10*y", None).unwrap();
        assert_eq!(
            f.grid(2.0, 0.0, 3, 5.0, 5.0, 2).unwrap(),
            vec![52.0, 51.0, 50.0, 52.0, 51.0, 50.0]
        );
        assert!(f.grid(0.0, f64::NAN, 3, 0.0, 1.0, 3).is_err());
    }

    #[test]
    fn wrong_points_and_names_are_errors() {
        let f = Scalar::parse("x*y", None).unwrap();
        assert!(f
            .eval(&[1.0])
            .unwrap_err()
            .message
            .contains("2 coordinates"));
        assert!(f.partial("q").is_err());
        let mut g = Scalar::parse("x*y*z", None).unwrap();
        assert!(g.grid(0.0, 1.0, 3, 0.0, 1.0, 3).is_err());
    }

    #[test]
    fn undefined_is_nan_not_an_error() {
        let f = Scalar::parse("ln(x) + 0*y", None).unwrap();
        assert!(f.eval(&[-1.0, 0.0]).unwrap().is_nan());
        let g = Scalar::parse("x/y", None).unwrap();
        assert!(g.eval(&[0.0, 0.0]).unwrap().is_nan());
    }

    #[test]
    fn grids_agree_with_points() {
        let mut f = Scalar::parse("sin(x*y) + x^3 - y", None).unwrap();
        let (nx, ny) = (17, 9);
        let vals = f.grid(0.0, 4.0, nx, -1.0, 2.0, ny).unwrap();
        let grads = f.gradient_grid(0.0, 4.0, nx, -1.0, 2.0, ny).unwrap();
        let xs = linspace(0.0, 4.0, nx);
        let ys = linspace(-1.0, 2.0, ny);
        for j in 0..ny {
            for i in 0..nx {
                let p = [xs[i], ys[j]];
                let close = |a: f64, b: f64| (a - b).abs() <= 1e-14 * (1.0 + b.abs());
                assert!(close(vals[j * nx + i], f.eval(&p).unwrap()));
                let g = f.gradient(&p).unwrap();
                assert!(close(grads[2 * (j * nx + i)], g[0]));
                assert!(close(grads[2 * (j * nx + i) + 1], g[1]));
            }
        }
    }

    #[test]
    fn jacobian_by_hand() {
        let v = Vector::parse(&["x*y", "sin(y)", "x + z^2"], None).unwrap();
        let j = v.jacobian(&[2.0, 3.0, 5.0]).unwrap();
        assert_eq!(j, vec![3.0, 2.0, 0.0, 0.0, 3f64.cos(), 0.0, 1.0, 0.0, 10.0]);
    }

    #[test]
    fn the_lost_example_gradient() {
        // [5, 2, -1, 0]: |∇f| = √30; the best axis is the first, cos θ = 5/√30.
        let (n, i, gi, c) = compare_steps(&[5.0, 2.0, -1.0, 0.0]).unwrap();
        assert_eq!(n, 30f64.sqrt());
        assert_eq!((i, gi), (0, 5.0));
        assert!((c - 5.0 / 30f64.sqrt()).abs() < 1e-15);
        assert_eq!(compare_steps(&[0.0, 0.0]), None);
    }

    #[test]
    fn rotation_keeps_length_and_turns_by_phi() {
        let (a, b) = rotate_components(3.0, 4.0, 0.7);
        assert!((a.hypot(b) - 5.0).abs() < 1e-14);
        // Rotating the axes by the gradient's own angle puts it on the first axis.
        let (a, b) = rotate_components(3.0, 4.0, 4f64.atan2(3.0));
        assert!((a - 5.0).abs() < 1e-14 && b.abs() < 1e-14);
    }

    #[test]
    fn sweep_peaks_at_the_gradient() {
        let f = Scalar::parse("sin(x*y)", None).unwrap();
        let p = [1.0, 0.5];
        let s = f.directional_sweep(&p, 3600).unwrap();
        let g = f.gradient(&p).unwrap();
        let (k, m) = s
            .iter()
            .enumerate()
            .fold((0, f64::MIN), |a, (k, &v)| if v > a.1 { (k, v) } else { a });
        let angle = std::f64::consts::TAU * k as f64 / 3600.0;
        let expected = g[1].atan2(g[0]).rem_euclid(std::f64::consts::TAU);
        assert!((angle - expected).abs() < 2e-3);
        assert!((m - norm(&g)).abs() < 1e-6);
    }

    #[test]
    fn one_sided_rates_exist_at_kinks_and_match_the_gradient_elsewhere() {
        let f = |t: &str| Scalar::parse(t, Some(&["x".to_string(), "y".to_string()])).unwrap();
        let n = 360;
        let angle = |k: usize| std::f64::consts::TAU * k as f64 / n as f64;
        // |x| + y at (0, 1): |cos θ| + sin θ.
        let r = f("abs(x) + y").one_sided_sweep(&[0.0, 1.0], n).unwrap();
        for (k, &v) in r.iter().enumerate() {
            let want = angle(k).cos().abs() + angle(k).sin();
            assert!((v - want).abs() < 1e-6, "{k}: {v} vs {want}");
        }
        // The cone: 1 in every direction.
        let r = f("sqrt(x^2 + y^2)")
            .one_sided_sweep(&[0.0, 0.0], n)
            .unwrap();
        assert!(r.iter().all(|&v| (v - 1.0).abs() < 1e-6), "{r:?}");
        // max(x, y) at (1, 1): max(cos θ, sin θ), also along the tie line.
        let r = f("max(x, y)").one_sided_sweep(&[1.0, 1.0], n).unwrap();
        for (k, &v) in r.iter().enumerate() {
            let want = angle(k).cos().max(angle(k).sin());
            assert!((v - want).abs() < 1e-6, "{k}: {v} vs {want}");
        }
        // Where ∇f exists: the same as ∇f · v.
        let g = f("sin(x*y)");
        let a = g.one_sided_sweep(&[1.0, 0.5], n).unwrap();
        let b = g.directional_sweep(&[1.0, 0.5], n).unwrap();
        assert!(a.iter().zip(&b).all(|(p, q)| (p - q).abs() < 1e-8));
    }

    #[test]
    fn a_path_says_why_it_ended() {
        let f = |t: &str| Scalar::parse(t, Some(&["x".to_string(), "y".to_string()])).unwrap();
        let (p, end) = f("x^2 + y^2").path_run(&[1.0, 0.5], 0.1, 50, -1.0).unwrap();
        assert_eq!((p.len(), end), (51 * 3, PathEnd::Done));
        // Descent on ln x: x ← x − 0.1/x reaches x < 0 after 5 steps.
        let (p, end) = f("ln(x)").path_run(&[1.0, 0.5], 0.1, 40, -1.0).unwrap();
        let mut x = 1.0f64;
        let mut n = 0;
        while x - 0.1 / x > 0.0 {
            x -= 0.1 / x;
            n += 1;
        }
        assert_eq!(p.len(), 3 * (n + 1));
        let next = x - 0.1 / x;
        assert!(
            matches!(&end, PathEnd::Undefined(q) if (q[0] - next).abs() < 1e-12 && q[1] == 0.5),
            "{end:?} vs {next}"
        );
        // 1/x ascent from the left walks onto the pole: infinite there.
        let (_, end) = f("-1/x^2").path_run(&[-1.0, 0.0], 0.5, 10, -1.0).unwrap();
        assert!(
            matches!(
                end,
                PathEnd::Far(_) | PathEnd::Infinite(_) | PathEnd::Undefined(_)
            ),
            "{end:?}"
        );
        // x^2 - y^2 descent: y grows 2% a step until beyond 1e12.
        let (p, end) = f("x^2 - y^2")
            .path_run(&[1.0, 0.5], 0.01, 5000, -1.0)
            .unwrap();
        let k = p.len() / 3 - 1;
        assert!((0.5 * 1.02f64.powi(k as i32)) <= 1e12 && 0.5 * 1.02f64.powi(k as i32 + 1) > 1e12);
        assert!(matches!(end, PathEnd::Far(ref q) if q[1] > 1e12));
        assert_eq!(end.code()[0], 4.0);
        // A flat f, or a descent that lands exactly on the bottom, stops.
        let (p, end) = f("3").path_run(&[1.0, 0.5], 0.1, 40, 1.0).unwrap();
        assert_eq!((p.len(), end), (3, PathEnd::Stationary));
        let (p, end) = f("x^2 + y^2").path_run(&[1.0, 0.5], 0.5, 40, -1.0).unwrap();
        assert_eq!((&p[3..5], end), (&[0.0, 0.0][..], PathEnd::Stationary));
        // abs(x) at its kink: no gradient.
        let (_, end) = f("abs(x) + y").path_run(&[0.0, 0.5], 0.1, 5, 1.0).unwrap();
        assert_eq!(end, PathEnd::NoGradient);
    }

    #[test]
    fn ascent_climbs_and_a_big_step_overshoots() {
        // f = -(x² + y²): the top is at 0; ascent with a small step climbs.
        let f = Scalar::parse("-(x^2 + y^2)", None).unwrap();
        let p = f.path(&[1.0, 0.5], 0.1, 30, 1.0).unwrap();
        let vals: Vec<f64> = p.chunks_exact(3).map(|c| c[2]).collect();
        assert_eq!(vals.len(), 31);
        assert!(vals.windows(2).all(|w| w[1] > w[0]));
        // x ← x + 0.1·(-2x) = 0.8x: geometric, by hand.
        assert!((p[3] - 0.8).abs() < 1e-15 && (p[4] - 0.4).abs() < 1e-15);
        // Step 1.5: x ← x - 3x = -2x, so |x| doubles each step and f falls.
        let q = f.path(&[1.0, 0.5], 1.5, 10, 1.0).unwrap();
        let qv: Vec<f64> = q.chunks_exact(3).map(|c| c[2]).collect();
        assert!(qv.windows(2).all(|w| w[1] < w[0]));
        // Descent is ascent of -f.
        let d = f.path(&[1.0, 0.5], 0.1, 5, -1.0).unwrap();
        assert!(d
            .chunks_exact(3)
            .map(|c| c[2])
            .collect::<Vec<_>>()
            .windows(2)
            .all(|w| w[1] < w[0]));
        assert!(f.path(&[1.0, 0.5], 0.0, 5, 1.0).is_err());
    }

    #[test]
    fn slices_and_differences() {
        let f = Scalar::parse("x^2*y + z", None).unwrap();
        let s = f.slice(&[1.0, 2.0, 3.0], 0, -1.0, 1.0, 3).unwrap();
        assert_eq!(s, vec![5.0, 3.0, 5.0]);
        let cd = f.central_difference(&[1.0, 2.0, 3.0], 1e-5).unwrap();
        let g = f.gradient(&[1.0, 2.0, 3.0]).unwrap();
        for k in 0..3 {
            assert!((cd[k] - g[k]).abs() < 1e-8, "{cd:?} {g:?}");
        }
        assert!(f.gradient_mathml().unwrap().contains("<mtable>"));
    }

    #[test]
    fn quiver_scale_is_matplotlibs() {
        // 100 unit vectors: amean 1, sn = 10, so a unit arrow is 1/18 of the width.
        let uv: Vec<f64> = (0..100).flat_map(|_| [0.6, 0.8]).collect();
        assert!((quiver_scale(&uv).unwrap() - 1.0 / 18.0).abs() < 1e-15);
        assert_eq!(quiver_scale(&[0.0, 0.0]), None);
        assert_eq!(quiver_scale(&[f64::NAN, 1.0]), None);
    }
}
