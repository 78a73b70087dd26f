//! The state of lesson 7 (`#/selection`) as kept in the address: the selective-copying task
//! and its two models, the typed sentence with its Δ scale, and the rule for B.

use crate::explain::selection::{CHANNELS, CopyingTask, MAX_TOKENS, StepRule};
use crate::ssm::BRule;
use crate::url::{Query, UrlState};

/// Coloured tokens to copy, and distinct colours.
pub const DATA: usize = 4;
/// Distinct colours (chance is 1 in 4).
pub const COLORS: usize = 4;
/// Examples the readouts are fitted on, and measured on.
pub const EXAMPLES: usize = 200;
/// The longest text kept in the address.
pub const MAX_TEXT: usize = 200;
/// Range of the context length.
pub const LEN_RANGE: (usize, usize) = (12, 48);
/// Range of the state size N of the copying models.
pub const STATE_RANGE: (usize, usize) = (1, 8);
/// Range of every step Δ of the copying models.
pub const DELTA_RANGE: (f64, f64) = (0.001, 3.0);
/// Range of the Δ scale of the text model.
pub const SCALE_RANGE: (f64, f64) = (0.02, 20.0);

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectionLesson {
    /// Seed of the shown copying example.
    pub seed: u64,
    /// Context tokens of the copying task.
    pub len: usize,
    /// State size N of both copying models.
    pub state: usize,
    /// Δ of the time-invariant model.
    pub fixed: f64,
    /// Δ the selective model gives a coloured token.
    pub colored: f64,
    /// Δ the selective model gives a noise token.
    pub noise: f64,
    /// The typed text; `None` shows the sample sentence of the page's language.
    pub text: Option<String>,
    /// The factor s on every Δ of the text model.
    pub scale: f64,
    /// The channel whose state, mixing matrix and output are drawn.
    pub channel: usize,
    /// Whether Δ, B, C are frozen at their averages (a time-invariant model).
    pub frozen: bool,
    /// The token shown in the equations.
    pub token: usize,
    /// The rule for B̄ in the heat-maps and the mixing matrix.
    pub rule: BRule,
}

impl Default for SelectionLesson {
    fn default() -> Self {
        SelectionLesson {
            seed: 1,
            len: 24,
            state: 4,
            // The fixed model uses the coloured tokens' Δ: with noise Δ = coloured Δ the
            // selective model is exactly this model (the lesson's Try-this).
            fixed: 0.5,
            colored: 0.5,
            noise: 0.001,
            text: None,
            scale: 1.0,
            channel: 0,
            frozen: false,
            token: 0,
            rule: BRule::Euler,
        }
    }
}

/// The name of a rule in the address.
pub fn rule_name(rule: BRule) -> &'static str {
    match rule {
        BRule::Euler => "euler",
        BRule::Zoh => "zoh",
    }
}

impl UrlState for SelectionLesson {
    fn to_query(&self) -> Query {
        let q = Query::default()
            .with("seed", self.seed)
            .with("len", self.len)
            .with("n", self.state)
            .with("fixed", self.fixed)
            .with("colored", self.colored)
            .with("noise", self.noise);
        let q = match &self.text {
            Some(text) => q.with("text", text),
            None => q,
        };
        q.with("scale", self.scale)
            .with("ch", self.channel)
            .with("frozen", u8::from(self.frozen))
            .with("tok", self.token)
            .with("rule", rule_name(self.rule))
    }

    fn from_query(q: &Query) -> Self {
        let d = SelectionLesson::default();
        let delta = |key, default| q.f64_in(key, default, DELTA_RANGE.0, DELTA_RANGE.1);
        SelectionLesson {
            seed: q.usize_in("seed", d.seed as usize, 1, 9999) as u64,
            len: q.usize_in("len", d.len, LEN_RANGE.0, LEN_RANGE.1),
            state: q.usize_in("n", d.state, STATE_RANGE.0, STATE_RANGE.1),
            fixed: delta("fixed", d.fixed),
            colored: delta("colored", d.colored),
            noise: delta("noise", d.noise),
            text: q.get("text").map(|t| t.chars().take(MAX_TEXT).collect()),
            scale: q.f64_in("scale", d.scale, SCALE_RANGE.0, SCALE_RANGE.1),
            channel: q.usize_in("ch", d.channel, 0, CHANNELS - 1),
            frozen: q.flag("frozen", d.frozen),
            token: q.usize_in("tok", d.token, 0, MAX_TOKENS - 1),
            rule: match q.choice("rule", &["euler", "zoh"], "euler") {
                "zoh" => BRule::Zoh,
                _ => BRule::Euler,
            },
        }
    }
}

impl SelectionLesson {
    /// The copying task at this length and state size.
    pub fn task(&self) -> CopyingTask {
        CopyingTask {
            len: self.len,
            data: DATA,
            colors: COLORS,
            state: self.state,
            train: EXAMPLES,
            test: EXAMPLES,
        }
    }

    /// The time-invariant copying model.
    pub fn fixed_rule(&self) -> StepRule {
        StepRule::Fixed(self.fixed)
    }

    /// The selective copying model.
    pub fn selective_rule(&self) -> StepRule {
        StepRule::Selective { colored: self.colored, noise: self.noise }
    }

    /// The text to scan: the typed one, or `sample` when none was typed.
    pub fn text_or<'a>(&'a self, sample: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(sample)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::selection::run_copying;
    use crate::ssm::BRule;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let s = SelectionLesson {
            seed: 42,
            len: 30,
            state: 6,
            fixed: 0.7,
            colored: 1.25,
            noise: 0.01,
            text: Some("맘바는 뱀이다 & the cat = 1+1?".into()),
            scale: 3.5,
            channel: 2,
            frozen: true,
            token: 5,
            rule: BRule::Zoh,
        };
        let q = crate::url::Query::from_hash(&format!("#/selection?{}", s.to_query().encode()));
        assert_eq!(SelectionLesson::from_query(&q), s);
        let d = SelectionLesson::default();
        let q = crate::url::Query::from_hash(&format!("#/selection?{}", d.to_query().encode()));
        assert_eq!(SelectionLesson::from_query(&q), d);
    }

    #[test]
    fn garbage_gives_defaults_or_clamps() {
        let q = crate::url::Query::from_hash(
            "#/selection?seed=x&len=1000&n=0&fixed=NaN&colored=-4&rule=rk4&ch=9&tok=99",
        );
        let s = SelectionLesson::from_query(&q);
        let d = SelectionLesson::default();
        assert_eq!((s.seed, s.len, s.state), (d.seed, LEN_RANGE.1, STATE_RANGE.0));
        assert_eq!((s.fixed, s.colored), (d.fixed, DELTA_RANGE.0));
        assert_eq!((s.rule, s.channel, s.token), (BRule::Euler, CHANNELS - 1, MAX_TOKENS - 1));
        let long = "가".repeat(500);
        let q = crate::url::Query::default().with("text", &long);
        assert_eq!(SelectionLesson::from_query(&q).text.unwrap().chars().count(), MAX_TEXT);
    }

    #[test]
    fn the_default_models_show_the_lesson_point() {
        let s = SelectionLesson::default();
        let fixed = run_copying(&s.task(), s.fixed_rule(), BRule::Euler, s.seed).unwrap();
        let selective = run_copying(&s.task(), s.selective_rule(), BRule::Euler, s.seed).unwrap();
        assert!(selective.accuracy > 0.99 && fixed.accuracy < 0.7);
    }
}
