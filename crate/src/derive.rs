//! Symbolic partial derivatives.
//!
//! One forward pass over the graph: because children precede parents, the
//! derivative of every child is known when its parent is reached. Rules reuse
//! the node being differentiated where they can (d exp(u) = exp(u)·u'), so
//! f and its partials share work once compiled. A node budget stops the pass
//! early when the result would grow too large, before it can eat the memory.
//! Each function's own rule is a row of the table in `functions`.

use crate::error::Error;
use crate::graph::{Graph, Id, Mode, Node};

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
                    let inner = (f.spec().derivative)(g, i, a);
                    g.mul(da, inner)
                }
            }
            Node::Bin(f, a, b) => {
                let (da, db) = (d[a as usize], d[b as usize]);
                if da == zero && db == zero {
                    zero
                } else {
                    (f.spec().derivative)(g, i, a, b, da, db)
                }
            }
        };
    }
    if g.len() > budget {
        return Err(Error::too_large_derivative(budget));
    }
    Ok(roots.iter().map(|&r| d[r as usize]).collect())
}
