//! Exact derivatives checked against an independent method (central finite
//! differences), on every builtin and on random expressions; printing checked
//! by reading the text back.

use gradients::field::Scalar;
use proptest::prelude::*;

mod common;

/// Central difference with a step scaled to the coordinate.
fn central(f: &Scalar, p: &[f64], k: usize) -> f64 {
    let h = 1e-6 * p[k].abs().max(1.0);
    let mut a = p.to_vec();
    let mut b = p.to_vec();
    a[k] += h;
    b[k] -= h;
    (f.eval(&a).unwrap() - f.eval(&b).unwrap()) / (2.0 * h)
}

fn assert_close(exact: f64, approx: f64, what: &str) {
    let tol = 1e-5 * (1.0 + exact.abs());
    assert!(
        (exact - approx).abs() <= tol,
        "{what}: exact {exact} vs finite difference {approx}"
    );
}

#[test]
fn every_builtin_against_finite_differences() {
    // Each at a point inside its domain and away from kinks and jumps.
    let cases: &[(&str, [f64; 2])] = &[
        ("sqrt(x*y)", [1.3, 0.7]),
        ("exp(x*y)", [0.4, -1.1]),
        ("ln(x + y^2)", [0.8, 1.2]),
        ("abs(x - y)", [0.3, 1.4]),
        ("sin(x*y)", [1.1, 2.3]),
        ("cos(x - y)", [0.2, 1.9]),
        ("tan(x*y)", [0.5, 0.9]),
        ("asin(x*y)", [0.3, 0.6]),
        ("acos(x - y)", [0.4, 0.1]),
        ("atan(x/y)", [1.2, 0.7]),
        ("atan2(y, x)", [-0.6, 0.9]),
        ("sinh(x + y)", [0.7, 0.2]),
        ("cosh(x*y)", [0.9, -0.4]),
        ("tanh(x - 2*y)", [0.3, 0.1]),
        ("asinh(x*y)", [1.5, 0.5]),
        ("acosh(x + y)", [1.5, 0.9]),
        ("atanh(x*y)", [0.4, 0.5]),
        ("floor(x) * y", [1.5, 2.0]),
        ("ceil(x + y) + x", [1.2, 0.3]),
        ("round(x) * y^2", [2.3, 1.1]),
        ("signum(x) * y", [-0.7, 3.0]),
        ("max(x, y, 1)", [2.0, 1.5]),
        ("min(x*y, x + y)", [0.5, 0.5]),
        ("x % y", [5.3, 1.7]),
        ("(x*y) % (x + y)", [2.1, 1.3]),
        ("x^y", [1.7, 0.6]),
        ("y^x", [0.8, 2.4]),
        ("(x + 2)^(y^2)", [0.4, 1.1]),
        ("x^3 - 2/y", [1.3, 0.7]),
        ("e^x + pi*y", [0.6, -0.2]),
        ("-x^2/(1 + y^2)", [0.9, 0.8]),
    ];
    for (text, p) in cases {
        let f = Scalar::parse(text, Some(&["x".to_string(), "y".to_string()])).unwrap();
        let g = f.gradient(p).unwrap();
        for k in 0..2 {
            assert_close(
                g[k],
                central(&f, p, k),
                &format!("d/d{} of {text} at {p:?}", ["x", "y"][k]),
            );
        }
        // The partial as its own function gives the same values as the gradient.
        let px = f.partial("x").unwrap();
        assert_eq!(px.eval(p).unwrap().to_bits(), g[0].to_bits(), "{text}");
    }
}

#[test]
fn the_seed_partial_reads_like_a_textbook() {
    let f = Scalar::parse("x^2 + y^2 + exp(x) + x^z + x*y*z", None).unwrap();
    assert_eq!(
        f.partial("x").unwrap().to_text().unwrap(),
        "2*x + exp(x) + z*x^(z - 1) + y*z"
    );
    assert_eq!(f.partial("y").unwrap().to_text().unwrap(), "2*y + x*z");
    assert_eq!(
        f.partial("z").unwrap().to_text().unwrap(),
        "x^z*ln(x) + x*y"
    );
}

#[test]
fn simplified_forms() {
    let d = |s: &str, v: &str| {
        Scalar::parse(s, None)
            .unwrap()
            .partial(v)
            .unwrap()
            .to_text()
            .unwrap()
    };
    assert_eq!(d("x*x", "x"), "2*x");
    assert_eq!(d("3*x^4", "x"), "12*x^3");
    assert_eq!(d("sin(x)^2", "x"), "2*sin(x)*cos(x)");
    assert_eq!(d("x*y - y", "y"), "x - 1");
    assert_eq!(d("cos(2*x)", "x"), "-2*sin(2*x)");
    assert_eq!(d("1/x", "x"), "-1/x^2");
    assert_eq!(d("exp(-x^2/2)", "x"), "-x*exp(-x^2/2)");
    assert_eq!(d("sin(x^2)", "x"), "2*x*cos(x^2)");
}

