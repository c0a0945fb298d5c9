//! Prints each function's partial derivatives as the page shows them: one
//! input line per function, one output line per partial, `var<TAB>text`,
//! and a blank line after each function. Used by scripts/sympy_compare.py.

use gradients::field::Scalar;
use std::io::{self, BufRead, Write};

fn main() {
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        match Scalar::parse(text, None) {
            Ok(f) => {
                for v in f.variables() {
                    let d = f.partial(v).and_then(|d| d.to_text());
                    match d {
                        Ok(t) => writeln!(out, "{v}\t{t}"),
                        Err(e) => writeln!(out, "{v}\t!{}", e.message),
                    }
                    .expect("stdout");
                }
            }
            Err(e) => writeln!(out, "!\t{}", e.message).expect("stdout"),
        }
        writeln!(out).expect("stdout");
    }
}
