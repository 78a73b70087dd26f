//! The core's errors in the reader's language: each kind of [`SsmError`] is one sentence of the
//! catalogue. The core's own detail is English, so only the English page adds it.

use crate::i18n::{Lang, t};
use crate::ssm::SsmError;

/// The sentence a lesson shows for `error`.
pub(crate) fn error_text(lang: Lang, error: &SsmError) -> String {
    let (key, detail) = match error {
        SsmError::Shape(d) => ("error.shape", d),
        SsmError::NonFinite(d) => ("error.non_finite", d),
        SsmError::Domain(d) => ("error.domain", d),
        SsmError::TooLarge(d) => ("error.too_large", d),
        SsmError::Numerical(d) => ("error.numerical", d),
    };
    match lang {
        Lang::En => format!("{} ({detail})", t(lang, key)),
        _ => t(lang, key).to_owned(),
    }
}
