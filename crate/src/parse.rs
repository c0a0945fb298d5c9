//! Reading what a student types: text → expression graph.
//!
//! Three stages. `clean` checks limits and characters (with hints for the
//! unicode a student pastes from notes) and rewrites the notebook's spellings
//! (`**`, `np.sin`, `np.power`) to meval's, keeping a map from every byte it
//! writes back to the character the student typed, so positions in messages
//! stay right. meval then tokenizes and orders the tokens (reverse Polish);
//! this is the only module that touches meval, so replacing it touches one
//! file. Last, the tokens are built into our graph, where names are resolved
//! and arities checked.

use crate::error::{excerpt, group, Error, MAX_DEPTH, MAX_DIMENSION, MAX_INPUT_CHARS, MAX_NODES};
use crate::functions::{constant, function_list, lookup, Call, Prefix, SUGAR};
use crate::graph::{Fun2, Graph, Id, Konst};
use meval::shunting_yard::to_rpn;
use meval::tokenizer::{tokenize, Operation, ParseError, Token};

fn is_function(name: &str) -> bool {
    lookup(name, Prefix::Bare).is_some()
}

fn arity_text(name: &str) -> Option<String> {
    lookup(name, Prefix::Bare).map(|(n, _)| match n.arity {
        (1, 1) => format!("{name} takes 1 argument"),
        (lo, hi) if lo == hi => format!("{name} takes {lo} arguments"),
        (lo, _) => format!("{name} takes {lo} or more arguments"),
    })
}

/// Text rewritten for meval, and for each of its bytes the index of the
/// character the student typed there. One extra entry maps the end.
struct Clean {
    text: String,
    map: Vec<usize>,
}

impl Clean {
    fn push(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(at, s.len()));
    }
    fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.map.len() - 1;
        let s = self.map[start.min(last)];
        let e = if end > start {
            self.map[(end - 1).min(last)] + 1
        } else {
            s + 1
        };
        (s, e)
    }
    fn err(&self, msg: impl Into<String>, start: usize, end: usize) -> Error {
        let (s, e) = self.span(start, end);
        Error::at(msg, s, e)
    }
}

