//! The JavaScript surface, and the only module that knows about it.
//!
//! What crosses the boundary, and why: functions live in Rust behind handles
//! (`ScalarField`, `VectorField`), parsed and differentiated once; only
//! results come out. Small results (a value, a gradient) are copied into a
//! fresh `Float64Array`. The heatmap's pixels are the one large result: a
//! `Raster` keeps its RGBA buffer in wasm memory and hands JS its address, so
//! the page wraps it in an `ImageData` view without copying. Every export
//! returns `Result`, so a problem arrives in JS as a thrown `Error` whose
//! `start`/`end` properties mark the characters to underline.

use crate::colormap::{finite_range, paint, Map};
use crate::error::Error;
use crate::field::{
    centers, check_grid, compare_steps, linspace, quiver_scale, rotate_components, Scalar, Vector,
};
use crate::ticks::nice_ticks;
use wasm_bindgen::prelude::*;

fn js_err(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    if let Some((s, en)) = e.span {
        let _ = js_sys::Reflect::set(&err, &"start".into(), &JsValue::from(s as u32));
        let _ = js_sys::Reflect::set(&err, &"end".into(), &JsValue::from(en as u32));
    }
    let _ = js_sys::Reflect::set(&err, &"detail".into(), &JsValue::from_str(&e.message));
    err.into()
}

/// Reads an optional JS array of strings.
fn string_list(v: &JsValue, what: &str) -> Result<Option<Vec<String>>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if !js_sys::Array::is_array(v) {
        return Err(js_err(Error::new(format!(
            "{what} must be an array of strings."
        ))));
    }
    let arr = js_sys::Array::from(v);
    if arr.length() > 64 {
        return Err(js_err(Error::new(format!(
            "{what}: at most 64 are allowed."
        ))));
    }
    let mut out = Vec::with_capacity(arr.length() as usize);
    for item in arr.iter() {
        match item.as_string() {
            Some(s) => out.push(s),
            None => {
                return Err(js_err(Error::new(format!(
                    "{what} must be an array of strings."
                ))))
            }
        }
    }
    Ok(Some(out))
}

fn to_js_strings(v: &[String]) -> js_sys::Array {
    v.iter().map(|s| JsValue::from_str(s)).collect()
}

/// The verdict on a typed answer: right or not, and what to tell the student.
#[wasm_bindgen]
pub struct Verdict {
    right: bool,
    message: String,
}

#[wasm_bindgen]
impl Verdict {
    #[wasm_bindgen(getter)]
    pub fn right(&self) -> bool {
        self.right
    }
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.message.clone()
    }
}

impl From<crate::answer::Verdict> for Verdict {
    fn from(v: crate::answer::Verdict) -> Verdict {
        Verdict {
            right: v.right,
            message: v.message,
        }
    }
}

/// A real-valued function of any number of variables.
#[wasm_bindgen]
pub struct ScalarField {
    inner: Scalar,
    /// Output of `gridInto`, reused between calls and read by JS as a view.
    buf: Vec<f64>,
    /// Why the last `path` ended (`pathEnd`).
    path_end: Vec<f64>,
}

