//! Writing expressions out: plain text the parser reads back to the same
//! graph, and MathML for the page (Chromium renders MathML Core natively, so
//! the page needs no typesetting library and works offline).
//!
//! Both printers recurse, so they first check the written-out size and depth
//! (computed without recursion by the graph) against fixed limits.

use crate::error::{group, Error};
use crate::graph::{Fun1, Fun2, Graph, Id, Konst, Node};

/// Largest expression written out, in tree nodes.
pub const MAX_PRINT_NODES: u64 = 20_000;
/// Deepest expression written out; keeps the recursion well inside the stack.
pub const MAX_PRINT_DEPTH: u32 = 1_000;

fn check(g: &Graph, root: Id) -> Result<(), Error> {
    let size = g.tree_sizes()[root as usize];
    if size > MAX_PRINT_NODES {
        return Err(Error::new(format!(
            "This formula is too long to show (over {} terms).",
            group(MAX_PRINT_NODES)
        )));
    }
    if g.depths()[root as usize] > MAX_PRINT_DEPTH {
        return Err(Error::new("This formula nests too deeply to show."));
    }
    Ok(())
}

/// Binding strength: sums 1, products 2, negation 3, powers 4, atoms 5.
fn prec(g: &Graph, id: Id) -> u8 {
    match g.node(id) {
        Node::Num(b) if f64::from_bits(b) < 0.0 => 3,
        Node::Num(_) | Node::Const(_) | Node::Var(_) => 5,
        Node::Un(Fun1::Neg, _) => 3,
        Node::Un(..) => 5,
        Node::Bin(Fun2::Add | Fun2::Sub, ..) => 1,
        Node::Bin(Fun2::Mul | Fun2::Div | Fun2::Rem, ..) => 2,
        Node::Bin(Fun2::Pow, ..) => 4,
        Node::Bin(..) => 5,
    }
}

/// Whether the written form begins with a minus sign, so that it needs
/// brackets after + or -.
fn starts_negative(g: &Graph, id: Id) -> bool {
    let mut cur = id;
    loop {
        match g.node(cur) {
            Node::Num(b) => return f64::from_bits(b) < 0.0,
            Node::Un(Fun1::Neg, _) => return true,
            Node::Bin(Fun2::Mul | Fun2::Div | Fun2::Rem, a, _) => cur = a,
            _ => return false,
        }
    }
}

/// Whether a product or quotient chain has a % on its left spine: a minus
/// sign written before it would bind to the dividend alone.
fn leads_with_rem(g: &Graph, id: Id) -> bool {
    match g.node(id) {
        Node::Bin(Fun2::Rem, ..) => true,
        Node::Bin(Fun2::Mul | Fun2::Div, a, _) => leads_with_rem(g, a),
        _ => false,
    }
}

/// Whether a product chain starts with the literal 0: "-0*x" would read
/// back as 0*x (literals have one zero), so -(0*x) keeps its brackets.
fn leads_with_zero(g: &Graph, id: Id) -> bool {
    match g.node(id) {
        Node::Num(b) => f64::from_bits(b) == 0.0,
        Node::Bin(Fun2::Mul | Fun2::Div | Fun2::Rem, a, _) => leads_with_zero(g, a),
        _ => false,
    }
}

/// Whether the typeset form begins with a digit (a number, or a product,
/// power or fraction led by one).
fn starts_with_number(g: &Graph, id: Id) -> bool {
    match g.node(id) {
        Node::Num(_) => true,
        Node::Bin(Fun2::Mul | Fun2::Pow | Fun2::Rem | Fun2::Div, a, _) => {
            prec(g, a) >= 2 && starts_with_number(g, a)
        }
        _ => false,
    }
}

/// Whether the typeset form ends with a digit on the baseline.
fn ends_with_number(g: &Graph, id: Id) -> bool {
    match g.node(id) {
        Node::Num(_) => true,
        Node::Bin(Fun2::Mul, _, b) => ends_with_number(g, b),
        _ => false,
    }
}

/// Shortest text that reads back to the same f64.
pub fn number(v: f64) -> String {
    if v.is_nan() {
        return "(0/0)".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "1e999".into()
        } else {
            "-1e999".into()
        };
    }
    let a = v.abs();
    if a != 0.0 && !(1e-5..1e16).contains(&a) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Plain text in meval's syntax.
