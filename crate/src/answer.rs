//! Checking a derivative a student types, the way homework systems such as
//! WeBWorK and STACK do: two formulas are taken as equal when they agree at
//! many points of a sensible domain, within a tolerance; when the printed
//! forms are identical that settles it at once. A wrong answer gets the
//! feedback a tutor would give: a sign, a constant factor, a constant, one
//! term of the derivative, or else a point where the two differ, with both
//! values.

use crate::error::Error;
use crate::field::Scalar;
use crate::print::number;

/// The verdict on one typed answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub right: bool,
    pub message: String,
}

/// Points where the answers are compared: the student's own point first
/// (feedback there means most to them), then points scattered around it at
/// two scales. Fixed, so a verdict never changes between tries.
fn sample_points(point: &[f64]) -> Vec<Vec<f64>> {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut out = vec![point.to_vec()];
    for k in 0..48 {
        let r = if k % 2 == 0 { 2.0 } else { 0.5 };
        out.push(point.iter().map(|c| c + r * (2.0 * rnd() - 1.0)).collect());
    }
    out
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

fn point_text(p: &[f64]) -> String {
    let parts: Vec<String> = p.iter().map(|v| number((v * 1e4).round() / 1e4)).collect();
    format!("({})", parts.join(", "))
}

fn short(v: f64) -> String {
    if v.is_nan() {
        return "no value (undefined)".into();
    }
    let r = if v != 0.0 && v.is_finite() {
        let digits = 5 - v.abs().log10().floor() as i32;
        if (0..=15).contains(&digits) {
            let p = 10f64.powi(digits);
            (v * p).round() / p
        } else {
            v
        }
    } else {
        v
    };
    number(r)
}

/// Compares `answer` with `expected` (same variables). `what` names the
/// expected object in messages ("the derivative", "∂f/∂y").
pub fn check(expected: &Scalar, answer: &str, point: &[f64], what: &str) -> Result<Verdict, Error> {
    if answer.trim().is_empty() {
        return Ok(Verdict {
            right: false,
            message: format!("Type your formula for {what} first."),
        });
    }
    let vars = expected.variables().to_vec();
    let yours = Scalar::parse(answer, Some(&vars))?;
    if vars.is_empty() {
        // A number (or a formula of numbers): four significant figures will do.
        let (a, e) = (yours.eval(&[])?, expected.eval(&[])?);
        let right = (a - e).abs() <= 5e-4 * e.abs().max(1e-300) || a == e;
        return Ok(Verdict {
            right,
            message: if right {
                format!("Right: {what} is {}.", short(e))
            } else {
                format!("Not quite: yours is {}.", short(a))
            },
        });
    }
    if let (Ok(a), Ok(b)) = (yours.to_text(), expected.to_text()) {
        if a == b {
            return Ok(Verdict {
                right: true,
                message: format!("Right: that is {what}."),
            });
        }
    }
    let tol = 1e-8;
    let mut pairs = Vec::new(); // (point, yours, expected) where expected has a value
    for p in sample_points(point) {
        let e = expected.eval(&p)?;
        if e.is_finite() {
            pairs.push((p.clone(), yours.eval(&p)?, e));
        }
    }
    if pairs.len() < 8 {
        return Ok(Verdict {
            right: false,
            message: format!("{what} has no value at most points near here, so answers cannot be compared; try another point."),
        });
    }
    if pairs.iter().all(|(_, a, e)| close(*a, *e, tol)) {
        return Ok(Verdict {
            right: true,
            message: format!("Right: that is {what}."),
        });
    }
    let same_by = |f: &dyn Fn(f64, f64) -> f64| {
        let c = f(pairs[0].1, pairs[0].2);
        (c.is_finite() && pairs.iter().all(|(_, a, e)| close(f(*a, *e), c, 1e-7))).then_some(c)
    };
    let nonzero = pairs.iter().all(|(_, _, e)| e.abs() > 1e-12);
    if nonzero {
        // (A factor of 0 is no factor: the answer 0 is wrong everywhere,
        // and the point where it differs says more.)
        if let Some(c) = same_by(&|a, e| a / e).filter(|c| c.abs() > 1e-12) {
            let message = if close(c, -1.0, 1e-9) {
                format!("A sign: yours is the negative of {what}. Check each minus sign, and the sign that the chain rule brings in.")
            } else {
                format!("Off by a constant factor {}: yours is {} times {what}. Check the constants, and any factor the chain rule brings in.", short(c), short(c))
            };
            return Ok(Verdict {
                right: false,
                message,
            });
        }
    }
    if let Some(c) = same_by(&|a, e| a - e) {
        return Ok(Verdict {
            right: false,
            message: format!(
                "Off by a constant: yours is {what} plus {}. A constant term's derivative is 0.",
                short(c)
            ),
        });
    }
    // One term of the derivative missing, doubled or with the wrong sign.
    for (sign, term) in expected.terms(12)? {
        let name = term.to_text().unwrap_or_else(|_| "one term".into());
        for k in [-2.0, -1.0, 1.0] {
            let fits = pairs.iter().all(|(p, a, e)| match term.eval(p) {
                Ok(t) => close(a - e, k * sign * t, 1e-7),
                Err(_) => false,
            });
            if fits {
                let diff = if k * sign < 0.0 {
                    format!("−({name})")
                } else {
                    name.clone()
                };
                return Ok(Verdict {
                    right: false,
                    message: format!("The difference is {diff}: check the term {name}."),
                });
            }
        }
    }
    let (p, a, e) = pairs
        .iter()
        .find(|(_, a, e)| !close(*a, *e, tol))
        .expect("some point differs");
    Ok(Verdict {
        right: false,
        message: format!(
            "Your answer differs at {}: yours gives {}, {what} is {}.",
            point_text(p),
            short(*a),
            short(*e)
        ),
    })
}

/// Splits typed components "[a, b(c, d), e]" at top-level commas.
fn components(text: &str) -> Vec<String> {
    let t = text.trim();
    let t = t
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(t);
    let mut out = vec![String::new()];
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(String::new());
                continue;
            }
            _ => {}
        }
        out.last_mut().expect("never empty").push(c);
    }
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