#[wasm_bindgen]
impl ScalarField {
    /// `new ScalarField(text, variables?)`; throws an Error saying what is
    /// wrong and where.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, variables: JsValue) -> Result<ScalarField, JsValue> {
        let vars = string_list(&variables, "The variables")?;
        Scalar::parse(text, vars.as_deref())
            .map(|inner| ScalarField {
                inner,
                buf: Vec::new(),
                path_end: vec![0.0],
            })
            .map_err(js_err)
    }

    pub fn variables(&self) -> js_sys::Array {
        to_js_strings(self.inner.variables())
    }

    pub fn eval(&self, point: &[f64]) -> Result<f64, JsValue> {
        self.inner.eval(point).map_err(js_err)
    }

    pub fn gradient(&self, point: &[f64]) -> Result<Vec<f64>, JsValue> {
        self.inner.gradient(point).map_err(js_err)
    }

    /// Whether `answer` (typed by a student) equals this function, with a
    /// tutor's feedback; `what` names this function in the message. A
    /// formula that does not parse is an Error with its span, like any input.
    #[wasm_bindgen(js_name = checkAnswer)]
    pub fn check_answer(
        &self,
        answer: &str,
        point: &[f64],
        what: &str,
    ) -> Result<Verdict, JsValue> {
        crate::answer::check(&self.inner, answer, point, what)
            .map(Verdict::from)
            .map_err(js_err)
    }

    /// Whether `answer` (components separated by commas) is this function's gradient.
    #[wasm_bindgen(js_name = checkGradient)]
    pub fn check_gradient(&self, answer: &str, point: &[f64]) -> Result<Verdict, JsValue> {
        crate::answer::check_gradient(&self.inner, answer, point)
            .map(Verdict::from)
            .map_err(js_err)
    }

    pub fn partial(&self, variable: &str) -> Result<ScalarField, JsValue> {
        self.inner
            .partial(variable)
            .map(|inner| ScalarField {
                inner,
                buf: Vec::new(),
                path_end: vec![0.0],
            })
            .map_err(js_err)
    }

    #[wasm_bindgen(js_name = toString)]
    pub fn to_text(&self) -> Result<String, JsValue> {
        self.inner.to_text().map_err(js_err)
    }

    #[wasm_bindgen(js_name = toMathML)]
    pub fn to_mathml(&self) -> Result<String, JsValue> {
        self.inner.to_mathml().map_err(js_err)
    }

    pub fn directional(&self, point: &[f64], direction: &[f64]) -> Result<f64, JsValue> {
        self.inner.directional(point, direction).map_err(js_err)
    }

    /// Why there is no gradient at this point (f undefined there, or a kink
    /// or jump is hit), or `undefined` where there is one.
    #[wasm_bindgen(js_name = nondifferentiableReason)]
    pub fn nondifferentiable_reason(&self, point: &[f64]) -> Result<Option<String>, JsValue> {
        self.inner.nondifferentiable_reason(point).map_err(js_err)
    }

    #[wasm_bindgen(js_name = gradientNorm)]
    pub fn gradient_norm(&self, point: &[f64]) -> Result<f64, JsValue> {
        self.inner.gradient_norm(point).map_err(js_err)
    }

    #[wasm_bindgen(js_name = gradientDirection)]
    pub fn gradient_direction(&self, point: &[f64]) -> Result<Vec<f64>, JsValue> {
        self.inner.gradient_direction(point).map_err(js_err)
    }

    pub fn grid(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: u32,
        ymin: f64,
        ymax: f64,
        ny: u32,
    ) -> Result<Vec<f64>, JsValue> {
        self.inner
            .grid(xmin, xmax, nx as usize, ymin, ymax, ny as usize)
            .map_err(js_err)
    }

    /// Values (and, with `with_gradient`, ∂f/∂x and ∂f/∂y interleaved: f,
    /// fx, fy per point) on the linspace grid, written into a buffer that
    /// stays in wasm memory; returns its length. Read it with
    /// `new Float64Array(memory.buffer, f.bufferPtr(), length)` — no copy, and
    /// no allocation once the size is stable.
    #[wasm_bindgen(js_name = gridInto)]
    #[allow(clippy::too_many_arguments)]
    pub fn grid_into(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: u32,
        ymin: f64,
        ymax: f64,
        ny: u32,
        with_gradient: bool,
    ) -> Result<u32, JsValue> {
        let (nx, ny) = (nx as usize, ny as usize);
        check_grid(xmin, xmax, nx, ymin, ymax, ny).map_err(js_err)?;
        let xs = linspace(xmin, xmax, nx);
        let ys = linspace(ymin, ymax, ny);
        let k = if with_gradient { 3 } else { 1 };
        self.buf.resize(k * nx * ny, 0.0);
        if with_gradient {
            self.inner.values_and_gradients_on(&xs, &ys, &mut self.buf)
        } else {
            self.inner.values_on(&xs, &ys, &mut self.buf)
        }
        .map_err(js_err)?;
        Ok(self.buf.len() as u32)
    }

    #[wasm_bindgen(js_name = bufferPtr)]
    pub fn buffer_ptr(&self) -> *const f64 {
        self.buf.as_ptr()
    }

    /// f along one variable from `from` to `to`, the others held at `point`.
    pub fn slice(
        &self,
        point: &[f64],
        variable: &str,
        from: f64,
        to: f64,
        n: u32,
    ) -> Result<Vec<f64>, JsValue> {
        let k = self.inner.var_index(variable).map_err(js_err)?;
        self.inner
            .slice(point, k, from, to, n as usize)
            .map_err(js_err)
    }

    #[wasm_bindgen(js_name = centralDifference)]
    pub fn central_difference(&self, point: &[f64], h: f64) -> Result<Vec<f64>, JsValue> {
        self.inner.central_difference(point, h).map_err(js_err)
    }

    /// f along one variable for a line plot: `[lo, hi, clipped below (1/0),
    /// clipped above (1/0), where it dives, where it climbs, m, t₁…t_m,
    /// f₁…f_m]`. The samples carry a NaN break wherever f jumps or runs off
    /// between two of them; lo..hi is the y range to show, clipped where f
    /// runs away as the colour scales are.
    #[wasm_bindgen(js_name = slicePlot)]
    pub fn slice_plot(
        &self,
        point: &[f64],
        variable: &str,
        from: f64,
        to: f64,
        n: u32,
    ) -> Result<Vec<f64>, JsValue> {
        let k = self.inner.var_index(variable).map_err(js_err)?;
        let c = self
            .inner
            .slice_plot(point, k, from, to, n as usize)
            .map_err(js_err)?;
        let flag = |o: Option<f64>| if o.is_some() { 1.0 } else { 0.0 };
        let mut out = vec![
            c.lo,
            c.hi,
            flag(c.under),
            flag(c.over),
            c.under.unwrap_or(f64::NAN),
            c.over.unwrap_or(f64::NAN),
            c.ts.len() as f64,
        ];
        out.extend(&c.ts);
        out.extend(&c.ys);
        Ok(out)
    }

    /// ∇f·(cos θ, sin θ) at θ = 2πk/n.
    #[wasm_bindgen(js_name = directionalSweep)]
    pub fn directional_sweep(&self, point: &[f64], n: u32) -> Result<Vec<f64>, JsValue> {
        self.inner
            .directional_sweep(point, n as usize)
            .map_err(js_err)
    }

    /// The one-sided rate of change in each direction θ = 2πk/n: ∇f·v where
    /// the gradient exists, and the true rates at a kink, where it does not.
    #[wasm_bindgen(js_name = oneSidedSweep)]
    pub fn one_sided_sweep(&self, point: &[f64], n: u32) -> Result<Vec<f64>, JsValue> {
        self.inner
            .one_sided_sweep(point, n as usize)
            .map_err(js_err)
    }

    /// Level curves of a two-variable f sampled on an nx × ny grid:
    /// `[level index, x0, y0, x1, y1]` per segment.
    #[allow(clippy::too_many_arguments)]
    pub fn contours(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: u32,
        ymin: f64,
        ymax: f64,
        ny: u32,
        levels: &[f64],
    ) -> Result<Vec<f64>, JsValue> {
        if levels.len() > 200 {
            return Err(js_err(Error::new("At most 200 levels for level curves.")));
        }
        let (xs, ys, vals) = self.level_grid(xmin, xmax, nx, ymin, ymax, ny)?;
        // 40,000 segments are far more than a readable figure shows (a
        // smooth curve crosses a few hundred cells); the cap keeps a wildly
        // oscillating function from growing wasm memory by megabytes that it
        // never gives back.
        Ok(crate::contour::contours(&vals, &xs, &ys, levels, 40_000))
    }

    /// The level curve f = `level` as whole polylines, joined in the core:
    /// `[point count, x0, y0, x1, y1, …]` per curve, one after another (a
    /// closed curve ends at its first point). At most 40,000 points.
    #[wasm_bindgen(js_name = levelLines)]
    #[allow(clippy::too_many_arguments)]
    pub fn level_lines(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: u32,
        ymin: f64,
        ymax: f64,
        ny: u32,
        level: f64,
    ) -> Result<Vec<f64>, JsValue> {
        let (xs, ys, vals) = self.level_grid(xmin, xmax, nx, ymin, ymax, ny)?;
        let mut out = Vec::new();
        for line in crate::contour::level_lines(&vals, &xs, &ys, level, 40_000) {
            out.push(line.len() as f64);
            out.extend(line.iter().flat_map(|&(x, y)| [x, y]));
        }
        Ok(out)
    }

    /// Gradient ascent (`sign` 1) or descent (-1): x, y, … and f per point.
    pub fn path(
        &mut self,
        start: &[f64],
        step: f64,
        steps: u32,
        sign: f64,
    ) -> Result<Vec<f64>, JsValue> {
        let sign = if sign < 0.0 { -1.0 } else { 1.0 };
        let (points, end) = self
            .inner
            .path_run(start, step, steps as usize, sign)
            .map_err(js_err)?;
        self.path_end = end.code();
        Ok(points)
    }

    /// Why the last `path` ended: [0] all steps taken, [1] no gradient at
    /// its last point, or where the next step would have landed: [2, x, y,
    /// …] f undefined there, [3, …] f infinite there, [4, …] a coordinate
    /// beyond ±10¹² (the path runs off), [5] the gradient is exactly zero
    /// at its last point (it would stay there).
    #[wasm_bindgen(js_name = pathEnd)]
    pub fn path_end(&self) -> Vec<f64> {
        self.path_end.clone()
    }

    /// The 3D view: [lo, hi, top x, top y, quad count, then per quad 8
    /// screen coordinates and a packed RGBA], quads back to front. A copy;
    /// `surfaceInto` leaves the same numbers in the buffer for a view.
    #[allow(clippy::too_many_arguments)]
    pub fn surface(
        &mut self,
        xmin: f64,
        xmax: f64,
        ymin: f64,
        ymax: f64,
        n: u32,
        azimuth: f64,
        elevation: f64,
        map: &str,
    ) -> Result<Vec<f64>, JsValue> {
        let len = self.surface_into(xmin, xmax, ymin, ymax, n, azimuth, elevation, map)? as usize;
        Ok(self.buf[..len].to_vec())
    }

    /// Like `surface`, into the buffer read with `bufferPtr()`; returns its
    /// length. The page turns the view this way, without a copy per frame.
    #[wasm_bindgen(js_name = surfaceInto)]
    #[allow(clippy::too_many_arguments)]
    pub fn surface_into(
        &mut self,
        xmin: f64,
        xmax: f64,
        ymin: f64,
        ymax: f64,
        n: u32,
        azimuth: f64,
        elevation: f64,
        map: &str,
    ) -> Result<u32, JsValue> {
        let n = (n as usize).clamp(2, 200);
        let map = Map::from_name(map).ok_or_else(|| js_err(Error::new("Unknown colour map.")))?;
        let (_, _, vals) = self
            .inner
            .sample(xmin, xmax, n, ymin, ymax, n)
            .map_err(js_err)?;
        let m = crate::surface::mesh(&vals, n, &crate::surface::View { azimuth, elevation }, map);
        self.buf.clear();
        self.buf
            .extend_from_slice(&[m.lo, m.hi, m.top.0, m.top.1, (m.quads.len() / 9) as f64]);
        self.buf.extend_from_slice(&m.quads);
        Ok(self.buf.len() as u32)
    }

    #[wasm_bindgen(js_name = gradientMathML)]
    pub fn gradient_mathml(&self) -> Result<String, JsValue> {
        self.inner.gradient_mathml().map_err(js_err)
    }

    #[wasm_bindgen(js_name = gradientGrid)]
    pub fn gradient_grid(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: u32,
        ymin: f64,
        ymax: f64,
        ny: u32,
    ) -> Result<Vec<f64>, JsValue> {
        self.inner
            .gradient_grid(xmin, xmax, nx as usize, ymin, ymax, ny as usize)
            .map_err(js_err)
    }
}