/// What to type instead of a character that is not part of the language.
fn char_hint(c: char) -> String {
    let named = |what: &str, ascii: &str| {
        format!("'{c}' ({what}) is not understood here: type {ascii} instead.")
    };
    match c {
        '²' => named("superscript two", "^2"),
        '³' => named("superscript three", "^3"),
        '¹' | '⁰' | '⁴'..='⁹' => named("a superscript", "^ and the power, as in x^4"),
        '×' | '·' | '⋅' | '∙' | '∗' => named("a multiplication sign", "*"),
        '÷' | '∕' => named("a division sign", "/"),
        '−' | '–' | '—' | '‐' | '‑' => named("a dash", "the ASCII minus -"),
        'π' => named("pi", "pi"),
        'ℯ' => named("Euler's number", "e"),
        '√' => named("a root sign", "sqrt(…)"),
        '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}' => {
            format!(
                "An invisible special space (U+{:04X}) is here: delete it and type a normal space.",
                c as u32
            )
        }
        '\u{ff10}'..='\u{ff19}' => {
            let d = char::from_u32(c as u32 - 0xff10 + '0' as u32).unwrap_or('0');
            named("a full-width digit", &format!("the ASCII digit {d}"))
        }
        '\u{ff01}'..='\u{ff5e}' => {
            let a = char::from_u32(c as u32 - 0xfee0).unwrap_or('?');
            named("a full-width character", &format!("the ASCII {a}"))
        }
        '‘' | '’' | '“' | '”' | '"' | '\'' | '`' => {
            format!("Quotes ({c}) are not part of an expression: remove them.")
        }
        '!' => "Factorials (!) are not available here.".to_string(),
        '=' => {
            "Type only the right-hand side, without '=': for f(x, y) = x*y type x*y.".to_string()
        }
        '[' | ']' | '{' | '}' => format!("Use round brackets ( ) for grouping, not '{c}'."),
        '|' => "Absolute value bars are not available: write abs(…), as in abs(x - 1).".to_string(),
        '<' | '>' | '&' | ';' | ':' | '#' | '$' | '@' | '~' | '?' | '\\' => {
            format!("'{c}' is not part of an expression. Use numbers, variables, + - * / ^ % and functions like sin(x).")
        }
        _ if c.is_ascii_control() || c.is_control() => {
            format!(
                "A control character (U+{:04X}) is here: delete it.",
                c as u32
            )
        }
        _ => format!(
            "'{c}' (U+{:04X}) is not understood here. Use ASCII: numbers, letters, + - * / ^ ( ).",
            c as u32
        ),
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}
fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Stage one: limits, characters, numpy spellings, brackets.
fn clean(input: &str) -> Result<Clean, Error> {
    let nchars = input.chars().count();
    if nchars > MAX_INPUT_CHARS {
        return Err(Error::new(format!(
            "This expression is {} characters long; the limit is {}.",
            group(nchars as u64),
            group(MAX_INPUT_CHARS as u64)
        )));
    }
    if input.trim().is_empty() {
        return Err(Error::new("Type a function, for example x^2 + y^2."));
    }
    let chars: Vec<char> = input.chars().collect();
    let mut out = Clean {
        text: String::with_capacity(input.len()),
        map: Vec::with_capacity(input.len() + 1),
    };
    let mut open: Vec<usize> = Vec::new(); // char positions of unclosed '('
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_ident_start(c) {
            let start = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            let prefixed = matches!(name.as_str(), "np" | "numpy" | "math");
            if prefixed && i + 1 < chars.len() && chars[i] == '.' && is_ident_start(chars[i + 1]) {
                let s2 = i + 1;
                let mut j = s2;
                while j < chars.len() && is_ident(chars[j]) {
                    j += 1;
                }
                let attr: String = chars[s2..j].iter().collect();
                let prefix = if name == "math" {
                    Prefix::Math
                } else {
                    Prefix::Numpy
                };
                // A spelling accepted after its prefix is accepted bare too,
                // with the same meaning (a test in `functions` checks).
                if constant(&attr).is_some() || lookup(&attr, prefix).is_some() {
                    out.push(&attr, start);
                } else {
                    return Err(Error::at(
                        format!(
                            "{}.{} is not available. The functions are: {}.",
                            name,
                            excerpt(&attr, 20),
                            function_list()
                        ),
                        start,
                        j,
                    ));
                }
                i = j;
            } else {
                for (k, ch) in name.char_indices() {
                    out.push(&name[k..k + ch.len_utf8()], start + k);
                }
            }
            continue;
        }
        match c {
            '0'..='9' | '+' | '-' | '/' | '^' | '%' | ',' | ' ' | '\t' | '\n' | '\r' => {
                let mut b = [0u8; 4];
                out.push(c.encode_utf8(&mut b), i)
            }
            '*' => {
                if chars.get(i + 1) == Some(&'*') {
                    out.push("^", i);
                    i += 1;
                } else {
                    out.push("*", i);
                }
            }
            '.' => {
                let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
                if after_digit {
                    out.push(".", i);
                } else if chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                    let mut j = i + 1;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    let digits: String = chars[i + 1..j].iter().take(12).collect();
                    return Err(Error::at(
                        format!("A number cannot start with '.': write 0.{digits}."),
                        i,
                        j,
                    ));
                } else {
                    return Err(Error::at(
                        "A '.' belongs only in a number (2.5) or after np (np.sin).",
                        i,
                        i + 1,
                    ));
                }
            }
            '(' => {
                open.push(i);
                if open.len() > MAX_DEPTH as usize {
                    return Err(Error::at(
                        format!("Brackets are nested more than {MAX_DEPTH} deep here."),
                        i,
                        i + 1,
                    ));
                }
                out.push("(", i);
            }
            ')' => {
                if open.pop().is_none() {
                    return Err(Error::at("This ')' has no '(' to close.", i, i + 1));
                }
                out.push(")", i);
            }
            _ => return Err(Error::at(char_hint(c), i, i + 1)),
        }
        i += 1;
    }
    if let Some(&p) = open.last() {
        let n = open.len();
        let msg = if n == 1 {
            "This '(' is never closed: add a ')'.".to_string()
        } else {
            format!("{n} brackets are never closed: add {n} ')'.")
        };
        return Err(Error::at(msg, p, p + 1));
    }
    out.map.push(nchars);
    Ok(out)
}

/// The byte range of the token that starts at byte `b`, for underlining.
fn token_end(s: &[u8], b: usize) -> usize {
    if b >= s.len() {
        return b;
    }
    let c = s[b] as char;
    let mut e = b + 1;
    if is_ident(c) || c == '.' {
        while e < s.len() && (is_ident(s[e] as char) || s[e] == b'.') {
            e += 1;
        }
    }
    e
}

