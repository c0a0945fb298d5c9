//! Stage three of parsing: tokens → graph nodes, where names are resolved
//! against the variables and the table of functions, and arities checked.

use super::rpn::{find_name, Tokens};
use super::spellings::{arity_text, case_variant, is_function, known_alias, Clean};
use crate::error::{excerpt, group, Error, MAX_DEPTH, MAX_NODES};
use crate::functions::{function_list, lookup, Call, Prefix, SUGAR};
use crate::graph::{Fun2, Graph, Id, Konst};
use meval::tokenizer::{Operation, Token};

/// Variables named in the expression, in order of appearance.
pub(super) fn names_in(t: &Tokens) -> Vec<String> {
    let mut v = Vec::new();
    for tok in &t.rpn {
        if let Token::Var(n) = tok {
            if n != "pi" && n != "e" && !v.contains(n) {
                v.push(n.clone());
            }
        }
    }
    v
}

pub(super) fn check_var_name(cl: &Clean, n: &str, explicit: bool) -> Result<(), Error> {
    let (s, e) = find_name(cl, n);
    if is_function(n) {
        return Err(Error::at(
            format!("{n} is a function: write it with brackets, as in {n}(x)."),
            s,
            e,
        ));
    }
    if let Some(good) = case_variant(n) {
        return Err(Error::at(
            format!("Did you mean {good}? Names are case-sensitive."),
            s,
            e,
        ));
    }
    if !explicit && n.len() > 24 {
        return Err(Error::at(
            format!(
                "The name '{}' is too long for a variable (24 characters at most).",
                excerpt(n, 12)
            ),
            s,
            e,
        ));
    }
    Ok(())
}

/// Stage three: RPN tokens → graph nodes.
pub(super) fn build(g: &mut Graph, t: &Tokens, vars: &[String]) -> Result<Id, Error> {
    let cl = &t.clean;
    let mut stack: Vec<Id> = Vec::new();
    let broken = || Error::new("Could not read this expression.");
    for tok in &t.rpn {
        let id = match tok {
            Token::Number(v) => g.num(*v),
            Token::Var(n) if n == "pi" => g.konst(Konst::Pi),
            Token::Var(n) if n == "e" => g.konst(Konst::E),
            Token::Var(n) => match vars.iter().position(|v| v == n) {
                Some(k) => g.var(k as u32),
                None => {
                    let (s, e) = find_name(cl, n);
                    let allowed = if vars.is_empty() {
                        "This function has no variables".to_string()
                    } else {
                        format!("The variables here are {}", vars.join(", "))
                    };
                    return Err(Error::at(
                        format!(
                            "Unknown name '{}'. {allowed}; the constants are pi and e; the functions {}.",
                            excerpt(n, 20),
                            function_list()
                        ),
                        s,
                        e,
                    ));
                }
            },
            Token::Unary(op) => {
                let a = stack.pop().ok_or_else(broken)?;
                match op {
                    Operation::Minus => g.neg(a),
                    _ => a,
                }
            }
            Token::Binary(op) => {
                let b = stack.pop().ok_or_else(broken)?;
                let a = stack.pop().ok_or_else(broken)?;
                let f = match op {
                    Operation::Plus => Fun2::Add,
                    Operation::Minus => Fun2::Sub,
                    Operation::Times => Fun2::Mul,
                    Operation::Div => Fun2::Div,
                    Operation::Rem => Fun2::Rem,
                    Operation::Pow => Fun2::Pow,
                };
                g.bin(f, a, b)
            }
            Token::Func(name, nargs) => {
                let n = nargs.unwrap_or(0);
                let (s, e) = find_name(cl, name);
                if !is_function(name) {
                    let msg = if let Some(hint) = known_alias(name) {
                        format!("{name}(…) is not available: {hint}")
                    } else if let Some(good) = case_variant(name) {
                        format!("Did you mean {good}? Names are case-sensitive.")
                    } else if vars.iter().any(|v| v == name) || name.len() == 1 {
                        format!(
                            "{name} is a variable, not a function: to multiply, write {name}*(…)."
                        )
                    } else {
                        format!(
                            "Unknown function '{}'. The functions are: {}.",
                            excerpt(name, 20),
                            function_list()
                        )
                    };
                    return Err(Error::at(msg, s, e));
                }
                let Some((names, call)) = lookup(name, Prefix::Bare) else {
                    return Err(broken());
                };
                let (lo, hi) = names.arity;
                if n < lo || n > hi {
                    let a = arity_text(name).unwrap_or_default();
                    let extra = if name == "log" {
                        ": here log is ln (ln is the natural log); for base 10 write log10(x), for base b ln(x)/ln(b)"
                    } else {
                        ""
                    };
                    return Err(Error::at(format!("{a}, not {n}{extra}."), s, e));
                }
                if stack.len() < n {
                    return Err(broken());
                }
                let args = stack.split_off(stack.len() - n);
                match call {
                    Call::Un(f) => g.un(f, args[0]),
                    Call::Bin(Fun2::Pow) => g.pow(args[0], args[1]),
                    Call::Bin(f) => {
                        let mut acc = args[0];
                        for &a in &args[1..] {
                            acc = g.bin(f, acc, a);
                        }
                        acc
                    }
                    Call::Sugar(k) => (SUGAR[k].build)(g, &args),
                }
            }
            Token::LParen | Token::RParen | Token::Comma => return Err(broken()),
        };
        stack.push(id);
        if g.len() > MAX_NODES {
            return Err(Error::new(format!(
                "This expression is too large (over {} parts).",
                group(MAX_NODES as u64)
            )));
        }
    }
    if stack.len() != 1 {
        return Err(broken());
    }
    let root = stack[0];
    let depth = g.depths()[root as usize];
    if depth > 2 * MAX_DEPTH {
        return Err(Error::new(format!(
            "This expression nests too deeply ({depth} levels; the limit is {}).",
            2 * MAX_DEPTH
        )));
    }
    Ok(root)
}