impl ScalarField {
    /// f on an nx × ny grid for level curves, refusing grids that would
    /// take seconds (and megabytes) to trace.
    #[allow(clippy::type_complexity)]
    fn level_grid(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: u32,
        ymin: f64,
        ymax: f64,
        ny: u32,
    ) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>), JsValue> {
        let (nx, ny) = (nx as usize, ny as usize);
        if nx.saturating_mul(ny) > 1_000_000 {
            return Err(js_err(Error::new(
                "At most 1,000,000 grid points for level curves.",
            )));
        }
        self.inner
            .sample(xmin, xmax, nx, ymin, ymax, ny)
            .map_err(js_err)
    }
}

/// A function with several outputs.
#[wasm_bindgen]
pub struct VectorField {
    inner: Vector,
}

#[wasm_bindgen]
impl VectorField {
    #[wasm_bindgen(constructor)]
    pub fn new(components: JsValue, variables: JsValue) -> Result<VectorField, JsValue> {
        let comps = string_list(&components, "The components")?
            .ok_or_else(|| js_err(Error::new("Give the components as an array of strings.")))?;
        let vars = string_list(&variables, "The variables")?;
        let refs: Vec<&str> = comps.iter().map(|s| s.as_str()).collect();
        Vector::parse(&refs, vars.as_deref())
            .map(|inner| VectorField { inner })
            .map_err(js_err)
    }

