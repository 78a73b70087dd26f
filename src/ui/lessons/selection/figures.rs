//! The text part's figures of `#/selection`, drawn from the panels' shared inputs by the
//! catalogue's functions (`crate::figures::selection`).

use super::{Area, Drawn, TextDeps};
use crate::figures::selection::{kappa, maps, mixing, outputs};
use crate::plot::Theme;

/// The heat-maps of Δ, |B|, |C| and the state over the typed tokens.
pub(super) fn draw_maps(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    maps(area, theme, d.lang, v, d.focus, d.channel)
}

/// The mixing matrix of the chosen channel.
pub(super) fn draw_mixing(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    mixing(area, theme, d.lang, v, d.focus, d.channel)
}

/// The channel's outputs under both rules for B̄.
pub(super) fn draw_outputs(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    outputs(area, theme, d.lang, v, d.focus, d.channel)
}

/// B̄/B against Δ under both rules, with the tokens' steps.
pub(super) fn draw_kappa(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    kappa(area, theme, d.lang, v, d.channel, d.rule)
}
