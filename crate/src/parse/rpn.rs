//! Stage two of parsing: cleaned text → tokens in reverse Polish order.
//!
//! This is the only place that touches meval (its tokenizer and its
//! shunting-yard), so replacing it touches one file; meval's terse errors
//! are explained here in terms of what the student typed.

use super::spellings::{arity_text, clean, is_function, is_ident, Clean};
use crate::error::{excerpt, Error};
use meval::shunting_yard::to_rpn;
use meval::tokenizer::{tokenize, ParseError, Token};

/// The byte range of the token that starts at byte `b`, for underlining.
pub(super) fn token_end(s: &[u8], b: usize) -> usize {
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
pub(super) fn explain_unexpected(cl: &Clean, b: usize) -> Error {
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
pub(super) fn find_name(cl: &Clean, name: &str) -> (usize, usize) {
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
pub(super) struct Tokens {
    pub(super) clean: Clean,
    pub(super) rpn: Vec<Token>,
}

pub(super) fn tokens(input: &str) -> Result<Tokens, Error> {
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