    pub fn variables(&self) -> js_sys::Array {
        to_js_strings(self.inner.variables())
    }

    /// Each component as plain text, after reading.
    pub fn components(&self) -> js_sys::Array {
        to_js_strings(self.inner.components())
    }

    pub fn eval(&self, point: &[f64]) -> Result<Vec<f64>, JsValue> {
        self.inner.eval(point).map_err(js_err)
    }

    pub fn jacobian(&self, point: &[f64]) -> Result<Vec<f64>, JsValue> {
        self.inner.jacobian(point).map_err(js_err)
    }

    pub fn grid(
        &mut self,
        xmin: f64,
        xmax: f64,
        nx: u32,
        ymin: f64,
        ymax: f64,
        ny: u32,
    ) -> Result<Vec<f64>, JsValue> {
        self.inner
            .grid(xmin, xmax, nx as usize, ymin, ymax, ny as usize)
            .map_err(js_err)
    }
}

/// A heatmap's pixels, kept in wasm memory between redraws so a redraw
/// allocates nothing once the size is stable.
#[wasm_bindgen]
pub struct Raster {
    rgba: Vec<u8>,
    values: Vec<f64>,
    xs: Vec<f64>,
    ys: Vec<f64>,
    vmin: f64,
    vmax: f64,
}

impl Default for Raster {
    fn default() -> Self {
        Raster::new()
    }
}

#[wasm_bindgen]
impl Raster {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Raster {
        Raster {
            rgba: Vec::new(),
            values: Vec::new(),
            xs: Vec::new(),
            ys: Vec::new(),
            vmin: f64::NAN,
            vmax: f64::NAN,
        }
    }

