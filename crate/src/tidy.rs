//! Derivatives rewritten as a textbook prints them.
//!
//! The rules of `derive` produce correct but raw formulas: 2·x·(1/(2·√u)),
//! a quotient rule's numerator with its products unexpanded, ln(x) + x·(1/x).
//! Here the arithmetic around the function calls is put in a normal form, as
//! a computer algebra system does: a sum of terms, each an exact rational
//! (or decimal) coefficient times powers of factors, like factors merged and
//! like terms collected. Then a sum is expanded, or its common factors are
//! taken out, where that makes it shorter, and the result is written back
//! with the negative powers as a denominator: x/√u, 4·x·y²/(x² + y²)²,
//! ln(x) + 1, 1/(3·x^(2/3)).
//!
//! Function calls (and powers with a non-numeric exponent) are kept whole
//! as atoms, with their arguments untouched: they are the expensive parts
//! that the derivative shares with f, and sharing them keeps the compiled
//! gradient as fast as before.

use crate::graph::{Fun1, Fun2, Graph, Id, Node};

/// Largest derivative (written out as a tree) that is tidied; larger ones
/// are left as derived, which is correct, only less pretty.
const MAX_TIDY: u64 = 1500;
/// Largest number of terms an expansion may produce.
const MAX_TERMS: usize = 64;

/// A coefficient: an exact rational p/q (q > 0, reduced) or a decimal.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Q {
    R(i64, i64),
    F(f64),
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Q {
    const ONE: Q = Q::R(1, 1);

    fn rat(p: i128, q: i128) -> Q {
        if q == 0 {
            return Q::F(p as f64 / q as f64);
        }
        let g = gcd(p, q).max(1);
        let (mut p, mut q) = (p / g, q / g);
        if q < 0 {
            p = -p;
            q = -q;
        }
        let lim = 1i128 << 53;
        if p.abs() < lim && q < lim {
            Q::R(p as i64, q as i64)
        } else {
            Q::F(p as f64 / q as f64)
        }
    }

    /// A literal as a rational when it is a whole number or a short binary
    /// fraction (0.5, 0.25, 1.5), which are exact; else a decimal.
    fn of(v: f64) -> Q {
        for k in 0..=4 {
            let s = v * (1u32 << k) as f64;
            if s.fract() == 0.0 && s.abs() < 9.0e15 {
                return Q::rat(s as i128, 1 << k);
            }
        }
        Q::F(v)
    }

    fn value(self) -> f64 {
        match self {
            Q::R(p, q) => p as f64 / q as f64,
            Q::F(v) => v,
        }
    }

    fn add(self, o: Q) -> Q {
        match (self, o) {
            (Q::R(a, b), Q::R(c, d)) => Q::rat(
                a as i128 * d as i128 + c as i128 * b as i128,
                b as i128 * d as i128,
            ),
            _ => Q::F(self.value() + o.value()),
        }
    }

    fn mul(self, o: Q) -> Q {
        match (self, o) {
            (Q::R(a, b), Q::R(c, d)) => Q::rat(a as i128 * c as i128, b as i128 * d as i128),
            _ => Q::F(self.value() * o.value()),
        }
    }

    fn neg(self) -> Q {
        self.mul(Q::R(-1, 1))
    }

    fn is_zero(self) -> bool {
        self.value() == 0.0
    }

    fn negative(self) -> bool {
        self.value() < 0.0
    }

    fn abs(self) -> Q {
        if self.negative() {
            self.neg()
        } else {
            self
        }
    }

    fn int(self) -> Option<i64> {
        match self {
            Q::R(p, 1) => Some(p),
            _ => None,
        }
    }

    /// self^n for a whole n (small), exactly when rational.
    fn powi(self, n: i64) -> Option<Q> {
        if n.abs() > 64 {
            return None;
        }
        let mut r = Q::ONE;
        for _ in 0..n.abs() {
            r = r.mul(self);
        }
        if n < 0 {
            if r.is_zero() {
                return None;
            }
            r = match r {
                Q::R(p, q) => Q::rat(q as i128, p as i128),
                Q::F(v) => Q::F(1.0 / v),
            };
        }
        Some(r)
    }
}

/// What a power is of: a kept-whole node, or a sum in brackets.
#[derive(Clone, Debug, PartialEq)]
enum Base {
    Atom(Id),
    Sum(Vec<Term>),
}

