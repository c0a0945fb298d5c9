//! The maths core of Gradients, a teaching page about gradients.
//!
//! The pipeline reads left to right through the modules:
//! `parse` (text → graph, via meval) → `graph` (a shared arena that
//! simplifies as it builds) → `derive` (exact partial derivatives) →
//! `print` (text and MathML) → `compile` (a flat program run over blocks of
//! points) → `field` (functions, gradients, Jacobians, grids), with
//! `colormap` and `ticks` for the figures. Every function a student may call
//! is one row of `functions`, which parse, derive, print and compile read;
//! `tidy` puts each derivative in textbook form, and single points are
//! computed in `wide` numbers, so nothing overflows on the way.
//! None of these touch the browser; `wasm` is the one thin module that does.
//!
//! ```
//! use gradients::field::Scalar;
//! let f = Scalar::parse("x^2 + y^2 + exp(z) + x^z + x*y*z", None).unwrap();
//! assert_eq!(f.eval(&[1.0, 2.0, 3.0]).unwrap(), 32.08553692318767);
//! assert_eq!(f.partial("x").unwrap().to_text().unwrap(), "2*x + z*x^(z - 1) + y*z");
//! ```

pub mod answer;
pub mod colormap;
mod colormap_data;
pub mod compile;
pub mod contour;
pub mod derive;
pub mod error;
pub mod exactmath;
pub mod fastmath;
pub mod field;
pub mod functions;
pub mod graph;
pub mod listen;
pub mod parse;
pub mod plot3d;
pub mod print;
pub mod raster;
pub mod sampling;
pub mod surface;
pub mod ticks;
pub mod tidy;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod wide;