    /// Samples `f` at the centre of each of `width` × `height` pixels over the
    /// domain (row 0 at the top, ymax) and colours them with `map`
    /// ("viridis" or "coolwarm"), scaled to the finite values' range.
    #[allow(clippy::too_many_arguments)]
    pub fn paint(
        &mut self,
        f: &mut ScalarField,
        xmin: f64,
        xmax: f64,
        ymin: f64,
        ymax: f64,
        width: u32,
        height: u32,
        map: &str,
    ) -> Result<(), JsValue> {
        let (w, h) = (width as usize, height as usize);
        check_grid(xmin, xmax, w, ymin, ymax, h).map_err(js_err)?;
        let map = Map::from_name(map).ok_or_else(|| js_err(Error::new("Unknown colour map.")))?;
        self.xs = centers(xmin, xmax, w);
        self.ys = centers(ymin, ymax, h);
        self.ys.reverse();
        self.values.resize(w * h, 0.0);
        f.inner
            .values_on(&self.xs, &self.ys, &mut self.values)
            .map_err(js_err)?;
        let (lo, hi) = finite_range(&self.values).unwrap_or((f64::NAN, f64::NAN));
        self.vmin = lo;
        self.vmax = hi;
        self.rgba.resize(4 * w * h, 0);
        paint(&self.values, lo, hi, map, &mut self.rgba);
        Ok(())
    }

    /// Address of the RGBA bytes in wasm memory; valid until the next call
    /// that may allocate.
    pub fn ptr(&self) -> *const u8 {
        self.rgba.as_ptr()
    }

    pub fn len(&self) -> usize {
        self.rgba.len()
    }

    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.rgba.is_empty()
    }

    /// Smallest finite value painted (NaN if none was finite).
    pub fn vmin(&self) -> f64 {
        self.vmin
    }

    pub fn vmax(&self) -> f64 {
        self.vmax
    }
}

/// RGBA for a vertical colour bar of `height` pixels, top = maximum.
#[wasm_bindgen(js_name = colorbar)]
pub fn colorbar(map: &str, height: u32) -> Result<Vec<u8>, JsValue> {
    let map = Map::from_name(map).ok_or_else(|| js_err(Error::new("Unknown colour map.")))?;
    let h = (height as usize).clamp(1, 4096);
    let vals: Vec<f64> = (0..h).map(|i| 1.0 - (i as f64 + 0.5) / h as f64).collect();
    let mut out = vec![0u8; 4 * h];
    paint(&vals, 0.0, 1.0, map, &mut out);
    Ok(out)
}

/// Round tick values for an axis from `lo` to `hi`.
#[wasm_bindgen(js_name = niceTicks)]
pub fn nice_ticks_js(lo: f64, hi: f64, max_ticks: u32) -> Vec<f64> {
    nice_ticks(lo, hi, (max_ticks as usize).min(100))
}

/// numpy's linspace.
#[wasm_bindgen(js_name = linspace)]
pub fn linspace_js(a: f64, b: f64, n: u32) -> Result<Vec<f64>, JsValue> {
    if n == 0 || n as usize > crate::error::MAX_GRID_POINTS {
        return Err(js_err(Error::new(
            "linspace needs between 1 and 4,000,000 points.",
        )));
    }
    Ok(linspace(a, b, n as usize))
}

/// matplotlib's quiver autoscale for interleaved (u, v) pairs: arrow length
/// as a fraction of the plot width per unit of magnitude (NaN if nothing
/// finite to draw).
#[wasm_bindgen(js_name = quiverScale)]
pub fn quiver_scale_js(uv: &[f64]) -> f64 {
    quiver_scale(uv).unwrap_or(f64::NAN)
}

/// [cap, scale] for arrows near a pole: magnitudes above `cap` are drawn
/// at it and `scale` is the autoscale counting them so; [NaN, NaN] when no
/// arrow runs away (then use `quiverScale`).
#[wasm_bindgen(js_name = quiverCap)]
pub fn quiver_cap_js(uv: &[f64]) -> Vec<f64> {
    crate::field::quiver_cap(uv).map_or(vec![f64::NAN; 2], |(c, s)| vec![c, s])
}

/// [|g|, index of the largest component, that component, cos θ to ∇f];
/// NaNs when g is zero or not finite.
#[wasm_bindgen(js_name = compareSteps)]
pub fn compare_steps_js(g: &[f64]) -> Vec<f64> {
    match compare_steps(g) {
        Some((n, i, gi, c)) => vec![n, i as f64, gi, c],
        None => vec![f64::NAN; 4],
    }
}

/// The components of (gx, gy) in axes turned by `phi` radians.
#[wasm_bindgen(js_name = rotateComponents)]
pub fn rotate_components_js(gx: f64, gy: f64, phi: f64) -> Vec<f64> {
    let (a, b) = rotate_components(gx, gy, phi);
    vec![a, b]
}

/// A test hook: traps the module on purpose, so tests can check that the page
/// notices a broken instance, restarts it and redraws. Nothing else calls it.
#[wasm_bindgen(js_name = debugTrap)]
pub fn debug_trap() {
    core::arch::wasm32::unreachable()
}

/// Projects data points (x, y, z triples) into the 3D view's screen units.
#[wasm_bindgen(js_name = projectPoints)]
#[allow(clippy::too_many_arguments)]
pub fn project_points_js(
    pts: &[f64],
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
    zlo: f64,
    zhi: f64,
    azimuth: f64,
    elevation: f64,
) -> Vec<f64> {
    crate::surface::project_points(
        pts,
        xmin,
        xmax,
        ymin,
        ymax,
        zlo,
        zhi,
        &crate::surface::View { azimuth, elevation },
    )
}