/// c · Π base^exponent, exponents rational and non-zero.
#[derive(Clone, Debug, PartialEq)]
struct Term {
    c: Q,
    f: Vec<(Base, Q)>,
}

type Sum = Vec<Term>;

fn constant(c: Q) -> Sum {
    if c.is_zero() {
        Vec::new()
    } else {
        vec![Term { c, f: Vec::new() }]
    }
}

fn atom(id: Id) -> Sum {
    vec![Term {
        c: Q::ONE,
        f: vec![(Base::Atom(id), Q::ONE)],
    }]
}

fn same_factors(a: &[(Base, Q)], b: &[(Base, Q)]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

fn add(mut a: Sum, b: Sum) -> Sum {
    for t in b {
        match a.iter().position(|s| same_factors(&s.f, &t.f)) {
            Some(k) => {
                a[k].c = a[k].c.add(t.c);
                if a[k].c.is_zero() {
                    a.remove(k);
                }
            }
            None => a.push(t),
        }
    }
    a
}

fn scale(a: Sum, c: Q) -> Sum {
    if c.is_zero() {
        return Vec::new();
    }
    a.into_iter()
        .map(|t| Term {
            c: t.c.mul(c),
            f: t.f,
        })
        .collect()
}

fn mul_factor(f: &mut Vec<(Base, Q)>, b: Base, e: Q) {
    match f.iter().position(|(x, _)| *x == b) {
        Some(k) => {
            f[k].1 = f[k].1.add(e);
            if f[k].1.is_zero() {
                f.remove(k);
            }
        }
        None => f.push((b, e)),
    }
}

fn mul_terms(a: &Term, b: &Term) -> Term {
    let mut t = a.clone();
    t.c = t.c.mul(b.c);
    for (x, e) in &b.f {
        mul_factor(&mut t.f, x.clone(), *e);
    }
    t
}

/// A sum as one term: itself if it has one term, else the bracketed sum.
fn as_term(a: Sum) -> Term {
    if a.len() == 1 {
        return a.into_iter().next().unwrap_or(Term {
            c: Q::ONE,
            f: Vec::new(),
        });
    }
    Term {
        c: Q::ONE,
        f: vec![(Base::Sum(a), Q::ONE)],
    }
}

fn mul(a: Sum, b: Sum) -> Sum {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let t = mul_terms(&as_term(a), &as_term(b));
    if t.c.is_zero() {
        Vec::new()
    } else {
        vec![t]
    }
}

/// a^q for a rational q; None where the rewrite could change the value
/// (0 to a negative power).
fn pow(a: Sum, q: Q) -> Option<Sum> {
    if q.is_zero() {
        return Some(constant(Q::ONE));
    }
    if a.is_empty() {
        return if q.negative() { None } else { Some(Vec::new()) };
    }
    if a.len() == 1 {
        let t = &a[0];
        if t.f.is_empty() && t.c == Q::ONE {
            // 1^q = 1, in IEEE too.
            return Some(constant(Q::ONE));
        }
        if let Some(n) = q.int() {
            // (c·Π b^e)^n = c^n·Π b^(e·n) for a whole n.
            let c = t.c.powi(n)?;
            let f = t.f.iter().map(|(b, e)| (b.clone(), e.mul(q))).collect();
            return Some(vec![Term { c, f }]);
        }
        if t.c == Q::ONE && t.f.len() == 1 && t.f[0].1 == Q::ONE {
            return Some(vec![Term {
                c: Q::ONE,
                f: vec![(t.f[0].0.clone(), q)],
            }]);
        }
    }
    Some(vec![Term {
        c: Q::ONE,
        f: vec![(Base::Sum(a), q)],
    }])
}

/// The rational value of a literal exponent: a number, or p/q as typed.
fn rational(g: &Graph, id: Id) -> Option<Q> {
    match g.node(id) {
        Node::Num(b) => match Q::of(f64::from_bits(b)) {
            r @ Q::R(..) => Some(r),
            Q::F(_) => None,
        },
        Node::Bin(Fun2::Div, a, b) => {
            let (p, q) = (rational(g, a)?, rational(g, b)?);
            match (p, q) {
                (Q::R(a, 1), Q::R(b, 1)) => Some(Q::rat(a as i128, b as i128)),
                _ => None,
            }
        }
        Node::Un(Fun1::Neg, a) => rational(g, a).map(Q::neg),
        Node::Bin(f @ (Fun2::Add | Fun2::Sub | Fun2::Mul), a, b) => {
            let (p, q) = (rational(g, a)?, rational(g, b)?);
            let r = match f {
                Fun2::Add => p.add(q),
                Fun2::Sub => p.add(q.neg()),
                _ => p.mul(q),
            };
            matches!(r, Q::R(..)).then_some(r)
        }
        _ => None,
    }
}

struct Reader<'a> {
    g: &'a Graph,
    memo: std::collections::HashMap<Id, Sum>,
}