/// Checks a whole gradient typed as its components, separated by commas.
pub fn check_gradient(f: &Scalar, answer: &str, point: &[f64]) -> Result<Verdict, Error> {
    let vars = f.variables().to_vec();
    let parts = components(answer);
    if parts.len() != vars.len() || parts.iter().any(|p| p.is_empty()) {
        return Ok(Verdict {
            right: false,
            message: format!(
                "A gradient of f({}) has {} components: type them separated by commas, in the order {}.",
                vars.join(", "),
                vars.len(),
                vars.iter().map(|v| format!("∂f/∂{v}")).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    let mut wrong = Vec::new();
    for (v, text) in vars.iter().zip(&parts) {
        let what = format!("∂f/∂{v}");
        let verdict = check(&f.partial(v)?, text, point, &what)
            .map_err(|e| Error::new(format!("In the component for {what}: {}", e.message)))?;
        if !verdict.right {
            wrong.push(format!("{what}: {}", verdict.message));
        }
    }
    Ok(if wrong.is_empty() {
        Verdict {
            right: true,
            message: "Right: every component is the partial derivative it should be.".into(),
        }
    } else {
        Verdict {
            right: false,
            message: wrong.join(" "),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_partial(var: &str) -> Scalar {
        Scalar::parse("x^2 + y^2 + exp(x) + x^z + x*y*z", None)
            .unwrap()
            .partial(var)
            .unwrap()
    }

    #[test]
    fn equivalent_forms_are_right() {
        let d = seed_partial("x");
        for typed in [
            "2*x + exp(x) + z*x^(z-1) + y*z",
            "y*z + e^x + x*2 + z*x^(z-1)",
            "exp(x) + z*x**(z-1) + x + x + z*y",
        ] {
            let v = check(&d, typed, &[1.0, 2.0, 3.0], "the derivative").unwrap();
            assert!(v.right, "{typed}: {}", v.message);
        }
    }

    #[test]
    fn wrong_answers_get_a_tutors_feedback() {
        let d = seed_partial("x");
        let at = [1.0, 2.0, 3.0];
        let msg = |t: &str| check(&d, t, &at, "the derivative").unwrap();
        assert!(msg("-(2*x + exp(x) + z*x^(z-1) + y*z)")
            .message
            .starts_with("A sign"));
        assert!(msg("2*(2*x + exp(x) + z*x^(z-1) + y*z)")
            .message
            .contains("constant factor 2"));
        assert!(msg("2*x + exp(x) + z*x^(z-1) + y*z + 7")
            .message
            .contains("plus 7"));
        let m = msg("2*x + z*x^(z-1) + y*z").message;
        assert!(
            m.starts_with("The difference is −(exp(x))") && m.contains("check the term exp(x)"),
            "{m}"
        );
        let m = msg("2*x + 2*exp(x) + z*x^(z-1) + y*z").message;
        assert!(m.starts_with("The difference is exp(x)"), "{m}");
        let m = msg("x^2").message;
        // At the student's point: 2 + e + 3 + 6 = 13.718…, theirs 1.
        assert!(
            m.starts_with(
                "Your answer differs at (1, 2, 3): yours gives 1, the derivative is 13.718"
            ),
            "{m}"
        );
        assert!(
            check(&d, "2*q", &at, "the derivative").is_err(),
            "unknown names are refused"
        );
        assert!(!msg("").right);
    }
    #[test]
    fn an_answer_of_zero_is_not_a_constant_factor() {
        let d = seed_partial("x");
        let v = check(&d, "0", &[1.0, 2.0, 3.0], "∂f/∂x").unwrap();
        assert!(!v.right);
        assert!(!v.message.contains("factor"), "{}", v.message);
    }

    #[test]
    fn numbers_to_four_figures() {
        let e = Scalar::parse("sqrt(20)", Some(&[])).unwrap();
        for (typed, right) in [
            ("2*sqrt(5)", true),
            ("4.472", true),
            ("4.46", false),
            ("20^0.5", true),
            ("-4.472", false),
        ] {
            assert_eq!(
                check(&e, typed, &[], "the rate").unwrap().right,
                right,
                "{typed}"
            );
        }
    }

    #[test]
    fn gradients_component_by_component() {
        let f = Scalar::parse("x*y + y^2", None).unwrap();
        assert!(
            check_gradient(&f, "[y, x + 2*y]", &[1.0, 2.0])
                .unwrap()
                .right
        );
        assert!(check_gradient(&f, "y, 2*y + x", &[1.0, 2.0]).unwrap().right);
        let v = check_gradient(&f, "y, x", &[1.0, 2.0]).unwrap();
        assert!(
            !v.right && v.message.starts_with("∂f/∂y: The difference is −(2*y)"),
            "{}",
            v.message
        );
        assert!(check_gradient(&f, "y", &[1.0, 2.0])
            .unwrap()
            .message
            .contains("has 2 components"));
        let g = Scalar::parse("max(x, y) + x", None).unwrap();
        assert!(check_gradient(&g, "[max(1, 0)*0 + 1 + 1, 0]", &[3.0, 1.0]).is_ok());
    }
}
