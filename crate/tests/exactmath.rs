//! `exactmath` against correctly rounded values from mpmath
//! (scripts/exactmath_oracle.py, 200-bit evaluation, ~10,000 arguments per
//! function including the hard regions and published worst cases, which
//! need the 256-bit second step), bit for bit; std's misroundings are
//! counted beside ours to show what the module is for. Special values
//! (NaN, infinities, signed zeros) must match std exactly.

use gradients::exactmath as em;
use std::path::{Path, PathBuf};
use std::process::Command;

type F1 = fn(f64) -> f64;
type F2 = fn(f64, f64) -> f64;

const ONE: &[(&str, F1, F1)] = &[
    ("exp", em::exp, f64::exp),
    ("exp2", em::exp2, f64::exp2),
    ("expm1", em::expm1, f64::exp_m1),
    ("ln", em::ln, f64::ln),
    ("log2", em::log2, f64::log2),
    ("log10", em::log10, f64::log10),
    ("log1p", em::log1p, f64::ln_1p),
    ("sin", em::sin, f64::sin),
    ("cos", em::cos, f64::cos),
    ("tan", em::tan, f64::tan),
    ("sinh", em::sinh, f64::sinh),
    ("cosh", em::cosh, f64::cosh),
    ("tanh", em::tanh, f64::tanh),
    ("asin", em::asin, f64::asin),
    ("acos", em::acos, f64::acos),
    ("atan", em::atan, f64::atan),
    ("asinh", em::asinh, f64::asinh),
    ("acosh", em::acosh, f64::acosh),
    ("atanh", em::atanh, f64::atanh),
    ("cbrt", em::cbrt, f64::cbrt),
];

const TWO: &[(&str, F2, F2)] = &[
    ("atan2", em::atan2, f64::atan2),
    ("hypot", em::hypot, f64::hypot),
    ("pow", em::pow, f64::powf),
];

/// Same bits, or both NaN (NaN payloads are not specified).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// FNV-1a, to name the data file after the script that made it.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// The oracle's data, generated on first use and whenever the script or its
/// list of hard cases changes.
/// By hand, `EXACTMATH_DATA=file` checks another file of the same format
/// (e.g. published worst cases run through the oracle's `reference`).
fn oracle() -> String {
    if let Ok(file) = std::env::var("EXACTMATH_DATA") {
        return std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let script = root.join("scripts/exactmath_oracle.py");
    let mut text = std::fs::read(&script).expect("scripts/exactmath_oracle.py is missing");
    text.extend(
        std::fs::read(root.join("scripts/exactmath_hard_cases.txt"))
            .expect("scripts/exactmath_hard_cases.txt is missing"),
    );
    let dir = root.join("target/exactmath");
    let data: PathBuf = dir.join(format!("oracle-{:016x}.txt", fnv(&text)));
    if !data.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        // data made by earlier versions of the script
        for old in std::fs::read_dir(&dir).unwrap().flatten() {
            if old.file_name().to_string_lossy().starts_with("oracle-") {
                let _ = std::fs::remove_file(old.path());
            }
        }
        let how = "the exactmath oracle needs python3 with mpmath: `python3 -m pip install mpmath`";
        let out = Command::new("python3")
            .arg(&script)
            .arg(&data)
            .output()
            .unwrap_or_else(|e| panic!("cannot run python3 ({e}); {how}"));
        assert!(
            out.status.success(),
            "{} failed: {}\n{how}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::read_to_string(&data).unwrap()
}

fn hex(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).unwrap())
}