impl Reader<'_> {
    fn read(&mut self, id: Id) -> Sum {
        if let Some(s) = self.memo.get(&id) {
            return s.clone();
        }
        let g = self.g;
        let s = match g.node(id) {
            Node::Num(b) => constant(Q::of(f64::from_bits(b))),
            Node::Un(Fun1::Neg, a) => scale(self.read(a), Q::R(-1, 1)),
            Node::Bin(Fun2::Add, a, b) => add(self.read(a), self.read(b)),
            Node::Bin(Fun2::Sub, a, b) => {
                let sb = scale(self.read(b), Q::R(-1, 1));
                add(self.read(a), sb)
            }
            Node::Bin(Fun2::Mul, a, b) => mul(self.read(a), self.read(b)),
            Node::Bin(Fun2::Div, a, b) => {
                let sb = self.read(b);
                match pow(sb, Q::R(-1, 1)) {
                    Some(r) => mul(self.read(a), r),
                    None => atom(id),
                }
            }
            Node::Bin(Fun2::Pow, a, b) => match rational(g, b) {
                Some(q) => pow(self.read(a), q).unwrap_or_else(|| atom(id)),
                None => atom(id),
            },
            _ => atom(id),
        };
        self.memo.insert(id, s.clone());
        s
    }
}

// ---- choosing the shorter form ----

/// Operations in the written form, roughly as sympy's count_ops counts
/// them; `atoms` gives the size of a kept-whole node.
fn cost_sum(s: &Sum, atoms: &dyn Fn(Id) -> u64) -> u64 {
    if s.is_empty() {
        return 0;
    }
    let mut c = (s.len() as u64 - 1) + s.iter().map(|t| cost_term(t, atoms)).sum::<u64>();
    if s[0].c.negative() {
        c += 1;
    }
    c
}

fn cost_term(t: &Term, atoms: &dyn Fn(Id) -> u64) -> u64 {
    let mut c = 0;
    let mut n = 0;
    let mut den = false;
    let coef = t.c.abs();
    if coef != Q::ONE {
        n += 1;
        if let Q::R(p, q) = coef {
            if q != 1 {
                den = true;
                if p == 1 {
                    n -= 1;
                }
            }
        }
    }
    for (b, e) in &t.f {
        c += match b {
            Base::Atom(id) => atoms(*id),
            Base::Sum(s) => cost_sum(s, atoms),
        };
        if e.abs() != Q::ONE {
            c += 1;
        }
        if e.negative() {
            den = true;
        }
        n += 1;
    }
    c + (n as u64).saturating_sub(1) + den as u64
}

/// Every product of sums multiplied out (bracketed sums to whole positive
/// powers), or None if that would be too long.
fn expand(s: &Sum) -> Option<Sum> {
    let mut out: Sum = Vec::new();
    for t in s {
        let mut acc: Sum = vec![Term {
            c: t.c,
            f: Vec::new(),
        }];
        for (b, e) in &t.f {
            let parts: Sum = match (b, e.int()) {
                (Base::Sum(inner), Some(n)) if (1..=4).contains(&n) => {
                    let inner = expand(inner)?;
                    let mut p = constant(Q::ONE);
                    for _ in 0..n {
                        p = product(&p, &inner)?;
                    }
                    p
                }
                _ => vec![Term {
                    c: Q::ONE,
                    f: vec![(b.clone(), *e)],
                }],
            };
            acc = product(&acc, &parts)?;
        }
        out = add(out, acc);
        if out.len() > MAX_TERMS {
            return None;
        }
    }
    Some(out)
}

