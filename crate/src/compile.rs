//! Compiled evaluation: the live part of a graph becomes a flat list of
//! register instructions, run over a block of points at a time.
//!
//! Since graph ids are already a topological order, compiling is one pass:
//! each live node gets the next register, and every instruction reads only
//! registers written before it. Shared subexpressions (between f and its
//! partials, too) are computed once per point. Running each instruction
//! across a whole block keeps the interpreter's dispatch out of the inner
//! loop, so the per-point work is a tight loop the compiler can vectorise.
//! Blocks use each function's block kernel from the table in `functions`
//! (the fast elementary functions of `fastmath`, within 2 ulp); single
//! points use each function's point evaluator, and nothing else.

use crate::fastmath;
use crate::graph::{Fun1, Fun2, Graph, Id, Konst, Node};
use crate::wide::Wide;

/// Points evaluated together. Large enough to amortise dispatch, small
/// enough that all registers of a typical expression stay in cache.
pub const BLOCK: usize = 256;

#[derive(Clone, Copy, Debug)]
enum Instr {
    Un(Fun1, u32, u32),
    Bin(Fun2, u32, u32, u32),
    /// sin and cos of one register, sharing the argument reduction (the
    /// gradient of sin(u) always needs cos(u)).
    SinCos(u32, u32, u32),
}

/// A check that voids derivative outputs at one point: where f is
/// undefined (NaN), or where a kink node is at its kink. A derivative exists
/// only where f is differentiable.
#[derive(Clone, Debug)]
struct Guard {
    /// The kink node (its registers: argument a, argument b, value), or for
    /// `node == None` just the function's value in `me`.
    node: Option<Node>,
    a: u32,
    b: u32,
    me: u32,
    /// Outputs set to NaN when the check fires.
    outputs: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct Program {
    code: Vec<Instr>,
    nregs: usize,
    consts: Vec<(u32, f64)>,
    /// (register, variable index)
    inputs: Vec<(u32, u32)>,
    outputs: Vec<u32>,
    guards: Vec<Guard>,
    /// Scratch registers for block evaluation, kept to avoid allocating per call.
    regs: Vec<f64>,
}

impl Program {
    pub fn new(g: &Graph, roots: &[Id]) -> Program {
        Program::compile(g, roots, &[]).0
    }

    /// Derivatives, guarded: output `o` is `outs[o]`, and when `wrt[o]` is
    /// `Some((f, k))` it is ∂f/∂x_k, set to NaN at points where f is
    /// undefined or where one of f's kinks that depends on x_k is hit.
    pub fn derivatives(g: &Graph, outs: &[Id], wrt: &[Option<(Id, u32)>]) -> Program {
        let mut fs: Vec<Id> = wrt.iter().flatten().map(|w| w.0).collect();
        fs.sort_unstable();
        fs.dedup();
        let (mut p, reg) = Program::compile(g, outs, &fs);
        let dep = crate::derive::dependencies(g);
        for &f in &fs {
            let affected = |bits: u64| -> Vec<u32> {
                (0..outs.len() as u32)
                    .filter(|&o| matches!(wrt[o as usize], Some((r, k)) if r == f && (bits >> k) & 1 == 1))
                    .collect()
            };
            let all = affected(u64::MAX);
            if !all.is_empty() {
                let me = reg[f as usize];
                p.guards.push(Guard {
                    node: None,
                    a: me,
                    b: me,
                    me,
                    outputs: all,
                });
            }
            for id in crate::derive::kink_nodes(g, f, &dep) {
                let (a, b) = match g.node(id) {
                    Node::Un(_, a) => (a, a),
                    Node::Bin(_, a, b) => (a, b),
                    _ => continue,
                };
                let outputs = affected(dep[a as usize] | dep[b as usize]);
                if !outputs.is_empty() {
                    p.guards.push(Guard {
                        node: Some(g.node(id)),
                        a: reg[a as usize],
                        b: reg[b as usize],
                        me: reg[id as usize],
                        outputs,
                    });
                }
            }
        }
        p
    }

    /// Whether a guard fires for these register values.
    fn fires(gd: &Guard, a: f64, b: f64, me: f64) -> bool {
        match gd.node {
            None => me.is_nan(),
            Some(Node::Un(f, _)) => f.spec().kink.is_some_and(|k| (k.at)(a)),
            Some(Node::Bin(f, ..)) => f.spec().kink.is_some_and(|k| (k.at)(a, b, me)),
            Some(_) => false,
        }
    }

