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
    let r = derive_inner(g, roots, var, budget).map(|ds| {
        ds.into_iter()
            .map(|d| crate::tidy::tidy(g, d))
            .collect::<Vec<Id>>()
    });
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

/// For each node, the set of variables it depends on (bit k for variable
/// k; there are at most 64). Forward, like everything on the graph.
pub fn dependencies(g: &Graph) -> Vec<u64> {
    let mut dep = vec![0u64; g.len()];
    for (i, n) in g.nodes().iter().enumerate() {
        dep[i] = match *n {
            Node::Var(k) => 1u64.checked_shl(k).unwrap_or(0),
            Node::Un(_, a) => dep[a as usize],
            Node::Bin(_, a, b) => dep[a as usize] | dep[b as usize],
            _ => 0,
        };
    }
    dep
}

/// The nodes under `root` that have kinks or jumps (abs, max, floor, ...)
/// and depend on some variable, in increasing id order: where the
/// derivative may fail to exist though f is defined.
pub fn kink_nodes(g: &Graph, root: Id, dep: &[u64]) -> Vec<Id> {
    g.live(&[root])
        .into_iter()
        .filter(|&i| {
            dep[i as usize] != 0
                && match g.node(i) {
                    Node::Un(f, _) => f.spec().kink.is_some(),
                    Node::Bin(f, ..) => f.spec().kink.is_some(),
                    _ => false,
                }
        })
        .collect()
}

/// Whether the kink node `id` is at its kink, given its argument values
/// and its own value; with the table's explanation.
pub fn at_kink(g: &Graph, id: Id, a: f64, b: f64, me: f64) -> Option<&'static str> {
    match g.node(id) {
        Node::Un(f, _) => f.spec().kink.filter(|k| (k.at)(a)).map(|k| k.why),
        Node::Bin(f, ..) => f.spec().kink.filter(|k| (k.at)(a, b, me)).map(|k| k.why),
        _ => None,
    }
}