fn product(a: &Sum, b: &Sum) -> Option<Sum> {
    if a.len() * b.len() > MAX_TERMS {
        return None;
    }
    let mut out = Vec::new();
    for x in a {
        for y in b {
            let t = mul_terms(x, y);
            if !t.c.is_zero() {
                out = add(out, vec![t]);
            }
        }
    }
    Some(out)
}

/// The factors every term has (same base, exponents of one sign: the
/// smaller power) and the coefficients' common part, taken out.
fn factor_out(s: &Sum) -> Option<Term> {
    if s.len() < 2 {
        return None;
    }
    let mut common: Vec<(Base, Q)> = Vec::new();
    for (b, e) in &s[0].f {
        let mut m = *e;
        let ok = s[1..].iter().all(|t| {
            t.f.iter().any(|(b2, e2)| {
                if b2 == b && e2.negative() == e.negative() {
                    if e2.abs().value() < m.abs().value() {
                        m = *e2;
                    }
                    true
                } else {
                    false
                }
            })
        });
        if ok {
            common.push((b.clone(), m));
        }
    }
    // The coefficients' greatest common divisor, with the sign of all when
    // every term is negative.
    let mut cg = match s[0].c.abs() {
        Q::R(p, q) => Some((p as i128, q as i128)),
        Q::F(_) => None,
    };
    for t in &s[1..] {
        cg = match (cg, t.c) {
            (Some((p, q)), Q::R(a, b)) => {
                let num = gcd(p, a as i128);
                let den = q / gcd(q, b as i128) * b as i128;
                Some((num, den))
            }
            _ => None,
        };
    }
    let mut c = cg.map_or(Q::ONE, |(p, q)| Q::rat(p, q));
    if s.iter().all(|t| t.c.negative()) {
        c = c.neg();
    }
    if common.is_empty() && c == Q::ONE {
        return None;
    }
    let inv_c = c.powi(-1)?;
    let rest: Sum = s
        .iter()
        .map(|t| {
            let mut f = t.f.clone();
            for (b, e) in &common {
                mul_factor(&mut f, b.clone(), e.neg());
            }
            Term {
                c: t.c.mul(inv_c),
                f,
            }
        })
        .collect();
    let mut t = Term { c, f: common };
    mul_factor(&mut t.f, Base::Sum(rest), Q::ONE);
    Some(t)
}

/// Tidies the sums inside out, keeping at each the shortest of: as read,
/// expanded, common factors taken out.
fn tidy_sum(s: Sum, atoms: &dyn Fn(Id) -> u64) -> Sum {
    let s: Sum = s
        .into_iter()
        .map(|t| Term {
            c: t.c,
            f: t.f
                .into_iter()
                .map(|(b, e)| match b {
                    Base::Sum(inner) => (Base::Sum(tidy_sum(inner, atoms)), e),
                    a => (a, e),
                })
                .collect(),
        })
        .collect();
    let s = unwrap_single(s);
    let s: Sum = s.into_iter().map(|t| tidy_denominator(t, atoms)).collect();
    let mut best = s.clone();
    let mut best_cost = cost_sum(&best, atoms);
    if let Some(e) = expand(&s) {
        let e = unwrap_single(e);
        let c = cost_sum(&e, atoms);
        if c < best_cost {
            best = e;
            best_cost = c;
        }
    }
    if let Some(t) = factor_out(&best) {
        let f = unwrap_single(vec![t]);
        if cost_sum(&f, atoms) <= best_cost {
            best = f;
        }
    }
    best
}