pub fn to_text(g: &Graph, root: Id, vars: &[String]) -> Result<String, Error> {
    check(g, root)?;
    let mut s = String::new();
    text(g, root, vars, &mut s);
    Ok(s)
}

fn text_paren(g: &Graph, id: Id, vars: &[String], out: &mut String, paren: bool) {
    if paren {
        out.push('(');
    }
    text(g, id, vars, out);
    if paren {
        out.push(')');
    }
}

fn text(g: &Graph, id: Id, vars: &[String], out: &mut String) {
    match g.node(id) {
        Node::Num(b) => out.push_str(&number(f64::from_bits(b))),
        Node::Const(Konst::Pi) => out.push_str("pi"),
        Node::Const(Konst::E) => out.push('e'),
        Node::Var(k) => out.push_str(&vars[k as usize]),
        Node::Un(Fun1::Neg, a) => {
            out.push('-');
            // "-x*y" reads back as (-x)*y, the same value; a sum needs
            // brackets, and so does a % ((-x) % y is not -(x % y)).
            text_paren(
                g,
                a,
                vars,
                out,
                (prec(g, a) <= 3 && prec(g, a) != 2)
                    || starts_negative(g, a)
                    || leads_with_rem(g, a)
                    || leads_with_zero(g, a),
            );
        }
        Node::Un(f, a) => {
            out.push_str(f.name());
            text_paren(g, a, vars, out, true);
        }
        Node::Bin(f, a, b) => {
            if let Some(name) = f.call_name() {
                out.push_str(name);
                out.push('(');
                text(g, a, vars, out);
                out.push_str(", ");
                text(g, b, vars, out);
                out.push(')');
                return;
            }
            let (pa, pb) = (prec(g, a), prec(g, b));
            let (op, left_paren, right_paren) = match f {
                Fun2::Add => (" + ", pa < 1, pb <= 1 || starts_negative(g, b)),
                Fun2::Sub => (" - ", pa < 1, pb <= 1 || starts_negative(g, b)),
                Fun2::Mul => ("*", pa < 2, pb <= 3),
                Fun2::Div => ("/", pa < 2, pb <= 3),
                Fun2::Rem => ("%", pa < 2, pb <= 3),
                _ => ("^", pa <= 4, pb < 4),
            };
            text_paren(g, a, vars, out, left_paren);
            out.push_str(op);
            text_paren(g, b, vars, out, right_paren);
        }
    }
}

/// A MathML `<math>` element. Names are ASCII identifiers by construction, so
/// nothing needs escaping; the page parses this text, never user text.
pub fn to_mathml(g: &Graph, root: Id, vars: &[String]) -> Result<String, Error> {
    check(g, root)?;
    let mut s = String::from("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow>");
    mathml(g, root, vars, &mut s);
    s.push_str("</mrow></math>");
    Ok(s)
}

/// The MathML of an expression without the `<math>` wrapper, for composing.
pub fn to_mathml_inner(g: &Graph, root: Id, vars: &[String]) -> Result<String, Error> {
    check(g, root)?;
    let mut s = String::from("<mrow>");
    mathml(g, root, vars, &mut s);
    s.push_str("</mrow>");
    Ok(s)
}

/// A column vector in square brackets from rows of inner MathML.
pub fn column(rows: &[String]) -> String {
    let mut s = String::from("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mrow><mo>[</mo><mtable>");
    for r in rows {
        s.push_str("<mtr><mtd>");
        s.push_str(r);
        s.push_str("</mtd></mtr>");
    }
    s.push_str("</mtable><mo>]</mo></mrow></math>");
    s
}

fn mi(out: &mut String, name: &str) {
    // Multi-letter names upright, single letters italic, as in print.
    if name.chars().count() > 1 {
        out.push_str("<mi mathvariant=\"normal\">");
    } else {
        out.push_str("<mi>");
    }
    out.push_str(name);
    out.push_str("</mi>");
}