    /// Compiles `roots` as the outputs, with `extra` computed too (for the
    /// guards), and returns each node's register.
    fn compile(g: &Graph, roots: &[Id], extra: &[Id]) -> (Program, Vec<u32>) {
        let all: Vec<Id> = roots.iter().chain(extra).copied().collect();
        let live = g.live(&all);
        // Division by a power of two is multiplication by its exact
        // reciprocal; those reciprocals get the first registers, so every
        // instruction still reads only lower registers than it writes.
        let mut recip: Vec<f64> = Vec::new();
        for &id in &live {
            if let Node::Bin(Fun2::Div, _, b) = g.node(id) {
                if let Some(c) = g.as_num(b).filter(|&c| power_of_two(c)) {
                    if !recip.contains(&(1.0 / c)) {
                        recip.push(1.0 / c);
                    }
                }
            }
        }
        let base = recip.len();
        let mut reg = vec![u32::MAX; g.len()];
        let mut p = Program {
            code: Vec::new(),
            nregs: base + live.len(),
            consts: recip
                .iter()
                .enumerate()
                .map(|(k, &v)| (k as u32, v))
                .collect(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            guards: Vec::new(),
            regs: Vec::new(),
        };
        for (r, &id) in live.iter().enumerate() {
            let r = (base + r) as u32;
            reg[id as usize] = r;
            match g.node(id) {
                Node::Num(b) => p.consts.push((r, f64::from_bits(b))),
                Node::Const(k) => p.consts.push((r, Konst::value(k))),
                Node::Var(v) => p.inputs.push((r, v)),
                Node::Un(f, a) => p.code.push(Instr::Un(f, r, reg[a as usize])),
                Node::Bin(f, a, b) => {
                    let (ra, rb) = (reg[a as usize], reg[b as usize]);
                    // x^2 as x*x: the same correctly rounded square, without pow.
                    let divisor = g.as_num(b).filter(|&c| f == Fun2::Div && power_of_two(c));
                    if f == Fun2::Pow && g.as_num(b) == Some(2.0) {
                        p.code.push(Instr::Bin(Fun2::Mul, r, ra, ra));
                    } else if let Some(c) = divisor {
                        let k = recip.iter().position(|&v| v == 1.0 / c).unwrap_or(0) as u32;
                        p.code.push(Instr::Bin(Fun2::Mul, r, ra, k));
                    } else {
                        p.code.push(Instr::Bin(f, r, ra, rb));
                    }
                }
            }
        }
        p.outputs = roots.iter().map(|&r| reg[r as usize]).collect();
        p.fuse_sin_cos();
        (p, reg)
    }

    /// Replaces each pair sin(a), cos(a) by one SinCos at the earlier place.
    fn fuse_sin_cos(&mut self) {
        let mut cos_of = std::collections::HashMap::new();
        for (k, ins) in self.code.iter().enumerate() {
            if let Instr::Un(Fun1::Cos, d, a) = *ins {
                cos_of.insert(a, (k, d));
            }
        }
        let mut drop = vec![false; self.code.len()];
        for k in 0..self.code.len() {
            if let Instr::Un(Fun1::Sin, ds, a) = self.code[k] {
                if let Some(&(kc, dc)) = cos_of.get(&a) {
                    let first = k.min(kc);
                    self.code[first] = Instr::SinCos(ds, dc, a);
                    drop[k.max(kc)] = true;
                }
            }
        }
        let mut i = 0;
        self.code.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    pub fn outputs(&self) -> usize {
        self.outputs.len()
    }

    /// Evaluates at one point; `point[i]` is the value of variable i.
    /// Writes one value per root into `out`. Computed in `Wide` numbers, so
    /// no intermediate overflows or underflows: the result is the true
    /// value rounded to a double even where a double on the way would be
    /// ∞ or 0 (and bit for bit the double result where none is).
    pub fn eval(&self, point: &[f64], out: &mut [f64]) {
        let mut r = vec![Wide::from_f64(0.0); self.nregs];
        for &(k, v) in &self.consts {
            r[k as usize] = Wide::from_f64(v);
        }
        for &(k, v) in &self.inputs {
            r[k as usize] = Wide::from_f64(point.get(v as usize).copied().unwrap_or(f64::NAN));
        }
        for ins in &self.code {
            match *ins {
                Instr::Un(f, d, a) => r[d as usize] = f.apply_wide(r[a as usize]),
                Instr::Bin(f, d, a, b) => {
                    r[d as usize] = f.apply_wide(r[a as usize], r[b as usize])
                }
                Instr::SinCos(ds, dc, a) => {
                    r[ds as usize] = Fun1::Sin.apply_wide(r[a as usize]);
                    r[dc as usize] = Fun1::Cos.apply_wide(r[a as usize]);
                }
            }
        }
        for (o, &k) in out.iter_mut().zip(&self.outputs) {
            *o = r[k as usize].to_f64();
        }
        for gd in &self.guards {
            let v = |k: u32| r[k as usize].to_f64();
            if Program::fires(gd, v(gd.a), v(gd.b), v(gd.me)) {
                for &o in &gd.outputs {
                    out[o as usize] = f64::NAN;
                }
            }
        }
    }

    /// Evaluates on the grid `xs` × `ys` for a function of two variables
    /// (variable 0 along x, variable 1 along y). Row-major, row 0 at ys[0];
    /// each point's outputs are interleaved: `out[(j*nx + i)*k + o]`.
    pub fn eval_grid(&mut self, xs: &[f64], ys: &[f64], out: &mut [f64]) {
        let k = self.outputs.len();
        let nx = xs.len();
        debug_assert!(out.len() >= nx * ys.len() * k);
        if self.regs.len() != self.nregs * BLOCK {
            self.regs = vec![0.0; self.nregs * BLOCK];
            for &(r, v) in &self.consts {
                self.regs[r as usize * BLOCK..(r as usize + 1) * BLOCK].fill(v);
            }
        }
        // Blocks run along rows, so x is a slice of xs and y is one value.
        for (j, &y) in ys.iter().enumerate() {
            let mut i0 = 0;
            while i0 < nx {
                let n = BLOCK.min(nx - i0);
                for &(r, v) in &self.inputs {
                    let lane = &mut self.regs[r as usize * BLOCK..r as usize * BLOCK + n];
                    match v {
                        0 => lane.copy_from_slice(&xs[i0..i0 + n]),
                        1 => lane.fill(y),
                        _ => lane.fill(f64::NAN),
                    }
                }
                run_block(&self.code, &mut self.regs, n);
                let base = (j * nx + i0) * k;
                for (o, &r) in self.outputs.iter().enumerate() {
                    let lane = &self.regs[r as usize * BLOCK..r as usize * BLOCK + n];
                    for (slot, &v) in out[base + o..].iter_mut().step_by(k).zip(lane) {
                        *slot = v;
                    }
                }
                for gd in &self.guards {
                    let lane = |r: u32| &self.regs[r as usize * BLOCK..r as usize * BLOCK + n];
                    let (a, b, me) = (lane(gd.a), lane(gd.b), lane(gd.me));
                    // The common case, f defined on the whole block, in one
                    // vectorisable pass.
                    if gd.node.is_none() && !me.iter().any(|v| v.is_nan()) {
                        continue;
                    }
                    for i in 0..n {
                        if Program::fires(gd, a[i], b[i], me[i]) {
                            for &o in &gd.outputs {
                                out[base + i * k + o as usize] = f64::NAN;
                            }
                        }
                    }
                }
                self.redo_overflows(&xs[i0..i0 + n], y, &mut out[base..base + n * k]);
                i0 += n;
            }
        }
    }
}

impl Program {
    /// Derivatives that came out ∞ or NaN where f is finite (an overflow on
    /// the way, as in σ' far out) are computed again at that point as
    /// `eval` computes them, in wide numbers: rare, so grids stay fast, and
    /// grids agree with points. Programs without guards (values only) are
    /// left as they are.
    fn redo_overflows(&self, xs: &[f64], y: f64, block: &mut [f64]) {
        let k = self.outputs.len();
        if self.guards.is_empty() || k == 0 || block.iter().all(|v| v.is_finite()) {
            return;
        }
        for (i, &x) in xs.iter().enumerate() {
            let row = &mut block[i * k..(i + 1) * k];
            let f_finite = self
                .guards
                .iter()
                .filter(|g| g.node.is_none())
                .all(|g| self.regs[g.me as usize * BLOCK + i].is_finite());
            if f_finite && row.iter().any(|v| !v.is_finite()) {
                self.eval(&[x, y], row);
            }
        }
    }
}

/// ±2^k whose reciprocal is also a normal double: a/c = a·(1/c) exactly.
fn power_of_two(c: f64) -> bool {
    let m = c.abs();
    m.is_normal() && (1.0 / m).is_normal() && m.to_bits() & 0x000f_ffff_ffff_ffff == 0
}

/// Runs every instruction over the first `n` lanes of the block.
fn run_block(code: &[Instr], regs: &mut [f64], n: usize) {
    for ins in code {
        match *ins {
            Instr::Un(f, d, a) => {
                // d > a: registers are allocated in topological order.
                let (lo, hi) = regs.split_at_mut(d as usize * BLOCK);
                let src = &lo[a as usize * BLOCK..a as usize * BLOCK + n];
                let dst = &mut hi[..n];
                un_lanes(f, src, dst);
            }
            Instr::Bin(f, d, a, b) => {
                let (lo, hi) = regs.split_at_mut(d as usize * BLOCK);
                let sa = &lo[a as usize * BLOCK..a as usize * BLOCK + n];
                let sb = &lo[b as usize * BLOCK..b as usize * BLOCK + n];
                let dst = &mut hi[..n];
                bin_lanes(f, sa, sb, dst);
            }
            Instr::SinCos(ds, dc, a) => {
                let (m, big) = (ds.min(dc) as usize, ds.max(dc) as usize);
                let (lo, hi) = regs.split_at_mut(m * BLOCK);
                let src = &lo[a as usize * BLOCK..a as usize * BLOCK + n];
                let (first, rest) = hi.split_at_mut(BLOCK);
                let second = &mut rest[(big - m - 1) * BLOCK..(big - m - 1) * BLOCK + n];
                let first = &mut first[..n];
                if ds < dc {
                    fastmath::sin_cos_block(src, first, second);
                } else {
                    fastmath::sin_cos_block(src, second, first);
                }
            }
        }
    }
}

/// One loop per operation: each row's block evaluator is its own loop (a
/// fast kernel, or the standard function lane by lane), so the loop body is
/// a single known operation the compiler can vectorise.
fn un_lanes(f: Fun1, src: &[f64], dst: &mut [f64]) {
    (f.spec().block)(src, dst)
}

fn bin_lanes(f: Fun2, a: &[f64], b: &[f64], dst: &mut [f64]) {
    (f.spec().block)(a, b, dst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_all;

    #[test]
    fn power_of_two_divisors_become_exact_products() {
        assert!(power_of_two(2.0) && power_of_two(-0.25) && power_of_two(1.0));
        assert!(
            !power_of_two(3.0)
                && !power_of_two(0.0)
                && !power_of_two(f64::INFINITY)
                && !power_of_two(5e-324)
        );
        let (g, r, _) = parse_all(&["x/2 + y/-8 + x/3"], None).unwrap();
        let mut p = Program::new(&g, &r);
        let mut out = [0.0; 4];
        p.eval_grid(&[1.0, 7.0], &[0.5, 3.0], &mut out);
        for (k, (x, y)) in [(1.0, 0.5), (7.0, 0.5), (1.0, 3.0), (7.0, 3.0)]
            .iter()
            .enumerate()
        {
            assert_eq!(out[k], x / 2.0 + y / -8.0 + x / 3.0);
        }
    }

    #[test]
    fn block_and_point_evaluation_agree() {
        let (g, r, _) = parse_all(
            &["sin(x*y) + x^2/(1+y)", "atan2(y, x) - max(x, y, 0.5)"],
            None,
        )
        .unwrap();
        let mut p = Program::new(&g, &r);
        let xs: Vec<f64> = (0..37).map(|i| -2.0 + i as f64 * 0.11).collect();
        let ys: Vec<f64> = (0..23).map(|j| -1.0 + j as f64 * 0.13).collect();
        let mut grid = vec![0.0; xs.len() * ys.len() * 2];
        p.eval_grid(&xs, &ys, &mut grid);
        let mut one = [0.0; 2];
        for (j, &y) in ys.iter().enumerate() {
            for (i, &x) in xs.iter().enumerate() {
                p.eval(&[x, y], &mut one);
                let k = (j * xs.len() + i) * 2;
                // Blocks use fastmath (≤ 2 ulp per call), points the standard functions.
                let close = |a: f64, b: f64| a == b || (a - b).abs() <= 1e-14 * (1.0 + b.abs());
                assert!(close(grid[k], one[0]), "{x} {y}: {} vs {}", grid[k], one[0]);
                assert!(
                    close(grid[k + 1], one[1]),
                    "{x} {y}: {} vs {}",
                    grid[k + 1],
                    one[1]
                );
            }
        }
    }
}