/// The direction of (dx, dy) in degrees, counter-clockwise from +x, in
/// [0, 360); NaN for the zero vector. For the figures' spoken descriptions.
#[wasm_bindgen(js_name = directionDegrees)]
pub fn direction_degrees_js(dx: f64, dy: f64) -> f64 {
    crate::listen::direction_degrees(dx, dy)
}

/// Where an audio trace clicks: (index, kind) interleaved, kind 0 a zero,
/// 1 the maximum, 2 the minimum.
#[wasm_bindgen(js_name = traceMarks)]
pub fn trace_marks_js(values: &[f64]) -> Vec<f64> {
    crate::listen::trace_marks(values)
        .into_iter()
        .flat_map(|(i, m)| [i as f64, m as u8 as f64])
        .collect()
}

// ------------------------------------------------------------------------
// The 3D figure (issue 12): drawn by the core into an RGBA buffer with a
// depth buffer; the page views the buffer without copying and writes only
// text (tick numbers, titles) over it.

use crate::plot3d::{Overlay, Plot3d, Style};

/// 0xRRGGBBAA → bytes.
fn rgba(c: u32) -> [u8; 4] {
    c.to_be_bytes()
}

/// A 3D view of z = f(x, y) with its frame, overlays and colour bar.
#[wasm_bindgen]
pub struct Surface3d {
    inner: Plot3d,
}

impl Default for Surface3d {
    fn default() -> Self {
        Surface3d::new()
    }
}

#[wasm_bindgen]
impl Surface3d {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Surface3d {
        Surface3d {
            inner: Plot3d::new(),
        }
    }

    /// Samples `f` on an n × n mesh over the domain. The colour scale stays
    /// the mesh's own range until `setColourRange` gives the shared one.
    #[wasm_bindgen(js_name = setFunction)]
    #[allow(clippy::too_many_arguments)]
    pub fn set_function(
        &mut self,
        f: &mut ScalarField,
        xmin: f64,
        xmax: f64,
        ymin: f64,
        ymax: f64,
        n: u32,
    ) -> Result<(), JsValue> {
        let n = (n as usize).clamp(2, crate::sampling::MAX_MESH);
        let v = crate::sampling::mesh_values(&mut f.inner, xmin, xmax, ymin, ymax, n)
            .map_err(js_err)?;
        self.inner.set_data(v, n, [xmin, xmax, ymin, ymax], None);
        Ok(())
    }

    /// The colour scale to paint with (from `colourScale`, shared with the
    /// heatmap); ignored unless finite.
    #[wasm_bindgen(js_name = setColourRange)]
    pub fn set_colour_range(&mut self, lo: f64, hi: f64) {
        if lo.is_finite() && hi.is_finite() {
            self.inner.clo = lo;
            self.inner.chi = hi;
        }
    }

    /// Like `setColourRange`, for a scale clipped at one or both ends (the
    /// flags from `colourScale`): the surface is cut where it leaves the
    /// scale, so a pole does not stretch the z axis, and level curves stay
    /// inside the scale.
    #[wasm_bindgen(js_name = setColourScale)]
    pub fn set_colour_scale(&mut self, lo: f64, hi: f64, under: bool, over: bool) {
        if lo.is_finite() && hi.is_finite() {
            self.inner.set_colour_scale(lo, hi, under, over);
        }
    }