#[test]
fn correctly_rounded_against_mpmath() {
    let data = oracle();
    // name -> (checked, ours wrong, std wrong, first failures)
    let mut rows: Vec<(&str, usize, usize, usize, Vec<String>)> = Vec::new();
    for line in data.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let name = f[0];
        let want = hex(f[f.len() - 1]);
        let args: Vec<f64> = f[1..f.len() - 1].iter().map(|s| hex(s)).collect();
        let (ours, std) = if let Some((_, o, s)) = ONE.iter().find(|r| r.0 == name) {
            (o(args[0]), s(args[0]))
        } else if let Some((_, o, s)) = TWO.iter().find(|r| r.0 == name) {
            (o(args[0], args[1]), s(args[0], args[1]))
        } else {
            panic!("unknown function {name} in the oracle data");
        };
        if rows.last().map(|r| r.0) != Some(name) {
            rows.push((name, 0, 0, 0, Vec::new()));
        }
        let row = rows.last_mut().unwrap();
        row.1 += 1;
        if !same(ours, want) {
            row.2 += 1;
            if row.4.len() < 4 {
                row.4
                    .push(format!("{name}{args:?} = {want:e}, ours {ours:e}"));
            }
        }
        if !same(std, want) {
            row.3 += 1;
        }
    }
    println!(
        "{:<8}{:>9}{:>13}{:>13}",
        "function", "checked", "misrounded", "std misr."
    );
    for r in &rows {
        println!("{:<8}{:>9}{:>13}{:>13}", r.0, r.1, r.2, r.3);
    }
    let failures: Vec<&String> = rows.iter().flat_map(|r| &r.4).collect();
    for f in &failures {
        println!("  {f}");
    }
    let names: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let by_hand = std::env::var("EXACTMATH_DATA").is_ok();
    for n in ONE
        .iter()
        .map(|r| r.0)
        .chain(TWO.iter().map(|r| r.0))
        .filter(|_| !by_hand)
    {
        let count = rows.iter().find(|r| r.0 == n).map_or(0, |r| r.1);
        assert!(
            count >= 10_000,
            "{n}: only {count} cases in the oracle data ({names:?})"
        );
    }
    let wrong: usize = rows.iter().map(|r| r.2).sum();
    assert_eq!(wrong, 0, "misrounded results: {failures:?}");
}

const SPECIAL: &[f64] = &[
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    2.0,
    -2.0,
    3.0,
    -3.0,
    2.5,
    -2.5,
    5e-324,
    -5e-324,
    1e-310,
    f64::MAX,
    -f64::MAX,
    710.0,
    -750.0,
    1e300,
];

/// Where std's result is NaN, infinite or zero, ours must be the same bits
/// (and the other way round): the special-value semantics are std's.
fn check_special(what: String, ours: f64, std: f64) {
    let special = |v: f64| v.is_nan() || v.is_infinite() || v == 0.0;
    // std's own mistakes: asinh(±MAX) and acosh(MAX) overflow in x² (the
    // answer is ±710.48)
    let std_wrong =
        (what.starts_with("asinh(") || what.starts_with("acosh(")) && what.contains("e308");
    if (special(ours) || special(std)) && !std_wrong {
        assert!(same(ours, std), "{what}: ours {ours:e}, std {std:e}");
    }
}

#[test]
fn special_values_match_std() {
    for (name, o, s) in ONE {
        for &x in SPECIAL {
            check_special(format!("{name}({x:e})"), o(x), s(x));
        }
    }
    for (name, o, s) in TWO {
        for &x in SPECIAL {
            for &y in SPECIAL {
                check_special(format!("{name}({x:e}, {y:e})"), o(x, y), s(x, y));
            }
        }
    }
}

#[test]
fn values_the_page_prints() {
    assert_eq!(em::exp(1.0), std::f64::consts::E); // prints 2.718281828459045
    assert_eq!(em::exp(0.0), 1.0);
    assert_eq!(em::ln(1.0).to_bits(), 0);
    assert_eq!(em::cbrt(27.0), 3.0);
    assert_eq!(em::pow(2.0, 10.0), 1024.0);
    assert_eq!(em::pow(-2.0, 3.0), -8.0);
    assert!(em::pow(-8.0, 1.0 / 3.0).is_nan());
    assert_eq!(em::pow(f64::NAN, 0.0), 1.0);
    assert_eq!(em::pow(1.0, f64::NAN), 1.0);
    assert_eq!(em::pow(-1.0, f64::INFINITY), 1.0);
    assert_eq!(em::pow(2.0, -1075.0), 0.0); // exactly half the least subnormal: to even
    assert_eq!(em::pow(2.0, -1074.0), 5e-324);
    assert_eq!(em::pow(134_217_727.0, 2.0), 18_014_398_241_046_528.0); // a middle, to even
    assert_eq!(em::hypot(3.0, 4.0), 5.0);
    // 9056183239109957 exactly, a middle: to even
    assert_eq!(
        em::hypot(6_403_688_551_615_875.0, 6_403_688_608_469_332.0),
        9_056_183_239_109_956.0
    );
    assert_eq!(em::log10(1000.0), 3.0);
    assert_eq!(em::log2(0.125), -3.0);
    assert_eq!(em::exp2(-1075.0), 0.0);
    assert_eq!(em::sin(-0.0).to_bits(), (-0.0f64).to_bits());
    assert_eq!(em::atanh(-1.0), f64::NEG_INFINITY);
    assert_eq!(em::atan2(-0.0, -1.0), -std::f64::consts::PI);
    assert_eq!(em::atan2(1.0, 1.0), std::f64::consts::FRAC_PI_4);
}
