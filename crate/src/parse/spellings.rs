//! Stage one of parsing: what was typed, made ready for the tokenizer.
//!
//! `clean` checks limits and characters (with hints for the unicode a
//! student pastes from notes) and rewrites the notebook's spellings (`**`,
//! `np.sin`, `math.log`) to bare names, keeping a map from every byte it
//! writes back to the character the student typed, so positions in messages
//! stay right. The hints for names (wrong case, a near miss) live here too.

use crate::error::{excerpt, group, Error, MAX_DEPTH, MAX_INPUT_CHARS};
use crate::functions::{constant, function_list, lookup, Prefix};

pub(super) fn is_function(name: &str) -> bool {
    lookup(name, Prefix::Bare).is_some()
}

pub(super) fn arity_text(name: &str) -> Option<String> {
    lookup(name, Prefix::Bare).map(|(n, _)| match n.arity {
        (1, 1) => format!("{name} takes 1 argument"),
        (lo, hi) if lo == hi => format!("{name} takes {lo} arguments"),
        (lo, _) => format!("{name} takes {lo} or more arguments"),
    })
}

/// Text rewritten for meval, and for each of its bytes the index of the
/// character the student typed there. One extra entry maps the end.
pub(super) struct Clean {
    pub(super) text: String,
    pub(super) map: Vec<usize>,
}

impl Clean {
    fn push(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(at, s.len()));
    }
    pub(super) fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.map.len() - 1;
        let s = self.map[start.min(last)];
        let e = if end > start {
            self.map[(end - 1).min(last)] + 1
        } else {
            s + 1
        };
        (s, e)
    }
    pub(super) fn err(&self, msg: impl Into<String>, start: usize, end: usize) -> Error {
        let (s, e) = self.span(start, end);
        Error::at(msg, s, e)
    }
}

/// What to type instead of a character that is not part of the language.
pub(super) fn char_hint(c: char) -> String {
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

pub(super) fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}
pub(super) fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Stage one: limits, characters, numpy spellings, brackets.
pub(super) fn clean(input: &str) -> Result<Clean, Error> {
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

pub(super) fn case_variant(name: &str) -> Option<&'static str> {
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
pub(super) fn known_alias(name: &str) -> Option<&'static str> {
    Some(match name {
        "sgn" => "write sign(…).",
        "sigma" | "logit" => "the logistic function is sigmoid(…).",
        "fact" | "factorial" | "gamma" => "factorials are not available here.",
        _ => return None,
    })
}