    /// Matplotlib's angles, in degrees.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, azimuth: f64, elevation: f64) {
        if azimuth.is_finite() {
            self.inner.azimuth = azimuth;
        }
        if elevation.is_finite() {
            self.inner.elevation = elevation.clamp(0.0, 90.0);
        }
    }

    pub fn azimuth(&self) -> f64 {
        self.inner.azimuth
    }

    pub fn elevation(&self) -> f64 {
        self.inner.elevation
    }

    /// The canvas's size in device pixels, and device pixels per CSS pixel.
    #[wasm_bindgen(js_name = setSize)]
    pub fn set_size(&mut self, width: u32, height: u32, dpr: f64) {
        let (w, h) = ((width as usize).min(8192), (height as usize).min(8192));
        self.inner.resize(w, h);
        self.inner.dpr = if dpr > 0.0 && dpr.is_finite() {
            dpr
        } else {
            1.0
        };
    }

    /// Where the box goes (device pixels); the box is fitted inside.
    #[wasm_bindgen(js_name = setRect)]
    pub fn set_rect(&mut self, left: f64, top: f64, width: f64, height: f64) {
        self.inner.rect = [left, top, width, height];
    }

    /// The colour bar's rectangle (device pixels); zero width for none.
    #[wasm_bindgen(js_name = setBar)]
    pub fn set_bar(&mut self, left: f64, top: f64, width: f64, height: f64) {
        self.inner.bar = (width > 0.0 && height > 0.0).then_some([left, top, width, height]);
    }

    /// Background, pane, grid and ink colours as 0xRRGGBBAA.
    #[wasm_bindgen(js_name = setStyle)]
    pub fn set_style(&mut self, bg: u32, pane: u32, grid: u32, ink: u32) {
        self.inner.style = Style {
            bg: rgba(bg),
            pane: rgba(pane),
            grid: rgba(grid),
            ink: rgba(ink),
        };
    }

    #[wasm_bindgen(js_name = setMap)]
    pub fn set_map(&mut self, map: &str) -> Result<(), JsValue> {
        self.inner.map =
            Map::from_name(map).ok_or_else(|| js_err(Error::new("Unknown colour map.")))?;
        Ok(())
    }

    /// Level curves projected on the floor, on or off.
    #[wasm_bindgen(js_name = setLevels)]
    pub fn set_levels(&mut self, on: bool) {
        self.inner.show_levels = on;
    }

    /// The widest and tallest tick label (device pixels), measured by the page.
    #[wasm_bindgen(js_name = setLabelRoom)]
    pub fn set_label_room(&mut self, width: f64, height: f64) {
        self.inner.label_room = [width.max(0.0), height.max(0.0)];
    }

    /// Tick values the next render will use: [count x, count y, count z,
    /// then the values], so the page can measure their labels first.
    pub fn ticks(&self) -> Vec<f64> {
        let t = self.inner.ticks();
        let mut out = vec![t[0].len() as f64, t[1].len() as f64, t[2].len() as f64];
        for axis in t {
            out.extend(axis);
        }
        out
    }

    #[wasm_bindgen(js_name = clearOverlays)]
    pub fn clear_overlays(&mut self) {
        self.inner.overlays.clear();
    }

    /// A polyline through data points (x, y, z triples); width in CSS pixels.
    #[wasm_bindgen(js_name = addLine)]
    pub fn add_line(&mut self, xyz: &[f64], color: u32, width: f64, dashed: bool) {
        let pts = xyz.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect();
        self.inner.overlays.push(Overlay::Line {
            pts,
            rgba: rgba(color),
            width,
            dashed,
        });
    }

    /// A marker at a data point, radius in CSS pixels.
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, x: f64, y: f64, z: f64, color: u32, r: f64) {
        self.inner.overlays.push(Overlay::Point {
            at: [x, y, z],
            rgba: rgba(color),
            r,
        });
    }

    /// The translucent vertical plane x = value (axis 0) or y = value (1).
    #[wasm_bindgen(js_name = addCut)]
    pub fn add_cut(&mut self, axis: u32, value: f64, color: u32) {
        let pts = self.inner.cut_plane(axis.min(1) as usize, value);
        self.inner.overlays.push(Overlay::Polygon {
            pts,
            rgba: rgba(color),
        });
    }

    /// The tangent plane at (x, y, z) with slopes (gx, gy), a patch of
    /// `frac` of the domain each way.
    #[wasm_bindgen(js_name = addTangentPlane)]
    #[allow(clippy::too_many_arguments)]
    pub fn add_tangent_plane(
        &mut self,
        x: f64,
        y: f64,
        z: f64,
        gx: f64,
        gy: f64,
        frac: f64,
        color: u32,
    ) {
        if [x, y, z, gx, gy].iter().all(|v| v.is_finite()) {
            let pts = self.inner.tangent_patch(x, y, z, gx, gy, frac);
            self.inner.overlays.push(Overlay::Polygon {
                pts,
                rgba: rgba(color),
            });
        }
    }

    /// The gradient (gx, gy) at (x, y) as an arrow in the floor, beneath the
    /// point: `scale` is its length per unit of |∇f| as a fraction of the
    /// domain's width (the heatmap's quiver scale, so both views agree).
    #[wasm_bindgen(js_name = addFloorArrow)]
    #[allow(clippy::too_many_arguments)]
    pub fn add_floor_arrow(
        &mut self,
        x: f64,
        y: f64,
        gx: f64,
        gy: f64,
        scale: f64,
        color: u32,
        width: f64,
    ) {
        let [x0, x1, y0, y1] = self.inner.domain;
        let to = [x + gx * scale * (x1 - x0), y + gy * scale * (y1 - y0)];
        self.inner.overlays.push(Overlay::FloorArrow {
            from: [x, y],
            to,
            rgba: rgba(color),
            width,
        });
    }

    /// Draws; returns the number of label anchors (see `labels`).
    pub fn render(&mut self) -> u32 {
        self.inner.render();
        (self.inner.labels.len() / 6) as u32
    }

    /// Per label: kind (0–2 tick numbers of x, y, z; 3–5 their axis
    /// titles), value, anchor x, y (device pixels) and the outward direction.
    pub fn labels(&self) -> Vec<f64> {
        self.inner.labels.clone()
    }

    /// Address of the RGBA pixels in wasm memory, valid until the next call
    /// that may allocate; `len` bytes.
    pub fn ptr(&self) -> *const u8 {
        self.inner.target.rgba.as_ptr()
    }

    pub fn len(&self) -> usize {
        self.inner.target.rgba.len()
    }

    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.inner.target.rgba.is_empty()
    }

    /// The surface's (x, y) under a device pixel, snapped to the nearest
    /// surface pixel within `radius`; empty off the surface.
    pub fn pick(&self, px: f64, py: f64, radius: f64) -> Vec<f64> {
        self.inner
            .pick(px, py, radius)
            .map_or_else(Vec::new, |(x, y)| vec![x, y])
    }

    /// A data point's device pixel position and depth in the last render.
    #[wasm_bindgen(js_name = screenOf)]
    pub fn screen_of(&self, x: f64, y: f64, z: f64) -> Vec<f64> {
        self.inner.screen_of([x, y, z]).to_vec()
    }

    /// [z axis low, high, colour scale low, high].
    pub fn ranges(&self) -> Vec<f64> {
        let p = &self.inner;
        vec![p.zlo, p.zhi, p.clo, p.chi]
    }

    /// Device pixel position of the highest mesh point in the last render.
    pub fn top(&self) -> Vec<f64> {
        self.inner.top.to_vec()
    }

    /// Mesh points a side.
    pub fn n(&self) -> u32 {
        self.inner.n as u32
    }
}

