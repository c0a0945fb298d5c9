//! The expression graph: every expression, and every derivative of it, lives as
//! nodes in one arena.
//!
//! Nodes are hash-consed, so a subexpression that appears twice (in f and in its
//! partials, say) is stored once and later computed once. A node's children are
//! always created before it, so ids are a topological order: derivation,
//! evaluation, depth and size all run as a single forward loop over the arena,
//! with no recursion for deep input to overflow.
//!
//! The smart constructors simplify as they build. In `Exact` mode they only do
//! rewrites that give bit-identical IEEE results (x*1, x+0, -(-x), folding two
//! literals), so a parsed function evaluates exactly as numpy would evaluate the
//! same text. Derivatives are built in `Algebraic` mode, which also folds
//! constant coefficients and collects like terms, so they read like a textbook.

use std::collections::HashMap;

/// Index of a node in its graph.
pub type Id = u32;

/// Functions of one argument; each has a row in `functions::UNARY`, in
/// this order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Fun1 {
    Neg,
    Sqrt,
    Exp,
    Ln,
    Abs,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Floor,
    Ceil,
    Round,
    Trunc,
    Sign,
    Log10,
    Log2,
    Log1p,
    Expm1,
    Exp2,
    Cbrt,
    Sigmoid,
    Relu,
    Softplus,
}

/// Functions of two arguments: the operators and the two-argument builtins,
/// each with a row in `functions::BINARY`, in this order. `max`/`min` with
/// more arguments are folded into chains of these.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Fun2 {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Atan2,
    Max,
    Min,
    Fmod,
    Fmax,
    Fmin,
    Hypot,
    Heaviside,
}

/// The named constants; kept symbolic so they print as `pi` and `e`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Konst {
    Pi,
    E,
}