/// Random expressions in x and y built from every construct.
fn expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        Just("pi".to_string()),
        Just("e".to_string()),
        (-5i32..6).prop_map(|n| format!("{n}")),
        (1u32..40).prop_map(|n| format!("{}", n as f64 / 8.0)),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) + ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) - ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})*({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})/(1.5 + ({b})^2)")),
            (inner.clone(), 0u32..4).prop_map(|(a, n)| format!("({a})^{n}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("(1 + ({a})^2)^(({b})/4)")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (
                inner.clone(),
                prop::sample::select(vec!["sin", "cos", "atan", "tanh", "asinh"])
            )
                .prop_map(|(a, f)| format!("{f}({a})")),
            inner.clone().prop_map(|a| format!("exp(sin({a}))")),
            inner.clone().prop_map(|a| format!("ln(2 + cos({a}))")),
            inner.clone().prop_map(|a| format!("sqrt(1 + ({a})^2)")),
            inner.clone().prop_map(|a| format!("cosh(atan({a}))")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("atan2({a}, 2 + cos({b}))")),
        ]
    })
}

/// Leftovers a textbook would never print: a factor 0 or 1, a power 1,
/// "+ -" or a double minus.
fn has_clutter(t: &str) -> bool {
    let b = t.as_bytes();
    let standalone = |i: usize, len: usize| {
        let before = i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b'e');
        let after = b
            .get(i + len)
            .map_or(true, |c| !(c.is_ascii_digit() || *c == b'.'));
        before && after
    };
    for (i, c) in b.iter().enumerate() {
        if (*c == b'0' || *c == b'1') && standalone(i, 1) {
            let next = b.get(i + 1).copied();
            let prev = if i > 0 { Some(b[i - 1]) } else { None };
            if next == Some(b'*') || prev == Some(b'*') || (*c == b'1' && prev == Some(b'^')) {
                return true;
            }
        }
    }
    t.contains("+ -") || t.contains("- -") || t.contains("--")
}

#[test]
fn clutter_detector_works() {
    assert!(has_clutter("0*y + x"));
    assert!(has_clutter("x*1"));
    assert!(has_clutter("x^1 + 2"));
    assert!(has_clutter("x + -y"));
    assert!(!has_clutter("-40*x + 10*y^12 + 0.5*x"));
}

fn vars() -> Vec<String> {
    vec!["x".to_string(), "y".to_string()]
}

/// The exact gradient at p against central differences. With `kinks`,
/// points where a smaller step disagrees with the usual one (a kink or jump
/// within reach) are skipped.
fn agrees_with_differences(s: &str, p: [f64; 2], kinks: bool) -> Result<(), TestCaseError> {
    let f = Scalar::parse(s, Some(&vars())).unwrap();
    let v = f.eval(&p).unwrap();
    prop_assume!(v.is_finite() && v.abs() < 1e6);
    let g = f.gradient(&p).unwrap();
    for k in 0..2 {
        prop_assume!(g[k].is_finite() && g[k].abs() < 1e6);
        let fd = central(&f, &p, k);
        if kinks {
            let h = 1e-7 * p[k].abs().max(1.0);
            let (mut a, mut b) = (p, p);
            a[k] += h;
            b[k] -= h;
            let fd2 = (f.eval(&a).unwrap() - f.eval(&b).unwrap()) / (2.0 * h);
            prop_assume!((fd - fd2).abs() <= 1e-3 * (1.0 + fd.abs()));
        }
        let tol = 1e-4 * (1.0 + g[k].abs());
        prop_assert!(
            (g[k] - fd).abs() <= tol,
            "d/d{} of {} at {:?}: {} vs {}",
            k,
            s,
            p,
            g[k],
            fd
        );
    }
    Ok(())
}

fn config() -> ProptestConfig {
    common::config(400, 20261126)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn partials_agree_with_finite_differences(s in expr(), x in -2.0f64..2.0, y in -2.0f64..2.0) {
        agrees_with_differences(&s, [x, y], false)?;
    }

    #[test]
    fn print_then_parse_keeps_the_values(s in expr(), x in -3.0f64..3.0, y in -3.0f64..3.0) {
        let f = Scalar::parse(&s, Some(&vars())).unwrap();
        let printed = f.to_text().unwrap();
        let back = Scalar::parse(&printed, Some(&vars())).unwrap();
        let (a, b) = (f.eval(&[x, y]).unwrap(), back.eval(&[x, y]).unwrap());
        // Equal values (a signed zero may flip: -0 and 0 print alike).
        prop_assert!(a == b || (a.is_nan() && b.is_nan()), "{} -> {}: {} vs {}", s, printed, a, b);
        // The derivatives print and read back too, and stay clean.
        for v in ["x", "y"] {
            let d = f.partial(v).unwrap();
            let t = d.to_text().unwrap();
            // Only what the derivative added counts: the student's own "x*0" stays as typed.
            prop_assert!(has_clutter(&printed) || !has_clutter(&t), "clutter in {}", t);
            let d2 = Scalar::parse(&t, Some(&vars())).unwrap();
            let (a, b) = (d.eval(&[x, y]).unwrap(), d2.eval(&[x, y]).unwrap());
            // Where f has no derivative the partial is NaN, its formula need not be.
            prop_assume!(!(a.is_nan() && f.nondifferentiable_reason(&[x, y]).unwrap().is_some()));
            prop_assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * a.abs(), "{} : {} vs {}", t, a, b);
        }
    }
}

