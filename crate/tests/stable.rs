//! Stable values and derivatives: no NaN or ∞ where the exact value is an
//! ordinary double, at points where doubles on the way overflow or
//! underflow. References computed with mpmath at 60 digits (sympy's exact
//! derivative evaluated in mpmath, then rounded to a double).

use gradients::field::Scalar;

/// (f, point, [f, ∂f/∂x, ∂f/∂y]) from mpmath.
const CASES: &[(&str, [f64; 2], [f64; 3])] = &[
    ("1/(1+exp(-x*y))", [-40.0, 40.0], [0.0, 0.0, -0.0]),
    (
        "1/(1+exp(-x*y))",
        [-20.0, 20.0],
        [
            1.9151695967140057e-174,
            3.830339193428011e-173,
            -3.830339193428011e-173,
        ],
    ),
    (
        "exp(x)/(exp(x)+exp(y))",
        [710.0, 709.0],
        [
            0.7310585786300049,
            0.19661193324148185,
            -0.19661193324148185,
        ],
    ),
    (
        "exp(x)/(exp(x)+exp(y))",
        [-800.0, -801.0],
        [
            0.7310585786300049,
            0.19661193324148185,
            -0.19661193324148185,
        ],
    ),
    (
        "ln(cosh(x - y))",
        [800.0, 0.0],
        [799.3068528194401, 1.0, -1.0],
    ),
    (
        "ln(cosh(x - y))",
        [-1000.0, 3.0],
        [1002.3068528194401, -1.0, 1.0],
    ),
    (
        "(x^2-y^2)/(x^2+y^2)",
        [1e-160, 1e-160],
        [0.0, 1e160, -1e160],
    ),
    (
        "(x^2-y^2)/(x^2+y^2)",
        [3e-170, 1e-170],
        [0.8, 1.1999999999999998e169, -3.5999999999999994e169],
    ),
    (
        "ln(exp(x) + exp(y))",
        [1000.0, 999.0],
        [1000.3132616875182, 0.7310585786300049, 0.2689414213699951],
    ),
    (
        "sqrt(x^2 + y^2)",
        [1e200, 1e200],
        [
            1.414213562373095e200,
            std::f64::consts::FRAC_1_SQRT_2,
            std::f64::consts::FRAC_1_SQRT_2,
        ],
    ),
    ("x*y/(x^2+y^2)", [1e-200, 2e-200], [0.4, 2.4e199, -1.2e199]),
];

fn close(got: f64, want: f64) -> bool {
    got == want || (got - want).abs() <= 1e-12 * want.abs()
}

#[test]
fn values_and_gradients_match_high_precision_references() {
    for (s, p, want) in CASES {
        let f = Scalar::parse(s, None).unwrap();
        let v = f.eval(p).unwrap();
        let g = f.gradient(p).unwrap();
        let got = [v, g[0], g[1]];
        for k in 0..3 {
            assert!(
                close(got[k], want[k]),
                "{s} at {p:?}: {} is {} (want {})",
                ["f", "∂f/∂x", "∂f/∂y"][k],
                got[k],
                want[k]
            );
        }
        assert_eq!(f.nondifferentiable_reason(p).unwrap(), None, "{s}");
    }
}

#[test]
fn the_activations_far_out() {
    // σ'(u) at u = -800 is e^-800 to double precision: a subnormal-free tiny
    // number that rounds to 0, not NaN; softplus' = σ.
    let f = Scalar::parse("sigmoid(x*y)", None).unwrap();
    let g = f.gradient(&[-40.0, 20.0]).unwrap();
    assert_eq!(g, vec![0.0, 0.0]);
    let f = Scalar::parse("sigmoid(x)", None).unwrap();
    // σ'(-700) = e^-700/(1 + e^-700)^2, an ordinary double.
    let d = f.gradient(&[-700.0]).unwrap()[0];
    assert!(close(d, 9.85967654375977e-305), "{d}");
    let f = Scalar::parse("softplus(x)", None).unwrap();
    assert_eq!(f.gradient(&[-1000.0]).unwrap()[0], 0.0);
    assert_eq!(f.eval(&[1e308]).unwrap(), 1e308);
}

#[test]
fn ordinary_points_are_bit_for_bit_the_doubles() {
    // Where nothing overflows, the wide evaluation is the double one.
    let f = Scalar::parse("x^2 + y^2 + exp(z) + x^z + x*y*z", None).unwrap();
    assert_eq!(f.eval(&[1.0, 2.0, 3.0]).unwrap(), 32.08553692318767);
    let f = Scalar::parse("sin(x*y)/(1 + x^2) - ln(y)", None).unwrap();
    let (x, y) = (0.7f64, 1.3f64);
    assert_eq!(
        f.eval(&[x, y]).unwrap(),
        (x * y).sin() / (1.0 + x * x) - y.ln()
    );
}

#[test]
fn gradient_grids_agree_with_points_where_doubles_overflow() {
    // σ(x·y) across x·y = ±1600: the plain double formula is ∞/∞ there.
    let mut f = Scalar::parse("1/(1+exp(-x*y))", None).unwrap();
    let g = f.gradient_grid(-40.0, 40.0, 5, 39.0, 40.0, 3).unwrap();
    let xs = gradients::field::linspace(-40.0, 40.0, 5);
    let ys = gradients::field::linspace(39.0, 40.0, 3);
    for (j, &y) in ys.iter().enumerate() {
        for (i, &x) in xs.iter().enumerate() {
            let p = f.gradient(&[x, y]).unwrap();
            let k = 2 * (j * 5 + i);
            assert!(p.iter().all(|v| v.is_finite()), "{x} {y}");
            assert!(
                close(g[k], p[0]) && close(g[k + 1], p[1]),
                "{x} {y}: {:?} vs {p:?}",
                &g[k..k + 2]
            );
        }
    }
    // Where f itself is undefined the gradient stays NaN.
    let mut h = Scalar::parse("ln(x) + y", None).unwrap();
    let g = h.gradient_grid(-1.0, -0.5, 2, 0.0, 1.0, 2).unwrap();
    assert!(g.iter().all(|v| v.is_nan()));
}