fn mo(out: &mut String, op: &str) {
    // Brackets keep their text size; stretched ones look odd without a math font.
    out.push_str(if op == "(" || op == ")" || op == "|" {
        "<mo stretchy=\"false\">"
    } else {
        "<mo>"
    });
    out.push_str(op);
    out.push_str("</mo>");
}

fn ml_paren(g: &Graph, id: Id, vars: &[String], out: &mut String, paren: bool) {
    out.push_str("<mrow>");
    if paren {
        mo(out, "(");
    }
    mathml(g, id, vars, out);
    if paren {
        mo(out, ")");
    }
    out.push_str("</mrow>");
}

fn mathml(g: &Graph, id: Id, vars: &[String], out: &mut String) {
    match g.node(id) {
        Node::Num(b) => {
            let v = f64::from_bits(b);
            if v < 0.0 {
                mo(out, "\u{2212}");
            }
            out.push_str("<mn>");
            out.push_str(&number(v.abs()));
            out.push_str("</mn>");
        }
        Node::Const(Konst::Pi) => out.push_str("<mi>\u{3c0}</mi>"),
        Node::Const(Konst::E) => out.push_str("<mi>e</mi>"),
        Node::Var(k) => mi(out, &vars[k as usize]),
        Node::Un(Fun1::Neg, a) => {
            mo(out, "\u{2212}");
            ml_paren(
                g,
                a,
                vars,
                out,
                prec(g, a) <= 1 || starts_negative(g, a) || leads_with_rem(g, a),
            );
        }
        Node::Un(Fun1::Exp, a) => {
            out.push_str("<msup><mi>e</mi>");
            ml_paren(g, a, vars, out, false);
            out.push_str("</msup>");
        }
        Node::Un(Fun1::Sqrt, a) => {
            out.push_str("<msqrt>");
            mathml(g, a, vars, out);
            out.push_str("</msqrt>");
        }
        Node::Un(Fun1::Abs, a) => {
            out.push_str("<mrow>");
            mo(out, "|");
            mathml(g, a, vars, out);
            mo(out, "|");
            out.push_str("</mrow>");
        }
        Node::Un(f, a) => {
            out.push_str(f.spec().names.mathml);
            mo(out, "\u{2061}");
            ml_paren(g, a, vars, out, true);
        }
        Node::Bin(f, a, b) => {
            if f.call_name().is_some() {
                out.push_str(f.spec().names.mathml);
                mo(out, "\u{2061}");
                out.push_str("<mrow>");
                mo(out, "(");
                mathml(g, a, vars, out);
                // The step H(u) of a derivative, as a textbook writes it: the
                // value at 0 (where there is no derivative anyway) is left out.
                if !(f == Fun2::Heaviside && g.as_num(b) == Some(0.0)) {
                    mo(out, ",");
                    mathml(g, b, vars, out);
                }
                mo(out, ")");
                out.push_str("</mrow>");
                return;
            }
            let (pa, pb) = (prec(g, a), prec(g, b));
            match f {
                Fun2::Div => {
                    out.push_str("<mfrac>");
                    ml_paren(g, a, vars, out, false);
                    ml_paren(g, b, vars, out, false);
                    out.push_str("</mfrac>");
                }
                Fun2::Pow => {
                    out.push_str("<msup>");
                    ml_paren(g, a, vars, out, pa <= 4);
                    ml_paren(g, b, vars, out, false);
                    out.push_str("</msup>");
                }
                Fun2::Add | Fun2::Sub => {
                    ml_paren(g, a, vars, out, false);
                    mo(out, if f == Fun2::Add { "+" } else { "\u{2212}" });
                    ml_paren(g, b, vars, out, pb <= 1 || starts_negative(g, b));
                }
                _ => {
                    // Two numbers are never set side by side: 2·3^x, ln(10)·10^x,
                    // 2·(1/3) need a visible dot; elsewhere juxtaposition reads
                    // as a product.
                    let paren_b = pb <= 3 && !(f == Fun2::Mul && pb == 2);
                    let fraction_b = matches!(g.node(b), Node::Bin(Fun2::Div, ..));
                    let dot = !paren_b
                        && (starts_with_number(g, b) || (fraction_b && ends_with_number(g, a)));
                    let op = match f {
                        Fun2::Rem => " mod ",
                        _ if dot => "\u{b7}",
                        _ => "\u{2062}",
                    };
                    ml_paren(g, a, vars, out, pa < 2);
                    mo(out, op);
                    ml_paren(g, b, vars, out, paren_b);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_all;

    fn round(s: &str) -> String {
        let (g, r, v) = parse_all(&[s], None).unwrap();
        to_text(&g, r[0], &v).unwrap()
    }

    #[test]
    fn prints_with_minimal_brackets() {
        assert_eq!(round("x^2 + y^2"), "x^2 + y^2");
        assert_eq!(round("x - (y - z)"), "x - (y - z)");
        assert_eq!(round("(x - y) - z"), "x - y - z");
        assert_eq!(round("x^y^z"), "x^y^z");
        assert_eq!(round("(x^y)^z"), "(x^y)^z");
        assert_eq!(round("-x^2"), "-x^2");
        assert_eq!(round("(-x)^2"), "(-x)^2");
        assert_eq!(round("x / (y * z)"), "x/(y*z)");
        assert_eq!(round("max(x, 1, y)"), "max(max(x, 1), y)");
        assert_eq!(round("2^-x"), "2^(-x)");
        assert_eq!(round("-(x % 2)"), "-(x%2)");
        assert_eq!(round("-(x % 2 * 3)"), "-(x%2*3)");
        assert_eq!(round("(-x) % 2"), "-x%2");
        assert_eq!(round("0*(-x)*x"), "-(0*x*x)");
    }

    #[test]
    fn numbers_round_trip() {
        for v in [0.1, 1e20, 1.5e-7, 123.456, 2.0f64.sqrt(), f64::MAX, 5e-324] {
            let s = number(v);
            assert_eq!(s.parse::<f64>().unwrap(), v, "{s}");
        }
    }

    /// The first character of text after each invisible times.
    fn after_invisible_times(m: &str) -> Vec<char> {
        let mut v = Vec::new();
        for (k, _) in m.match_indices("\u{2062}</mo>") {
            let rest = &m[k + "\u{2062}</mo>".len()..];
            let mut in_tag = false;
            for c in rest.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => {
                        v.push(c);
                        break;
                    }
                    _ => {}
                }
            }
        }
        v
    }

    #[test]
    fn mathml_never_sets_two_numbers_side_by_side() {
        for s in [
            "2*3^x",
            "ln(10)*10^x",
            "x*2",
            "2*(1/3)",
            "sin(x)*2*x",
            "x^2*3^y",
            "y*(1/3)*x",
        ] {
            let (g, r, v) = parse_all(&[s], None).unwrap();
            let m = to_mathml(&g, r[0], &v).unwrap();
            assert!(
                after_invisible_times(&m)
                    .iter()
                    .all(|c| !c.is_ascii_digit()),
                "{s}: {m}"
            );
            assert!(
                !m.contains("</mn><mn>") && !m.contains("</mn><msup><mn>"),
                "{s}: {m}"
            );
        }
        let f = crate::field::Scalar::parse("10^x + x^(1/3)", None).unwrap();
        let m = f.partial("x").unwrap().to_mathml().unwrap();
        assert!(
            after_invisible_times(&m)
                .iter()
                .all(|c| !c.is_ascii_digit()),
            "{m}"
        );
    }

    #[test]
    fn mathml_is_well_formed_enough() {
        let (g, r, v) = parse_all(&["x^2/(1+y) + exp(z) - sqrt(x)*sin(y)"], None).unwrap();
        let m = to_mathml(&g, r[0], &v).unwrap();
        assert!(m.starts_with("<math"));
        assert!(m.contains("<mfrac>") && m.contains("<msqrt>") && m.contains("<msup><mi>e</mi>"));
        // Every opened tag is closed.
        for tag in ["mrow", "msup", "mfrac", "msqrt", "mi", "mo", "mn"] {
            let open =
                m.matches(&format!("<{tag}>")).count() + m.matches(&format!("<{tag} ")).count();
            let close = m.matches(&format!("</{tag}>")).count();
            assert_eq!(open, close, "{tag} in {m}");
        }
    }
}
