//! Symbolic partial derivatives.
//!
//! One forward pass over the graph: because children precede parents, the
//! derivative of every child is known when its parent is reached. Rules reuse
//! the node being differentiated where they can (d exp(u) = exp(u)·u'), so
//! f and its partials share work once compiled. A node budget stops the pass
//! early when the result would grow too large, before it can eat the memory.

use crate::error::Error;
use crate::graph::{Fun1, Fun2, Graph, Id, Mode, Node};

/// Appends ∂root/∂x_var for each root to the graph and returns their ids.
/// Fails when the graph would exceed `budget` nodes.
pub fn derive(g: &mut Graph, roots: &[Id], var: u32, budget: usize) -> Result<Vec<Id>, Error> {
    let saved = g.mode;
    g.mode = Mode::Algebraic;
    let r = derive_inner(g, roots, var, budget);
    g.mode = saved;
    r
}

fn derive_inner(g: &mut Graph, roots: &[Id], var: u32, budget: usize) -> Result<Vec<Id>, Error> {
    let live = g.live(roots);
    let n = g.len();
    let mut d: Vec<Id> = vec![Id::MAX; n];
    let zero = g.num(0.0);
    let one = g.num(1.0);
    for &i in &live {
        if g.len() > budget {
            return Err(Error::too_large_derivative(budget));
        }
        d[i as usize] = match g.node(i) {
            Node::Num(_) | Node::Const(_) => zero,
            Node::Var(k) => {
                if k == var {
                    one
                } else {
                    zero
                }
            }
            Node::Un(f, a) => {
                let da = d[a as usize];
                if da == zero {
                    zero
                } else {
                    // u'·f'(u): the textbook order, 2x·cos(x²).
                    let inner = d_un(g, f, i, a);
                    g.mul(da, inner)
                }
            }
            Node::Bin(f, a, b) => {
                let (da, db) = (d[a as usize], d[b as usize]);
                if da == zero && db == zero {
                    zero
                } else {
                    d_bin(g, f, i, a, b, da, db)
                }
            }
        };
    }
    if g.len() > budget {
        return Err(Error::too_large_derivative(budget));
    }
    Ok(roots.iter().map(|&r| d[r as usize]).collect())
}

/// f'(u) for the node `me` = f(u); the chain rule's inner factor is applied by
/// the caller.
fn d_un(g: &mut Graph, f: Fun1, me: Id, u: Id) -> Id {
    let two = g.num(2.0);
    let one = g.num(1.0);
    match f {
        Fun1::Neg => g.num(-1.0),
        Fun1::Sqrt => {
            let den = g.mul(two, me);
            g.div(one, den)
        }
        Fun1::Exp => me,
        Fun1::Ln => g.div(one, u),
        Fun1::Abs => g.un(Fun1::Signum, u),
        Fun1::Sin => g.un(Fun1::Cos, u),
        Fun1::Cos => {
            let s = g.un(Fun1::Sin, u);
            g.neg(s)
        }
        Fun1::Tan => {
            let c = g.un(Fun1::Cos, u);
            let c2 = g.pow(c, two);
            g.div(one, c2)
        }
        Fun1::Asin | Fun1::Acos => {
            let u2 = g.pow(u, two);
            let r = g.sub(one, u2);
            let s = g.un(Fun1::Sqrt, r);
            let q = g.div(one, s);
            if f == Fun1::Acos {
                g.neg(q)
            } else {
                q
            }
        }
        Fun1::Atan => {
            let u2 = g.pow(u, two);
            let den = g.add(u2, one);
            g.div(one, den)
        }
        Fun1::Sinh => g.un(Fun1::Cosh, u),
        Fun1::Cosh => g.un(Fun1::Sinh, u),
        Fun1::Tanh => {
            let c = g.un(Fun1::Cosh, u);
            let c2 = g.pow(c, two);
            g.div(one, c2)
        }
        Fun1::Asinh | Fun1::Acosh => {
            let u2 = g.pow(u, two);
            let r = if f == Fun1::Asinh {
                g.add(u2, one)
            } else {
                g.sub(u2, one)
            };
            let s = g.un(Fun1::Sqrt, r);
            g.div(one, s)
        }
        Fun1::Atanh => {
            let u2 = g.pow(u, two);
            let den = g.sub(one, u2);
            g.div(one, den)
        }
        // Piecewise constant: the derivative is 0 wherever it exists.
        Fun1::Floor | Fun1::Ceil | Fun1::Round | Fun1::Signum => g.num(0.0),
    }
}

fn d_bin(g: &mut Graph, f: Fun2, me: Id, u: Id, v: Id, du: Id, dv: Id) -> Id {
    let zero = g.num(0.0);
    let two = g.num(2.0);
    match f {
        Fun2::Add => g.add(du, dv),
        Fun2::Sub => g.sub(du, dv),
        Fun2::Mul => {
            let a = g.mul(du, v);
            let b = g.mul(u, dv);
            g.add(a, b)
        }
        Fun2::Div => {
            if dv == zero {
                g.div(du, v)
            } else {
                // (u'v - uv') / v^2
                let a = g.mul(du, v);
                let b = g.mul(u, dv);
                let num = g.sub(a, b);
                let v2 = g.pow(v, two);
                g.div(num, v2)
            }
        }
        Fun2::Rem => {
            // u % v = u - v·trunc(u/v), and trunc(u/v) = (u - u % v)/v.
            if dv == zero {
                du
            } else {
                let diff = g.sub(u, me);
                let t = g.div(diff, v);
                let p = g.mul(dv, t);
                g.sub(du, p)
            }
        }
        Fun2::Pow => {
            if dv == zero {
                // v·u^(v-1)·u'
                let one = g.num(1.0);
                let vm1 = g.sub(v, one);
                let p = g.pow(u, vm1);
                let vp = g.mul(v, p);
                g.mul(vp, du)
            } else if du == zero {
                // u^v·ln(u)·v'
                let l = g.un(Fun1::Ln, u);
                let p = g.mul(me, l);
                g.mul(p, dv)
            } else {
                // u^v·(v'·ln(u) + v·u'/u)
                let l = g.un(Fun1::Ln, u);
                let a = g.mul(dv, l);
                let q = g.div(du, u);
                let b = g.mul(v, q);
                let s = g.add(a, b);
                g.mul(me, s)
            }
        }
        Fun2::Atan2 => {
            // atan2(u, v): (v·u' - u·v') / (u^2 + v^2)
            let a = g.mul(v, du);
            let b = g.mul(u, dv);
            let num = g.sub(a, b);
            let u2 = g.pow(u, two);
            let v2 = g.pow(v, two);
            let den = g.add(u2, v2);
            g.div(num, den)
        }
        Fun2::Max | Fun2::Min => {
            // max(u, v)' = (u' + v')/2 ± signum(u - v)·(u' - v')/2, the
            // branch's derivative on either side, written with builtins only.
            let s = g.add(du, dv);
            let half_s = g.div(s, two);
            let diff = g.sub(u, v);
            let sg = g.un(Fun1::Signum, diff);
            let dd = g.sub(du, dv);
            let t = g.mul(sg, dd);
            let half_t = g.div(t, two);
            if f == Fun2::Max {
                g.add(half_s, half_t)
            } else {
                g.sub(half_s, half_t)
            }
        }
    }
}