impl Konst {
    pub fn value(self) -> f64 {
        match self {
            Konst::Pi => std::f64::consts::PI,
            Konst::E => std::f64::consts::E,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Node {
    /// A literal, stored as its bit pattern so nodes can be hashed.
    Num(u64),
    Const(Konst),
    /// The index of a variable in the function's variable list.
    Var(u32),
    Un(Fun1, Id),
    Bin(Fun2, Id, Id),
}

/// Which simplifications the constructors may apply (see the module doc).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Exact,
    Algebraic,
}

/// The arena. Cloning it is cheap enough for the sizes the limits allow.
#[derive(Clone, Debug)]
pub struct Graph {
    nodes: Vec<Node>,
    index: HashMap<Node, Id>,
    pub mode: Mode,
}

impl Default for Graph {
    fn default() -> Self {
        Graph::new()
    }
}

impl Graph {
    pub fn new() -> Graph {
        Graph {
            nodes: Vec::new(),
            index: HashMap::new(),
            mode: Mode::Exact,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn node(&self, id: Id) -> Node {
        self.nodes[id as usize]
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    fn intern(&mut self, n: Node) -> Id {
        if let Some(&id) = self.index.get(&n) {
            return id;
        }
        let id = self.nodes.len() as Id;
        self.nodes.push(n);
        self.index.insert(n, id);
        id
    }

    pub fn num(&mut self, v: f64) -> Id {
        // One zero: -0 and +0 print alike and would otherwise be two nodes.
        let v = if v == 0.0 { 0.0 } else { v };
        self.intern(Node::Num(v.to_bits()))
    }

    /// A node exactly as given, without simplifying: for `tidy`, which has
    /// already chosen the form to print.
    pub fn raw(&mut self, n: Node) -> Id {
        self.intern(n)
    }

    pub fn konst(&mut self, k: Konst) -> Id {
        self.intern(Node::Const(k))
    }

    pub fn var(&mut self, i: u32) -> Id {
        self.intern(Node::Var(i))
    }

    /// The literal value of a node, if it is a plain number.
    pub fn as_num(&self, id: Id) -> Option<f64> {
        match self.node(id) {
            Node::Num(b) => Some(f64::from_bits(b)),
            _ => None,
        }
    }

    /// A value for folding: literals and, in algebraic mode, named constants'
    /// values are never folded (pi stays pi); only literals fold.
    fn lit(&self, id: Id) -> Option<f64> {
        self.as_num(id)
    }

    fn is(&self, id: Id, v: f64) -> bool {
        self.lit(id) == Some(v)
    }

    /// Splits `-a` into `(true, a)`, anything else into `(false, it)`.
    fn unneg(&self, id: Id) -> (bool, Id) {
        match self.node(id) {
            Node::Un(Fun1::Neg, a) => (true, a),
            _ => (false, id),
        }
    }

    /// Splits `c*a` with a literal c into `(c, a)`; anything else is `(1, it)`.
    fn coeff(&self, id: Id) -> (f64, Id) {
        match self.node(id) {
            Node::Bin(Fun2::Mul, c, a) => match self.lit(c) {
                Some(c) => (c, a),
                None => (1.0, id),
            },
            Node::Un(Fun1::Neg, a) => {
                let (c, b) = self.coeff(a);
                (-c, b)
            }
            _ => (1.0, id),
        }
    }

    /// The literal at the far left of a product or quotient chain, as in
    /// (-2*p)*q/r.
    fn leading_coeff(&self, id: Id) -> Option<f64> {
        let mut cur = id;
        loop {
            match self.node(cur) {
                Node::Bin(Fun2::Mul, a, _) if self.lit(a).is_some() => return self.lit(a),
                Node::Bin(Fun2::Mul | Fun2::Div, a, _) => cur = a,
                _ => return None,
            }
        }
    }

    /// The same chain with its leading literal replaced by `c`.
    fn with_coeff(&mut self, id: Id, c: f64) -> Id {
        let mut rights = Vec::new();
        let mut cur = id;
        loop {
            match self.node(cur) {
                Node::Bin(Fun2::Mul, a, b) if self.lit(a).is_some() => {
                    let cn = self.num(c);
                    let mut acc = self.mul(cn, b);
                    while let Some((f, r)) = rights.pop() {
                        acc = self.intern(Node::Bin(f, acc, r));
                    }
                    return acc;
                }
                Node::Bin(f @ (Fun2::Mul | Fun2::Div), a, b) => {
                    rights.push((f, b));
                    cur = a;
                }
                _ => return id,
            }
        }
    }

    pub fn neg(&mut self, a: Id) -> Id {
        if let Some(v) = self.lit(a) {
            return self.num(-v);
        }
        match self.node(a) {
            Node::Un(Fun1::Neg, b) => b,
            // -(a - b) = b - a exactly in IEEE (both round the same difference).
            Node::Bin(Fun2::Sub, x, y) if self.mode == Mode::Algebraic => self.bin(Fun2::Sub, y, x),
            Node::Bin(Fun2::Mul, ..)
                if self.mode == Mode::Algebraic && self.leading_coeff(a).is_some() =>
            {
                let c = self.leading_coeff(a).unwrap_or(1.0);
                self.with_coeff(a, -c)
            }
            _ => self.intern(Node::Un(Fun1::Neg, a)),
        }
    }

    pub fn un(&mut self, f: Fun1, a: Id) -> Id {
        if f == Fun1::Neg {
            return self.neg(a);
        }
        // A function of a literal is kept as typed (ln(10), sqrt(2)): it
        // prints as written and reads back to itself, and a textbook keeps
        // ln(10) in a derivative rather than its digits.
        match (f, self.node(a)) {
            (Fun1::Ln, Node::Const(Konst::E)) => return self.num(1.0),
            (Fun1::Ln, Node::Un(Fun1::Exp, x)) if self.mode == Mode::Algebraic => return x,
            _ => {}
        }
        self.intern(Node::Un(f, a))
    }

    pub fn add(&mut self, a: Id, b: Id) -> Id {
        if self.is(a, 0.0) {
            return b;
        }
        if self.is(b, 0.0) {
            return a;
        }
        if let (Some(x), Some(y)) = (self.lit(a), self.lit(b)) {
            return self.fold(x + y, Fun2::Add, a, b);
        }
        let (nb, bb) = self.unneg(b);
        if nb {
            return self.sub(a, bb);
        }
        if let Some(v) = self.lit(b) {
            if v < 0.0 {
                // a + (-2) = a - 2, exactly.
                let p = self.num(-v);
                return self.sub(a, p);
            }
        }
        let (na, aa) = self.unneg(a);
        if na {
            return self.sub(b, aa);
        }
        if self.mode == Mode::Algebraic {
            if let Some(t) = self.collect(a, b, 1.0) {
                return t;
            }
            if let Some(cv) = self.leading_coeff(b) {
                if cv < 0.0 {
                    let t = self.with_coeff(b, -cv);
                    return self.sub(a, t);
                }
            }
            // Literals last in a sum: "2*x + 1" reads better than "1 + 2*x",
            // and "x - 1" better than "x + (-1)".
            if let Some(v) = self.lit(a) {
                if v < 0.0 {
                    let p = self.num(-v);
                    return self.sub(b, p);
                }
                return self.intern(Node::Bin(Fun2::Add, b, a));
            }
        } else if a == b {
            // x + x = 2*x bit for bit.
            let two = self.num(2.0);
            return self.intern(Node::Bin(Fun2::Mul, two, a));
        }
        self.intern(Node::Bin(Fun2::Add, a, b))
    }

    pub fn sub(&mut self, a: Id, b: Id) -> Id {
        if self.is(b, 0.0) {
            return a;
        }
        if self.is(a, 0.0) {
            return self.neg(b);
        }
        if let (Some(x), Some(y)) = (self.lit(a), self.lit(b)) {
            return self.fold(x - y, Fun2::Sub, a, b);
        }
        let (nb, bb) = self.unneg(b);
        if nb {
            return self.add(a, bb);
        }
        if self.mode == Mode::Algebraic {
            if let Some(t) = self.collect(a, b, -1.0) {
                return t;
            }
            // a - (-2*p)*q = a + 2*p*q.
            if let Some(cv) = self.leading_coeff(b) {
                if cv < 0.0 {
                    let t = self.with_coeff(b, -cv);
                    return self.add(a, t);
                }
            }
            if let Some(v) = self.lit(b) {
                if v < 0.0 {
                    let p = self.num(-v);
                    return self.add(a, p);
                }
            }
        }
        self.intern(Node::Bin(Fun2::Sub, a, b))
    }

    /// Like terms: c1*t ± c2*t = (c1 ± c2)*t, where t is the same node.
    fn collect(&mut self, a: Id, b: Id, sign: f64) -> Option<Id> {
        let (ca, ta) = self.coeff(a);
        let (cb, tb) = self.coeff(b);
        if ta != tb || self.lit(ta).is_some() {
            return None;
        }
        let c = ca + sign * cb;
        let cn = self.num(c);
        Some(self.mul(cn, ta))
    }

    pub fn mul(&mut self, a: Id, b: Id) -> Id {
        if self.is(a, 1.0) {
            return b;
        }
        if self.is(b, 1.0) {
            return a;
        }
        // 0*x is dropped as a textbook would, though IEEE gives NaN for x = inf.
        if self.mode == Mode::Algebraic && (self.is(a, 0.0) || self.is(b, 0.0)) {
            return self.num(0.0);
        }
        if let (Some(x), Some(y)) = (self.lit(a), self.lit(b)) {
            return self.fold(x * y, Fun2::Mul, a, b);
        }
        if self.is(a, -1.0) {
            return self.neg(b);
        }
        if self.is(b, -1.0) {
            return self.neg(a);
        }
        let (na, aa) = self.unneg(a);
        let (nb, bb) = self.unneg(b);
        if na || nb {
            let p = self.mul(aa, bb);
            return if na != nb { self.neg(p) } else { p };
        }
        if self.mode == Mode::Algebraic {
            // Literal coefficients go first and merge: 2*(3*x) = 6*x.
            if self.lit(b).is_some() && self.lit(a).is_none() {
                return self.mul(b, a);
            }
            if let Some(c) = self.lit(a) {
                if let Node::Bin(Fun2::Mul, d, x) = self.node(b) {
                    if let Some(d) = self.lit(d) {
                        let cd = self.num(c * d);
                        return self.mul(cd, x);
                    }
                    // c*(p*q) = (c*p)*q, which prints as c*p*q.
                    let cp = self.mul(a, d);
                    return self.intern(Node::Bin(Fun2::Mul, cp, x));
                }
            } else if let Node::Bin(Fun2::Mul, d, x) = self.node(b) {
                // x*(c*y) = c*(x*y): keep the coefficient in front.
                if self.lit(d).is_some() {
                    let p = self.mul(a, x);
                    return self.mul(d, p);
                }
            } else if let Node::Bin(Fun2::Mul, d, x) = self.node(a) {
                if self.lit(d).is_some() {
                    let p = self.mul(x, b);
                    return self.mul(d, p);
                }
            }
            if a == b {
                let two = self.num(2.0);
                return self.pow(a, two);
            }
        }
        self.intern(Node::Bin(Fun2::Mul, a, b))
    }

    pub fn div(&mut self, a: Id, b: Id) -> Id {
        if self.is(b, 1.0) {
            return a;
        }
        if self.is(a, 0.0) && self.mode == Mode::Algebraic {
            return a;
        }
        if let (Some(x), Some(y)) = (self.lit(a), self.lit(b)) {
            // 1/3 stays a fraction (it prints as typed, and derivatives keep
            // x^(1/3) exact); quotients a double holds exactly fold.
            let whole = |v: f64| v.fract() == 0.0 && v.abs() < 9.0e15;
            let q = x / y;
            if whole(x) && whole(y) && y != 0.0 && !(q * 1024.0).fract().eq(&0.0) {
                return self.intern(Node::Bin(Fun2::Div, a, b));
            }
            return self.fold(q, Fun2::Div, a, b);
        }
        let (na, aa) = self.unneg(a);
        let (nb, bb) = self.unneg(b);
        if na || nb {
            let q = self.div(aa, bb);
            return if na != nb { self.neg(q) } else { q };
        }
        if self.mode == Mode::Algebraic {
            if a == b {
                return self.num(1.0);
            }
            // (c*x)/d = (c/d)*x for literals c and d; (c*x)/y = c*(x/y).
            if let Node::Bin(Fun2::Mul, c, x) = self.node(a) {
                if let (Some(cv), Some(dv)) = (self.lit(c), self.lit(b)) {
                    // Only when c/d is exact in binary (2x/4 = x/2); 2y/9
                    // stays 2*(y/9), so the ninth remains a fraction.
                    if ((cv / dv) * 1024.0).fract() == 0.0 {
                        let q = self.num(cv / dv);
                        return self.mul(q, x);
                    }
                }
                if self.lit(c).is_some() {
                    let q = self.div(x, b);
                    return self.mul(c, q);
                }
            }
        }
        self.intern(Node::Bin(Fun2::Div, a, b))
    }

    pub fn pow(&mut self, a: Id, b: Id) -> Id {
        if self.is(b, 1.0) {
            return a;
        }
        if self.is(b, 0.0) || self.is(a, 1.0) {
            // x^0 = 1 and 1^y = 1 for every x and y in IEEE, NaN included.
            return self.num(1.0);
        }
        if let (Some(x), Some(y)) = (self.lit(a), self.lit(b)) {
            return self.fold(x.powf(y), Fun2::Pow, a, b);
        }
        if self.mode == Mode::Algebraic {
            if let (Node::Bin(Fun2::Pow, x, p), Some(q)) = (self.node(a), self.lit(b)) {
                if let Some(p) = self.lit(p) {
                    // (x^p)^q = x^(pq) when p is an integer-valued literal and q too.
                    if p.fract() == 0.0 && q.fract() == 0.0 {
                        let pq = self.num(p * q);
                        return self.pow(x, pq);
                    }
                }
            }
        }
        self.intern(Node::Bin(Fun2::Pow, a, b))
    }

    pub fn bin(&mut self, f: Fun2, a: Id, b: Id) -> Id {
        match f {
            Fun2::Add => self.add(a, b),
            Fun2::Sub => self.sub(a, b),
            Fun2::Mul => self.mul(a, b),
            Fun2::Div => self.div(a, b),
            Fun2::Pow => self.pow(a, b),
            _ => {
                if let (Some(x), Some(y)) = (self.lit(a), self.lit(b)) {
                    return self.fold(f.apply(x, y), f, a, b);
                }
                if matches!(f, Fun2::Max | Fun2::Min | Fun2::Fmax | Fun2::Fmin) && a == b {
                    return a;
                }
                self.intern(Node::Bin(f, a, b))
            }
        }
    }

    /// Folds two literals unless the result cannot be written back as a
    /// literal (inf, NaN): then the operation is kept, so `1/0` prints as typed.
    fn fold(&mut self, r: f64, f: Fun2, a: Id, b: Id) -> Id {
        if r.is_finite() {
            self.num(r)
        } else {
            self.intern(Node::Bin(f, a, b))
        }
    }

    /// The nesting depth of each node, computed forward (no recursion).
    pub fn depths(&self) -> Vec<u32> {
        let mut d = vec![0u32; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            d[i] = match *n {
                Node::Un(_, a) => d[a as usize] + 1,
                Node::Bin(_, a, b) => d[a as usize].max(d[b as usize]) + 1,
                _ => 1,
            };
        }
        d
    }

    /// The size of each node written out as a tree (shared nodes counted each
    /// time they appear), saturating: this is what printing would produce.
    pub fn tree_sizes(&self) -> Vec<u64> {
        let mut s = vec![0u64; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            s[i] = match *n {
                Node::Un(_, a) => s[a as usize].saturating_add(1),
                Node::Bin(_, a, b) => s[a as usize]
                    .saturating_add(s[b as usize])
                    .saturating_add(1),
                _ => 1,
            };
        }
        s
    }

    /// The nodes reachable from `roots`, in increasing id order.
    pub fn live(&self, roots: &[Id]) -> Vec<Id> {
        let mut mark = vec![false; self.nodes.len()];
        for &r in roots {
            mark[r as usize] = true;
        }
        for i in (0..self.nodes.len()).rev() {
            if !mark[i] {
                continue;
            }
            match self.nodes[i] {
                Node::Un(_, a) => mark[a as usize] = true,
                Node::Bin(_, a, b) => {
                    mark[a as usize] = true;
                    mark[b as usize] = true;
                }
                _ => {}
            }
        }
        (0..self.nodes.len() as Id)
            .filter(|&i| mark[i as usize])
            .collect()
    }

    /// Copies the nodes reachable from `roots` into a fresh graph, returning
    /// it and the new root ids. Keeps a derived function from carrying the
    /// whole arena it was built in.
    pub fn extract(&self, roots: &[Id]) -> (Graph, Vec<Id>) {
        let live = self.live(roots);
        let mut map = vec![Id::MAX; self.nodes.len()];
        let mut g = Graph::new();
        for &i in &live {
            let n = match self.nodes[i as usize] {
                Node::Un(f, a) => Node::Un(f, map[a as usize]),
                Node::Bin(f, a, b) => Node::Bin(f, map[a as usize], map[b as usize]),
                other => other,
            };
            map[i as usize] = g.intern(n);
        }
        let r = roots.iter().map(|&r| map[r as usize]).collect();
        (g, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_consing_shares_equal_subtrees() {
        let mut g = Graph::new();
        let x = g.var(0);
        let y = g.var(1);
        let a = g.mul(x, y);
        let b = g.mul(x, y);
        assert_eq!(a, b);
        let s1 = g.un(Fun1::Sin, a);
        let s2 = g.un(Fun1::Sin, b);
        assert_eq!(s1, s2);
    }

    #[test]
    fn exact_mode_keeps_literal_order_and_association() {
        let mut g = Graph::new();
        let x = g.var(0);
        let two = g.num(2.0);
        let three = g.num(3.0);
        let t = g.mul(three, x);
        let p = g.mul(two, t);
        // 2*(3*x) stays as typed: folding to 6*x could change the last bit.
        assert_eq!(g.node(p), Node::Bin(Fun2::Mul, two, t));
    }

    #[test]
    fn algebraic_mode_merges_coefficients_and_like_terms() {
        let mut g = Graph::new();
        g.mode = Mode::Algebraic;
        let x = g.var(0);
        let two = g.num(2.0);
        let three = g.num(3.0);
        let t = g.mul(three, x);
        let p = g.mul(two, t);
        let six = g.num(6.0);
        assert_eq!(g.node(p), Node::Bin(Fun2::Mul, six, x));
        let s = g.add(p, x);
        let seven = g.num(7.0);
        assert_eq!(g.node(s), Node::Bin(Fun2::Mul, seven, x));
    }

    #[test]
    fn identities_vanish() {
        let mut g = Graph::new();
        let x = g.var(0);
        let zero = g.num(0.0);
        let one = g.num(1.0);
        assert_eq!(g.add(x, zero), x);
        assert_eq!(g.mul(one, x), x);
        assert_eq!(g.pow(x, one), x);
        let n = g.neg(x);
        assert_eq!(g.neg(n), x);
        let m = g.sub(x, n);
        // x - (-x) becomes x + x = 2*x.
        assert!(matches!(g.node(m), Node::Bin(Fun2::Mul, _, _)));
    }

    #[test]
    fn depth_and_size_are_computed_without_recursion() {
        let mut g = Graph::new();
        let mut t = g.var(0);
        for _ in 0..100_000 {
            t = g.un(Fun1::Sin, t);
        }
        assert_eq!(g.depths()[t as usize], 100_001);
        assert_eq!(g.tree_sizes()[t as usize], 100_001);
    }
}