/// The denominator multiplied out when that is shorter:
/// x^2·(y^2/x^2 + 1) in a denominator becomes x^2 + y^2.
fn tidy_denominator(t: Term, atoms: &dyn Fn(Id) -> u64) -> Term {
    let den: Vec<(Base, Q)> =
        t.f.iter()
            .filter(|(_, e)| e.negative() && e.int().is_some())
            .cloned()
            .collect();
    if den.len() < 2 || !den.iter().any(|(b, _)| matches!(b, Base::Sum(_))) {
        return t;
    }
    let d = vec![Term {
        c: Q::ONE,
        f: den.iter().map(|(b, e)| (b.clone(), e.neg())).collect(),
    }];
    let Some(mut e) = expand(&d) else {
        return t;
    };
    // Clear fractions inside: (y^2/x + x) becomes (y^2 + x^2) with x moved
    // up to the numerator.
    let mut lift: Vec<(Base, Q)> = Vec::new();
    for term in &e {
        for (b, x) in &term.f {
            if x.negative() && x.int().is_some() {
                match lift.iter_mut().find(|(lb, _)| lb == b) {
                    Some(l) if x.value() < l.1.value() => l.1 = *x,
                    Some(_) => {}
                    None => lift.push((b.clone(), *x)),
                }
            }
        }
    }
    if !lift.is_empty() {
        let m = vec![Term {
            c: Q::ONE,
            f: lift.iter().map(|(b, x)| (b.clone(), x.neg())).collect(),
        }];
        match product(&e, &m) {
            Some(p) => e = p,
            None => return t,
        }
    }
    let old = cost_sum(&d, atoms);
    if cost_sum(&e, atoms) >= old {
        return t;
    }
    let mut out = Term {
        c: t.c,
        f: t.f.into_iter().filter(|x| !den.contains(x)).collect(),
    };
    for (b, x) in lift {
        mul_factor(&mut out.f, b, x.neg());
    }
    match pow(e, Q::R(-1, 1)) {
        Some(inv) if inv.len() == 1 => out = mul_terms(&out, &inv[0]),
        _ => return Term { c: out.c, f: out.f },
    }
    out
}

/// A one-term term whose only factor is a bracketed sum to the power 1 is
/// that sum.
fn unwrap_single(s: Sum) -> Sum {
    if s.len() == 1 && s[0].c == Q::ONE && s[0].f.len() == 1 && s[0].f[0].1 == Q::ONE {
        if let Base::Sum(inner) = &s[0].f[0].0 {
            return inner.clone();
        }
    }
    // Merge bracketed sums that became single terms into their term.
    s.into_iter()
        .map(|t| {
            let mut out = Term {
                c: t.c,
                f: Vec::new(),
            };
            for (b, e) in t.f {
                match b {
                    Base::Sum(inner) if inner.len() == 1 && e.int().is_some() => {
                        let p = pow(inner, e).unwrap_or_default();
                        if p.is_empty() {
                            return Term {
                                c: Q::R(0, 1),
                                f: Vec::new(),
                            };
                        }
                        out = mul_terms(&out, &p[0]);
                    }
                    b => mul_factor(&mut out.f, b, e),
                }
            }
            out
        })
        .filter(|t| !t.c.is_zero())
        .collect()
}

// ---- writing back ----

struct Writer<'a> {
    g: &'a mut Graph,
    vars_of: Vec<bool>,
}

