//! The one error type of the core, and the limits that guard every entry.
//!
//! An error carries a message meant for a student and, where the problem has a
//! place in the input, the span of characters to underline. The wasm layer
//! turns it into a JS `Error` with `start` and `end` properties.

use std::fmt;

/// Longest expression accepted, in characters. Long enough for any function a
/// course uses; short enough that no later stage can be slow.
pub const MAX_INPUT_CHARS: usize = 1000;
/// Deepest nesting of brackets and operators accepted.
pub const MAX_DEPTH: u32 = 100;
/// Largest parsed expression, in distinct nodes.
pub const MAX_NODES: usize = 2000;
/// Node budget for a function together with all its partial derivatives.
pub const DERIVATIVE_BUDGET: usize = 200_000;
/// Largest grid a figure may ask for (points).
pub const MAX_GRID_POINTS: usize = 4_000_000;
/// Largest number of variables or outputs.
pub const MAX_DIMENSION: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub message: String,
    /// Character span in the original input, `start..end`.
    pub span: Option<(usize, usize)>,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            span: None,
        }
    }

    pub fn at(message: impl Into<String>, start: usize, end: usize) -> Error {
        Error {
            message: message.into(),
            span: Some((start, end.max(start + 1))),
        }
    }

    pub fn too_large_derivative(budget: usize) -> Error {
        Error::new(format!(
            "The derivatives of this expression would be too large to work with (over {} terms). Try a shorter expression.",
            group(budget as u64)
        ))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.span {
            Some((s, _)) => write!(f, "{} (at character {})", self.message, s + 1),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Error {}

/// 1234567 → "1,234,567", for limits quoted in messages.
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// At most `max` characters of user text, for quoting it in a message.
pub fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("abc", 5), "abc");
        assert_eq!(excerpt("abcdefgh", 3), "abc…");
    }

    #[test]
    fn display_gives_one_based_position() {
        let e = Error::at("bad", 4, 5);
        assert_eq!(e.to_string(), "bad (at character 5)");
    }
}
