//! Reading what a student types: text → expression graph.
//!
//! Three stages, one file each: `spellings` checks limits and characters and
//! rewrites the notebook's spellings to bare names (with a map back to the
//! typed characters, so messages point at the right place); `rpn` has meval
//! tokenize and order the tokens (reverse Polish); `build` turns the tokens
//! into our graph, resolving names against the table in `functions`.

mod build;
mod rpn;
mod spellings;

use crate::error::{excerpt, Error, MAX_DIMENSION};
use crate::graph::{Graph, Id};
use build::{build, check_var_name, names_in};
use rpn::tokens;
use spellings::{is_function, is_ident, is_ident_start};
/// Parses several expressions (the components of a vector-valued function)
/// into one graph with one variable list: `vars` when given, else every name
/// the expressions use, sorted. Errors name the component when there are
/// several.
pub fn parse_all(
    texts: &[&str],
    vars: Option<&[String]>,
) -> Result<(Graph, Vec<Id>, Vec<String>), Error> {
    if texts.is_empty() {
        return Err(Error::new("Give at least one expression."));
    }
    if texts.len() > MAX_DIMENSION {
        return Err(Error::new(format!(
            "At most {MAX_DIMENSION} components are allowed."
        )));
    }
    let label = |i: usize, e: Error| {
        if texts.len() > 1 {
            Error {
                message: format!("Component {}: {}", i + 1, e.message),
                span: e.span,
            }
        } else {
            e
        }
    };
    let mut toks = Vec::with_capacity(texts.len());
    for (i, t) in texts.iter().enumerate() {
        toks.push(tokens(t).map_err(|e| label(i, e))?);
    }
    let var_list: Vec<String> = match vars {
        Some(v) => {
            if v.len() > MAX_DIMENSION {
                return Err(Error::new(format!(
                    "At most {MAX_DIMENSION} variables are allowed."
                )));
            }
            for (k, name) in v.iter().enumerate() {
                let ok = !name.is_empty()
                    && name.len() <= 24
                    && name.chars().next().is_some_and(is_ident_start)
                    && name.chars().all(is_ident)
                    && name != "pi"
                    && name != "e"
                    && !is_function(name);
                if !ok {
                    return Err(Error::new(format!(
                        "'{}' cannot be a variable name: use letters, digits and _, starting with a letter, and not pi, e or a function name.",
                        excerpt(name, 20)
                    )));
                }
                if v[..k].contains(name) {
                    return Err(Error::new(format!(
                        "The variable '{name}' is listed twice."
                    )));
                }
            }
            v.to_vec()
        }
        None => {
            let mut all: Vec<String> = Vec::new();
            for t in &toks {
                for n in names_in(t) {
                    if !all.contains(&n) {
                        all.push(n);
                    }
                }
            }
            all.sort();
            if all.len() > MAX_DIMENSION {
                return Err(Error::new(format!(
                    "At most {MAX_DIMENSION} variables are allowed."
                )));
            }
            all
        }
    };
    for (i, t) in toks.iter().enumerate() {
        for n in names_in(t) {
            check_var_name(&t.clean, &n, vars.is_some()).map_err(|e| label(i, e))?;
        }
    }
    let mut g = Graph::new();
    let mut roots = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        roots.push(build(&mut g, t, &var_list).map_err(|e| label(i, e))?);
    }
    Ok((g, roots, var_list))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> Error {
        match parse_all(&[s], None) {
            Ok(_) => panic!("{s:?} was accepted"),
            Err(e) => e,
        }
    }

    #[test]
    fn reads_the_seed_function_and_its_variables() {
        let (_, roots, vars) = parse_all(&["x^2 + y^2 + exp(z) + x^z + x*y*z"], None).unwrap();
        assert_eq!(roots.len(), 1);
        assert_eq!(vars, ["x", "y", "z"]);
    }

    #[test]
    fn numpy_spellings_are_read() {
        let (_, _, vars) = parse_all(
            &["x**2 + np.exp(z) + np.power(x, z) + numpy.log(y) + np.pi"],
            None,
        )
        .unwrap();
        assert_eq!(vars, ["x", "y", "z"]);
    }

    #[test]
    fn implicit_multiplication_is_refused_with_a_hint() {
        let e = err("2x");
        assert!(e.message.contains("2*x"), "{}", e.message);
        assert_eq!(e.span.unwrap().0, 0);
        let e = err("1 + 2(3)");
        assert!(e.message.contains("2*("), "{}", e.message);
        let e = err("(2)(3)");
        assert!(e.message.contains(")*("), "{}", e.message);
        let e = err("sin x");
        assert!(e.message.contains("sin(x)"), "{}", e.message);
    }

    #[test]
    fn positions_survive_rewriting() {
        // "x**2 + 2y": the bad token y is at character 8 of what was typed.
        let e = err("x**2 + 2y");
        assert_eq!(e.span.unwrap().0, 7);
        let e = err("np.sin(x) + 3q");
        assert_eq!(e.span.unwrap().0, 12);
        let e = err("x + π");
        assert_eq!(e.span, Some((4, 5)));
    }

    #[test]
    fn unicode_gets_named() {
        assert!(err("x²").message.contains("^2"));
        assert!(err("2 × 3").message.contains("*"));
        assert!(err("3 − 1").message.contains("minus"));
        assert!(err("\u{ff11}+\u{ff11}").message.contains("digit 1"));
        assert!(err("x\u{a0}+ 1").message.contains("space"));
    }

    #[test]
    fn function_misuse_is_explained() {
        assert!(err("log(10, 2)").message.contains("ln is the natural log"));
        assert!(err("sgn(x)").message.contains("sign("));
        assert!(err("x(2)").message.contains("x is a variable"));
        assert!(err("sin(1,2)").message.contains("sin takes 1 argument"));
        assert!(err("atan2(1)").message.contains("atan2 takes 2 arguments"));
        assert!(err("max()").message.contains("max takes 1 or more"));
        assert!(err("foo(1)").message.contains("Unknown function"));
        assert!(err("PI").message.contains("pi"));
        assert!(err("sin").message.contains("sin is a function"));
    }

    #[test]
    fn structure_errors() {
        for bad in [
            "", "   ", "sin(x", "sin(x))", "()", "1+", "*1", "2e", "x=2", "1,2", ".5", "3!",
            "max(1,)",
        ] {
            let e = err(bad);
            assert!(!e.message.is_empty(), "{bad:?}");
        }
        assert!(err(".5").message.contains("0.5"));
        assert!(err("2e").message.contains("2*e"));
        assert!(err("1,2").message.contains("comma"));
    }

    #[test]
    fn limits_are_checked_before_any_work() {
        let long = "x+".repeat(600) + "x";
        assert!(err(&long).message.contains("limit is 1,000"));
        let deep = "(".repeat(10_000) + "x" + &")".repeat(10_000);
        assert!(err(&deep).message.contains("limit is 1,000"));
        let deep = "(".repeat(150) + "x" + &")".repeat(150);
        let e = err(&deep);
        assert!(e.message.contains("nested more than 100"), "{}", e.message);
        assert_eq!(e.span, Some((100, 101)));
        let huge = "a".repeat(1_000_000);
        assert!(err(&huge).message.contains("limit"));
        // Unary minus signs cancel as they are read, so a long run builds no depth.
        let minus = "-".repeat(901) + "x";
        let (g, r, _) = parse_all(&[&minus], None).unwrap();
        assert_eq!(g.depths()[r[0] as usize], 2);
        let sines = "sin(".repeat(99) + "x" + &")".repeat(99);
        assert!(parse_all(&[&sines], None).is_ok());
    }

    #[test]
    fn messages_never_echo_long_input() {
        let name = "q".repeat(900);
        let e = parse_all(&[&format!("{name}(1)")], None).unwrap_err();
        assert!(e.message.len() < 400, "{}", e.message.len());
    }

    #[test]
    fn explicit_variables_are_checked() {
        let v = vec!["x".to_string(), "y".to_string()];
        assert!(parse_all(&["x"], Some(&v)).is_ok());
        let e = parse_all(&["x + q"], Some(&v)).unwrap_err();
        assert!(e.message.contains("Unknown name 'q'"));
        assert_eq!(e.span, Some((4, 5)));
    }
}