impl Writer<'_> {
    fn num(&mut self, v: f64) -> Id {
        self.g.num(v)
    }

    fn coef(&mut self, c: Q) -> Id {
        match c {
            Q::R(p, 1) => self.num(p as f64),
            // A binary fraction is exact as a literal: 1.5, as typed.
            Q::R(p, q) if q & (q - 1) == 0 => self.num(p as f64 / q as f64),
            Q::R(p, q) => {
                let (a, b) = (self.num(p as f64), self.num(q as f64));
                self.g.raw(Node::Bin(Fun2::Div, a, b))
            }
            Q::F(v) => self.num(v),
        }
    }

    fn sum(&mut self, s: &Sum) -> Id {
        // A positive term first: y - x rather than -x + y.
        let mut order: Vec<&Term> = s.iter().collect();
        if let Some(k) = order.iter().position(|t| !t.c.negative()) {
            let t = order.remove(k);
            order.insert(0, t);
        }
        let mut acc: Option<Id> = None;
        for t in order {
            let neg = t.c.negative();
            let body = self.term(t, true);
            acc = Some(match (acc, neg) {
                (None, false) => body,
                (None, true) => self.g.raw(Node::Un(Fun1::Neg, body)),
                (Some(a), false) => self.g.raw(Node::Bin(Fun2::Add, a, body)),
                (Some(a), true) => self.g.raw(Node::Bin(Fun2::Sub, a, body)),
            });
        }
        acc.unwrap_or_else(|| self.num(0.0))
    }

    /// One factor to a positive power.
    fn power(&mut self, b: &Base, e: Q) -> Id {
        let base = match b {
            Base::Atom(id) => *id,
            Base::Sum(s) => self.sum(s),
        };
        match e {
            Q::R(1, 1) => base,
            Q::R(1, 2) => self.g.raw(Node::Un(Fun1::Sqrt, base)),
            _ => {
                let x = self.coef(e);
                self.g.raw(Node::Bin(Fun2::Pow, base, x))
            }
        }
    }

    /// sinh(u)/cosh(u) as tanh(u), sin(u)/cos(u) as tan(u).
    fn quotients(&mut self, t: &Term) -> Term {
        let mut t = t.clone();
        for (top, bottom, to) in [
            (Fun1::Sinh, Fun1::Cosh, Fun1::Tanh),
            (Fun1::Sin, Fun1::Cos, Fun1::Tan),
        ] {
            let find = |t: &Term, f: Fun1| {
                t.f.iter().position(|(b, _)| {
                    matches!(b, Base::Atom(id) if matches!(self.g.node(*id), Node::Un(h, _) if h == f))
                })
            };
            let (Some(i), Some(j)) = (find(&t, top), find(&t, bottom)) else {
                continue;
            };
            let arg = |k: usize| match &t.f[k].0 {
                Base::Atom(id) => match self.g.node(*id) {
                    Node::Un(_, a) => Some(a),
                    _ => None,
                },
                Base::Sum(_) => None,
            };
            let (e, e2) = (t.f[i].1, t.f[j].1);
            if arg(i) != arg(j) || e != e2.neg() {
                continue;
            }
            let Some(a) = arg(i) else { continue };
            let tan = self.g.raw(Node::Un(to, a));
            let (hi, lo) = (i.max(j), i.min(j));
            t.f.remove(hi);
            t.f.remove(lo);
            mul_factor(&mut t.f, Base::Atom(tan), e);
        }
        t
    }

    /// The term without its sign: numerator over denominator.
    fn term(&mut self, t: &Term, _top: bool) -> Id {
        let t = &self.quotients(t);
        let c = t.c.abs();
        if t.f.is_empty() {
            return self.coef(c);
        }
        let (cn, cd) = match c {
            Q::R(p, q) => (Q::R(p, 1), Q::R(q, 1)),
            f => (f, Q::ONE),
        };
        // Constants first (2·π·x, ln(10)·10^x), then the variables' factors.
        let mut num: Vec<&(Base, Q)> = t.f.iter().filter(|(_, e)| !e.negative()).collect();
        let den: Vec<&(Base, Q)> = t.f.iter().filter(|(_, e)| e.negative()).collect();
        num.sort_by_key(|(b, _)| match b {
            Base::Atom(id) => match self.g.node(*id) {
                Node::Var(k) => (1, k),
                _ if !self.varies(*id) => (0, 0),
                _ => (2, 0),
            },
            Base::Sum(_) => (3, 0),
        });
        let mut n: Option<Id> = None;
        if cn != Q::ONE || num.is_empty() {
            n = Some(self.coef(cn));
        }
        for (b, e) in num {
            let p = self.power(b, *e);
            n = Some(match n {
                None => p,
                Some(a) => self.g.raw(Node::Bin(Fun2::Mul, a, p)),
            });
        }
        let mut d: Option<Id> = None;
        if cd != Q::ONE {
            d = Some(self.coef(cd));
        }
        for (b, e) in den {
            let p = self.power(b, e.neg());
            d = Some(match d {
                None => p,
                Some(a) => self.g.raw(Node::Bin(Fun2::Mul, a, p)),
            });
        }
        let n = n.unwrap_or_else(|| self.num(1.0));
        match d {
            None => n,
            Some(d) => self.g.raw(Node::Bin(Fun2::Div, n, d)),
        }
    }

    fn varies(&self, id: Id) -> bool {
        self.vars_of.get(id as usize).copied().unwrap_or(true)
    }
}

/// The derivative `root` in textbook form, as a node of the same graph.
pub fn tidy(g: &mut Graph, root: Id) -> Id {
    let sizes = g.tree_sizes();
    if sizes[root as usize] > MAX_TIDY {
        return root;
    }
    let s = Reader {
        g,
        memo: Default::default(),
    }
    .read(root);
    let s = tidy_sum(s, &|id| sizes.get(id as usize).copied().unwrap_or(1));
    let vars_of = crate::derive::dependencies(g)
        .into_iter()
        .map(|d| d != 0)
        .collect();
    Writer { g, vars_of }.sum(&s)
}