/// Explains meval's "unexpected token at byte b" in terms of what was typed.
fn explain_unexpected(cl: &Clean, b: usize) -> Error {
    let s = cl.text.as_bytes();
    let b = b.min(s.len().saturating_sub(1));
    let end = token_end(s, b);
    let here = &cl.text[b..end];
    let ch = s[b] as char;
    // The token before, skipping spaces.
    let mut p = b;
    while p > 0 && (s[p - 1] as char).is_ascii_whitespace() {
        p -= 1;
    }
    let prev = if p > 0 { Some(s[p - 1] as char) } else { None };
    let mut ps = p;
    while ps > 0 && (is_ident(s[ps - 1] as char) || s[ps - 1] == b'.') {
        ps -= 1;
    }
    let before = &cl.text[ps..p];

    // "2e", "3E+": a number whose exponent has no digits.
    if ch.is_ascii_digit() {
        let mut j = b;
        while j < s.len() && (s[j].is_ascii_digit() || s[j] == b'.') {
            j += 1;
        }
        if j < s.len() && (s[j] == b'e' || s[j] == b'E') {
            let num = excerpt(&cl.text[b..j], 12);
            return cl.err(
                format!("'{num}e' is not a complete number: write {num}*e to multiply by e, or {num}e3 for {num}×10³."),
                b,
                (j + 1).min(s.len()),
            );
        }
    }
    let value_before = matches!(prev, Some(c) if is_ident(c) || c == ')' || c == '.');
    let value_here = is_ident(ch) || ch == '(' || ch == '.';
    if value_before && value_here {
        if is_function(before) {
            return cl.err(
                format!(
                    "{before} is a function: put its argument in brackets, as in {before}({}).",
                    excerpt(here, 12)
                ),
                ps,
                end,
            );
        }
        let left = if prev == Some(')') {
            ")".to_string()
        } else {
            excerpt(before, 12)
        };
        let right = if ch == '(' {
            "(".to_string()
        } else {
            excerpt(here, 12)
        };
        return cl.err(
            format!("Multiplication needs a '*': write {left}*{right}."),
            if prev == Some(')') { p - 1 } else { ps },
            end,
        );
    }
    if ch == ',' {
        return cl.err(
            "A comma only separates a function's arguments, as in max(1, 2).",
            b,
            b + 1,
        );
    }
    if ch == ')' && prev == Some('(') {
        let mut q = p - 1;
        while q > 0 && (s[q - 1] as char).is_ascii_whitespace() {
            q -= 1;
        }
        let mut qs = q;
        while qs > 0 && is_ident(s[qs - 1] as char) {
            qs -= 1;
        }
        let name = &cl.text[qs..q];
        if let Some(a) = arity_text(name) {
            return cl.err(format!("{name}() is missing its argument: {a}."), qs, b + 1);
        }
        return cl.err(
            "Empty brackets: put an expression inside ( ).",
            p - 1,
            b + 1,
        );
    }
    if matches!(ch, '+' | '*' | '/' | '^' | '%' | ')' | ',') {
        return cl.err(format!("A value is missing before '{ch}'."), b, b + 1);
    }
    cl.err(
        format!("'{}' is not expected here.", excerpt(here, 12)),
        b,
        end,
    )
}

/// The first place `name` stands as a whole word in the cleaned text.
fn find_name(cl: &Clean, name: &str) -> (usize, usize) {
    let s = cl.text.as_bytes();
    let mut from = 0;
    while let Some(k) = cl.text[from..].find(name) {
        let st = from + k;
        let en = st + name.len();
        let ok_l = st == 0 || !is_ident(s[st - 1] as char);
        let ok_r = en >= s.len() || !is_ident(s[en] as char);
        if ok_l && ok_r {
            return cl.span(st, en);
        }
        from = st + 1;
    }
    (0, 1)
}

/// One expression after meval, before names are resolved.
struct Tokens {
    clean: Clean,
    rpn: Vec<Token>,
}

fn tokens(input: &str) -> Result<Tokens, Error> {
    let mut cl = clean(input)?;
    // meval's tokenizer can stop on trailing spaces (meval-rs issue 29), so
    // hand it the text without them; the map stays valid for the prefix.
    let kept = cl.text.trim_end().len();
    cl.text.truncate(kept);
    let last_char = cl.map[cl.map.len() - 1];
    cl.map.truncate(kept);
    cl.map.push(last_char);
    let toks = match tokenize(&cl.text) {
        Ok(t) => t,
        Err(ParseError::UnexpectedToken(b)) => return Err(explain_unexpected(&cl, b)),
        Err(ParseError::MissingArgument) => {
            let t = cl.text.trim_end();
            let n = t.len();
            let last = t.chars().last().unwrap_or(' ');
            return Err(cl.err(
                format!("The expression ends too early: a value is missing after '{last}'."),
                n.saturating_sub(1),
                n,
            ));
        }
        Err(ParseError::MissingRParen(_)) => {
            return Err(Error::new("A '(' is never closed: add a ')'."));
        }
    };
    let rpn =
        to_rpn(&toks).map_err(|e| Error::new(format!("Could not read this expression ({e}).")))?;
    Ok(Tokens { clean: cl, rpn })
}

fn case_variant(name: &str) -> Option<&'static str> {
    let low = name.to_ascii_lowercase();
    if low == name || name.len() < 2 {
        return None;
    }
    if low == "pi" {
        return Some("pi");
    }
    lookup(&low, Prefix::Bare).map(|(n, _)| n.name)
}

/// Names a student may reach for that we spell differently.
fn known_alias(name: &str) -> Option<&'static str> {
    Some(match name {
        "sgn" => "write sign(…).",
        "sigma" | "logit" => "the logistic function is sigmoid(…).",
        "fact" | "factorial" | "gamma" => "factorials are not available here.",
        _ => return None,
    })
}

/// Variables named in the expression, in order of appearance.
fn names_in(t: &Tokens) -> Vec<String> {
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

fn check_var_name(cl: &Clean, n: &str, explicit: bool) -> Result<(), Error> {
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
fn build(g: &mut Graph, t: &Tokens, vars: &[String]) -> Result<Id, Error> {
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
