//! A derivative exists only where the function is differentiable: where f
//! is undefined every partial is NaN, at kinks and jumps the partials that
//! cross them are NaN, and `nondifferentiable_reason` says why.

use gradients::field::Scalar;

fn f(s: &str) -> Scalar {
    Scalar::parse(s, None).unwrap_or_else(|e| panic!("{s}: {}", e.message))
}

fn nan_partials(s: &str, p: &[f64]) -> Vec<bool> {
    f(s).gradient(p)
        .unwrap()
        .iter()
        .map(|v| v.is_nan())
        .collect()
}

fn reason(s: &str, p: &[f64]) -> Option<String> {
    f(s).nondifferentiable_reason(p).unwrap()
}

#[test]
fn undefined_f_has_no_gradient() {
    // Today's bugs: ∇ln(x) at -1 was [-1]; ∂/∂y of x ln x + y ln y at (0, 1) was 1.
    assert_eq!(nan_partials("ln(x)", &[-1.0]), [true]);
    assert_eq!(nan_partials("x*ln(x) + y*ln(y)", &[0.0, 1.0]), [true, true]);
    assert_eq!(nan_partials("sqrt(x) + y", &[-4.0, 1.0]), [true, true]);
    assert_eq!(
        nan_partials("x*ln(x) + y*ln(y)", &[0.5, 1.0]),
        [false, false]
    );
    let r = reason("ln(x - 1) + y", &[-1.0, 0.0]).unwrap();
    assert!(
        r.starts_with("f is undefined here: ln of a negative number"),
        "{r}"
    );
    assert!(r.contains("x - 1 = -2"), "{r}");
    let r = reason("x/y", &[0.0, 0.0]).unwrap();
    assert!(r.contains("0/0"), "{r}");
    let r = reason("asin(x)", &[2.0]).unwrap();
    assert!(r.contains("asin of a number outside"), "{r}");
}

#[test]
fn kinks_have_no_gradient() {
    assert_eq!(nan_partials("abs(x) + y", &[0.0, 1.0]), [true, false]);
    assert_eq!(nan_partials("abs(x) + y", &[0.5, 1.0]), [false, false]);
    assert_eq!(nan_partials("max(x, y)", &[1.0, 1.0]), [true, true]);
    assert_eq!(nan_partials("min(x, y) + x", &[2.0, 2.0]), [true, true]);
    assert_eq!(nan_partials("relu(x - y)", &[3.0, 3.0]), [true, true]);
    assert_eq!(nan_partials("relu(x)*y", &[0.0, 2.0]), [true, false]);
    assert_eq!(nan_partials("clip(x, -1, 2)", &[2.0]), [true]);
    assert_eq!(nan_partials("clip(x, -1, 2)", &[-1.0]), [true]);
    assert_eq!(nan_partials("clip(x, -1, 2)", &[1.0]), [false]);
    let r = reason("abs(x) + y", &[0.0, 1.0]).unwrap();
    assert_eq!(
        r,
        "not differentiable here: abs(x) has a kink where x = 0: the slopes on its two sides are \u{2212}1 and 1. Deep-learning libraries use 0 here."
    );
    assert!(reason("max(x, y)", &[1.0, 1.0])
        .unwrap()
        .contains("max(x, y) has a kink where x = y"));
    assert!(reason("relu(x)", &[0.0])
        .unwrap()
        .contains("relu(x) has a kink"));
    assert_eq!(reason("abs(x) + y", &[0.5, 1.0]), None);
}

#[test]
fn jumps_have_no_gradient() {
    for (s, x) in [
        ("floor(x)", 2.0),
        ("ceil(x)", -3.0),
        ("round(x)", 2.5),
        ("trunc(x)", 1.0),
        ("sign(x)", 0.0),
        ("x % 1.5", 3.0),
        ("x % 1.5", -4.5),
        ("fmod(x, 1.5)", 3.0),
        ("heaviside(x, 0.5)", 0.0),
    ] {
        assert_eq!(nan_partials(s, &[x]), [true], "{s} at {x}");
        let r = reason(s, &[x]).unwrap_or_else(|| panic!("{s} at {x}"));
        assert!(r.contains("jumps"), "{s}: {r}");
    }
    for (s, x) in [
        ("floor(x)", 2.5),
        ("round(x)", 2.4),
        ("trunc(x)", 0.0),
        ("x % 1.5", 3.1),
        ("fmod(x, 1.5)", 0.0),
        ("sign(x)", 1.0),
    ] {
        assert_eq!(nan_partials(s, &[x]), [false], "{s} at {x}");
        assert_eq!(reason(s, &[x]), None, "{s} at {x}");
    }
}

#[test]
fn grids_say_the_same() {
    let mut g = f("abs(x) + ln(y)");
    // x from -1 to 1 in 3 points hits 0; y = -1 is outside ln's domain.
    let v = g.gradient_grid(-1.0, 1.0, 3, -1.0, 1.0, 3).unwrap();
    // Row y = -1: f undefined, both partials NaN.
    assert!(v[..6].iter().all(|d| d.is_nan()));
    // Row y = 0 is -inf, not NaN; row y = 1: only x = 0 is a kink.
    let top = &v[12..18];
    assert_eq!(top[0], -1.0);
    assert!(top[2].is_nan() && top[3] == 1.0);
    assert_eq!(top[4], 1.0);
    let both = {
        let mut out = vec![0.0; 27];
        let xs = [-1.0, 0.0, 1.0];
        g.values_and_gradients_on(&xs, &xs, &mut out).unwrap();
        out
    };
    // f's own value is untouched by the guards.
    assert_eq!(both[3 * 7], 1f64.ln());
    assert!(both[3 * 7 + 1].is_nan());
}

#[test]
fn jacobians_too() {
    let v = gradients::field::Vector::parse(&["abs(x)*y", "y"], None).unwrap();
    let j = v.jacobian(&[0.0, 2.0]).unwrap();
    // Row 1 (abs(x)*y): ∂x crosses the kink, ∂y = abs(0) does not; row 2 is smooth.
    assert!(j[0].is_nan());
    assert_eq!(&j[1..], &[0.0, 0.0, 1.0]);
}

#[test]
fn a_partial_as_its_own_function_says_the_same() {
    let g = f("abs(x) + y");
    let px = g.partial("x").unwrap();
    assert_eq!(px.to_text().unwrap(), "sign(x)");
    assert!(px.eval(&[0.0, 1.0]).unwrap().is_nan());
    assert_eq!(px.eval(&[-2.0, 1.0]).unwrap(), -1.0);
    assert_eq!(g.partial("y").unwrap().eval(&[0.0, 1.0]).unwrap(), 1.0);
    // ∂/∂x of ln(x) is 1/x, but there is no derivative where ln is undefined.
    let l = f("ln(x)").partial("x").unwrap();
    assert!(l.eval(&[-1.0]).unwrap().is_nan());
    assert_eq!(l.eval(&[2.0]).unwrap(), 0.5);
    // And in grids.
    let mut px = px;
    let v = px.grid(-1.0, 1.0, 3, 0.0, 1.0, 2).unwrap();
    assert_eq!(v[0], -1.0);
    assert!(v[1].is_nan());
    assert_eq!(v[2], 1.0);
}
