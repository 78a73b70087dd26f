//! [`Precision`]: the number formats (f64, f32, bf16) a state can be kept in, and rounding to them.

use crate::ssm::validate::by_name;
use crate::ssm::{Result, SsmError};
use std::str::FromStr;

/// A number format in which a state is kept before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum Precision {
    /// IEEE double precision (53-bit significand): the core's own arithmetic.
    F64,
    /// IEEE single precision (24-bit significand), as models usually train on GPUs.
    F32,
    /// bfloat16 (8-bit significand, the exponent of f32), as many large models train.
    Bf16,
}

impl Precision {
    /// Every format, most precise first.
    pub const ALL: [Precision; 3] = [Precision::F64, Precision::F32, Precision::Bf16];

    /// The format's name as used in URLs: `f64`, `f32`, `bf16`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The unit roundoff u: rounding to the format changes a number by a relative error of at
    /// most u (2⁻⁵³, 2⁻²⁴, 2⁻⁸).
    pub fn unit_roundoff(self) -> f64 {
        match self {
            Precision::F64 => f64::EPSILON / 2.0,
            Precision::F32 => f64::from(f32::EPSILON) / 2.0,
            Precision::Bf16 => 1.0 / 256.0,
        }
    }

    /// The relative error the readout assumes in each state entry: the unit roundoff, but at
    /// least 10⁻¹² (the core's own arithmetic on the memory matrix is not exact either).
    pub fn noise_level(self) -> f64 {
        self.unit_roundoff().max(1e-12)
    }

    /// `x` rounded to the nearest number of the format (ties to even).
    pub fn round(self, x: f64) -> f64 {
        match self {
            Precision::F64 => x,
            Precision::F32 => f64::from(x as f32),
            Precision::Bf16 => {
                // bfloat16 is the upper half of an f32: round the lower 16 bits away, to even.
                let bits = (x as f32).to_bits();
                if !(x as f32).is_finite() {
                    return f64::from(x as f32);
                }
                let rounded = bits.wrapping_add(0x7fff + ((bits >> 16) & 1)) & 0xffff_0000;
                f64::from(f32::from_bits(rounded))
            }
        }
    }
}

impl FromStr for Precision {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<Precision> {
        by_name("number format", &Precision::ALL, s)
    }
}