/// The colour scale of f over the domain, shared by the heatmap and the 3D
/// view: [lo, hi, clipped below (1/0), clipped above (1/0), x, y where f
/// dives below lo, x, y where it climbs above hi (NaN where not clipped),
/// and for each end whether f runs away along a line (0 no, 1 x = const,
/// 2 y = const)]; all NaN when no value is finite. The first two entries are what the
/// colours span, as before clipping existed.
#[wasm_bindgen(js_name = colourScale)]
pub fn colour_scale_js(
    f: &mut ScalarField,
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
) -> Result<Vec<f64>, JsValue> {
    let r = crate::sampling::colour_range(&mut f.inner, xmin, xmax, ymin, ymax).map_err(js_err)?;
    let Some(s) = r else {
        return Ok(vec![f64::NAN; 10]);
    };
    let at = |p: Option<(f64, f64)>| p.map_or([f64::NAN; 2], |(x, y)| [x, y]);
    let flag = |p: Option<(f64, f64)>| if p.is_some() { 1.0 } else { 0.0 };
    let line = |a: Option<char>| match a {
        Some('x') => 1.0,
        Some('y') => 2.0,
        _ => 0.0,
    };
    let (u, o) = (at(s.under), at(s.over));
    Ok(vec![
        s.lo,
        s.hi,
        flag(s.under),
        flag(s.over),
        u[0],
        u[1],
        o[0],
        o[1],
        line(s.under_along),
        line(s.over_along),
    ])
}

/// Whether an nx × ny grid is too coarse for f (it would draw an alias).
#[wasm_bindgen(js_name = undersampled)]
#[allow(clippy::too_many_arguments)]
pub fn undersampled_js(
    f: &mut ScalarField,
    xmin: f64,
    xmax: f64,
    nx: u32,
    ymin: f64,
    ymax: f64,
    ny: u32,
) -> Result<bool, JsValue> {
    crate::sampling::undersampled(
        &mut f.inner,
        xmin,
        xmax,
        nx as usize,
        ymin,
        ymax,
        ny as usize,
    )
    .map_err(js_err)
}

/// [mesh points a side, 1 if even that draws an alias else 0] for a 3D view
/// `plot_px` device pixels across.
#[wasm_bindgen(js_name = meshResolution)]
pub fn mesh_resolution_js(
    f: &mut ScalarField,
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
    plot_px: f64,
) -> Result<Vec<f64>, JsValue> {
    let (n, aliased) =
        crate::sampling::mesh_resolution(&mut f.inner, xmin, xmax, ymin, ymax, plot_px)
            .map_err(js_err)?;
    Ok(vec![n as f64, if aliased { 1.0 } else { 0.0 }])
}

#[wasm_bindgen]
impl Raster {
    /// Like `paint`, but on a given colour scale (from `colourScale`), so the
    /// heatmap and the 3D view agree; values outside it take the end colours.
    #[wasm_bindgen(js_name = paintOnScale)]
    #[allow(clippy::too_many_arguments)]
    pub fn paint_on_scale(
        &mut self,
        f: &mut ScalarField,
        xmin: f64,
        xmax: f64,
        ymin: f64,
        ymax: f64,
        width: u32,
        height: u32,
        map: &str,
        lo: f64,
        hi: f64,
    ) -> Result<(), JsValue> {
        self.paint(f, xmin, xmax, ymin, ymax, width, height, map)?;
        if lo.is_finite() && hi.is_finite() {
            let map =
                Map::from_name(map).ok_or_else(|| js_err(Error::new("Unknown colour map.")))?;
            self.vmin = lo;
            self.vmax = hi;
            paint(&self.values, lo, hi, map, &mut self.rgba);
        }
        Ok(())
    }
}
