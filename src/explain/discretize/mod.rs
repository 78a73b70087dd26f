//! The discretization lesson's views of the three rules.
//!
//! | file | contents |
//! |---|---|
//! | `zoh` | ZOH by hand: [`b_bar_series`], [`a_is_invertible`], [`b_bar_quadrature`], [`b_bar_integral`], [`euler_substeps`], [`euler_path`] |
//! | `rules` | ZOH, bilinear and Euler side by side: [`compare_rules`], [`eigenvalue_locus`], [`euler_step_limit`], [`long_run`] |

mod rules;
mod zoh;

pub use rules::{
    LocusPoint, LongRun, RuleComparison, RuleSamples, compare_rules, eigenvalue_locus,
    euler_step_limit, long_run,
};
pub use zoh::{
    BBarIntegral, EulerEstimate, EulerPath, QuadratureEstimate, a_is_invertible, b_bar_integral,
    b_bar_quadrature, b_bar_series, euler_path, euler_substeps,
};