/// print → parse → print gives the same text.
fn reprints_the_same(t: &str) -> Result<(), String> {
    let back = Scalar::parse(t, Some(&vars()))
        .map_err(|e| format!("{t} does not parse: {}", e.message))?
        .to_text()
        .map_err(|e| e.message)?;
    if back == t {
        Ok(())
    } else {
        Err(format!("{t}\n reprints as\n{back}"))
    }
}

#[test]
fn printing_is_idempotent_on_textbook_functions() {
    let ackley =
        "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20";
    for s in [
        ackley,
        "x^(1/3)",
        "10^x",
        "sqrt(x^2 + y^2)",
        "(x^2 - y^2)/(x^2 + y^2)",
        "max(x, y)",
        "atan(y/x)",
    ] {
        let f = Scalar::parse(s, Some(&vars())).unwrap();
        reprints_the_same(&f.to_text().unwrap()).unwrap();
        for v in ["x", "y"] {
            let t = f.partial(v).unwrap().to_text().unwrap();
            assert!(!t.contains("- (-") && !t.contains("+ (-"), "{t}");
            reprints_the_same(&t).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn printing_is_idempotent(s in expr()) {
        let f = Scalar::parse(&s, Some(&vars())).unwrap();
        let r = reprints_the_same(&f.to_text().unwrap());
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        for v in ["x", "y"] {
            let t = f.partial(v).unwrap().to_text().unwrap();
            let r = reprints_the_same(&t);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }
}

/// Random expressions that also use the functions added for numpy's
/// spellings and the activations.
fn expr_more() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        (-5i32..6).prop_map(|n| format!("{n}")),
        (1u32..40).prop_map(|n| format!("{}", n as f64 / 8.0)),
        (1u32..9, 2u32..7).prop_map(|(p, q)| format!("({p}/{q})")),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) + ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) - ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})*({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})/(2 + ({b})^2)")),
            (inner.clone(), 0u32..4).prop_map(|(a, n)| format!("({a})^{n}")),
            inner.clone().prop_map(|a| format!("(1 + ({a})^2)^(1/3)")),
            (
                inner.clone(),
                prop::sample::select(vec![
                    "sigmoid", "relu", "softplus", "abs", "floor", "sign", "round", "tanh",
                    "expm1", "log1p", "exp2", "cbrt", "sin", "atan",
                ])
            )
                .prop_map(|(a, f)| format!("{f}({a})")),
            (
                inner.clone(),
                inner.clone(),
                prop::sample::select(vec!["max", "min", "fmax", "hypot", "heaviside", "atan2"])
            )
                .prop_map(|(a, b, f)| format!("{f}({a}, {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) % (1.5 + ({b})^2)")),
            inner.clone().prop_map(|a| format!("log10(1 + ({a})^2)")),
            inner.clone().prop_map(|a| format!("clip({a}, -1, 2)")),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn new_functions_print_and_read_back(s in expr_more(), x in -3.0f64..3.0, y in -3.0f64..3.0) {
        let f = Scalar::parse(&s, Some(&vars())).unwrap();
        let t = f.to_text().unwrap();
        let r = reprints_the_same(&t);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        let back = Scalar::parse(&t, Some(&vars())).unwrap();
        let (a, b) = (f.eval(&[x, y]).unwrap(), back.eval(&[x, y]).unwrap());
        prop_assert!(a == b || (a.is_nan() && b.is_nan()), "{} -> {}: {} vs {}", s, t, a, b);
        for v in ["x", "y"] {
            let d = f.partial(v).unwrap();
            let dt = d.to_text().unwrap();
            let r = reprints_the_same(&dt);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
            let d2 = Scalar::parse(&dt, Some(&vars())).unwrap();
            let (a, b) = (d.eval(&[x, y]).unwrap(), d2.eval(&[x, y]).unwrap());
            // Where f has no derivative the partial is NaN, its formula need not be.
            prop_assume!(!(a.is_nan() && f.nondifferentiable_reason(&[x, y]).unwrap().is_some()));
            prop_assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * a.abs(), "{} : {} vs {}", dt, a, b);
        }
    }

    #[test]
    fn new_functions_agree_with_finite_differences(s in expr_more(), x in -2.0f64..2.0, y in -2.0f64..2.0) {
        agrees_with_differences(&s, [x, y], true)?;
    }
}
