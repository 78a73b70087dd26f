//! The state of the lesson `#/train` as kept in the address: the task, its sizes, the model's
//! size, the learning rate, the seed and the gate, each bounded; a value past its bounds is
//! clamped and named in [`TrainLesson::out_of_bounds`] so the page can say so.

use crate::format::in_address;
use crate::lm::{LayerKind, LmConfig, Task, TaskKind};
use crate::url::{Named, Query, UrlState};

/// Context length (noisy tokens before the markers).
pub const CONTEXT: (usize, usize) = (8, 128);
/// Tokens to memorize.
pub const MEMORIZE: (usize, usize) = (1, 8);
/// Model width d_model (d_inner = 2·d_model).
pub const D_MODEL: (usize, usize) = (4, 48);
/// Layers.
pub const LAYERS: (usize, usize) = (1, 3);
/// States per channel N.
pub const STATE: (usize, usize) = (2, 32);
/// AdamW learning rate.
pub const LR: (f64, f64) = (1e-4, 3e-2);
/// Seed of the weights and the training data.
pub const SEED: (usize, usize) = (0, 9999);
/// Sequences per optimizer step (fixed: the shipped checkpoints were trained with it).
pub const BATCH: usize = 32;
/// Colours of selective copying (chance 1 in 8) and ordinary tokens of induction heads.
pub const COLORS: (usize, usize) = (8, 16);

/// Which task, by its name in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum TaskChoice {
    /// Selective copying (Mamba paper §3.1).
    SelectiveCopying,
    /// Induction heads (Mamba paper §4.1.2).
    InductionHeads,
}

impl TaskChoice {
    /// Both, in menu order.
    pub const ALL: [TaskChoice; 2] = [TaskChoice::SelectiveCopying, TaskChoice::InductionHeads];
}

/// Everything the lesson's settings hold, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainLesson {
    /// The task.
    pub task: TaskChoice,
    /// Context length.
    pub context: usize,
    /// Tokens to memorize (selective copying).
    pub memorize: usize,
    /// d_model.
    pub d_model: usize,
    /// Layers.
    pub layers: usize,
    /// States per channel N.
    pub state: usize,
    /// Learning rate.
    pub lr: f64,
    /// Seed.
    pub seed: usize,
    /// Whether the block has Mamba's gate SiLU(z).
    pub gate: bool,
    /// The settings of the address that were past their bounds: (key, value given, min, max).
    pub out_of_bounds: Vec<(&'static str, String, String, String)>,
}

impl Default for TrainLesson {
    /// The defaults of `mamba-explainer train`, which the shipped checkpoints were made with.
    fn default() -> Self {
        TrainLesson {
            task: TaskChoice::SelectiveCopying,
            context: 64,
            memorize: 4,
            d_model: 32,
            layers: 2,
            state: 16,
            lr: 3e-3,
            seed: 0,
            gate: true,
            out_of_bounds: Vec::new(),
        }
    }
}

impl TrainLesson {
    /// The task setting.
    pub fn task(&self) -> Task {
        match self.task {
            TaskChoice::SelectiveCopying => Task {
                kind: TaskKind::SelectiveCopying,
                context: self.context,
                memorize: self.memorize.min(self.context),
                colors: COLORS.0,
            },
            TaskChoice::InductionHeads => Task {
                kind: TaskKind::InductionHeads,
                context: self.context,
                memorize: 1,
                colors: COLORS.1,
            },
        }
    }

    /// The model of `kind` at these sizes, as `mamba-explainer train` builds it.
    pub fn config(&self, kind: LayerKind) -> LmConfig {
        LmConfig {
            vocab: self.task().vocab(),
            d_model: self.d_model,
            layers: self.layers,
            d_inner: 2 * self.d_model,
            d_state: self.state,
            d_conv: 4,
            dt_rank: self.d_model.div_ceil(16).max(1),
            kind,
            gate: self.gate,
            tied: true,
        }
    }

    /// Whether these are the settings the shipped checkpoints were trained with.
    pub fn is_default(&self) -> bool {
        let d = TrainLesson::default();
        TrainLesson { out_of_bounds: Vec::new(), ..self.clone() } == d
    }

    /// The same settings with nothing reported past its bounds.
    pub fn settings_only(&self) -> TrainLesson {
        TrainLesson { out_of_bounds: Vec::new(), ..self.clone() }
    }
}

impl UrlState for TrainLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("task", self.task.name())
            .with("ctx", self.context)
            .with("mem", self.memorize)
            .with("d", self.d_model)
            .with("layers", self.layers)
            .with("n", self.state)
            .with("lr", in_address(self.lr))
            .with("seed", self.seed)
            .with("gate", if self.gate { 1 } else { 0 })
    }

    fn from_query(q: &Query) -> Self {
        let d = TrainLesson::default();
        let mut out = Vec::new();
        let mut whole = |key: &'static str, default: usize, (lo, hi): (usize, usize)| {
            let v = q.usize_in(key, default, lo, hi);
            if let Some(raw) = q.get(key).filter(|r| r.parse::<usize>() != Ok(v)) {
                out.push((key, raw.to_owned(), lo.to_string(), hi.to_string()));
            }
            v
        };
        let context = whole("ctx", d.context, CONTEXT);
        let memorize = whole("mem", d.memorize, MEMORIZE);
        let d_model = whole("d", d.d_model, D_MODEL);
        let layers = whole("layers", d.layers, LAYERS);
        let state = whole("n", d.state, STATE);
        let seed = whole("seed", d.seed, SEED);
        let lr = q.f64_in("lr", d.lr, LR.0, LR.1);
        if let Some(raw) = q.get("lr").filter(|r| r.parse::<f64>() != Ok(lr)) {
            out.push(("lr", raw.to_owned(), in_address(LR.0), in_address(LR.1)));
        }
        TrainLesson {
            task: q.named("task", d.task),
            context,
            memorize: memorize.min(context),
            d_model,
            layers,
            state,
            lr,
            seed,
            gate: q.flag("gate", d.gate),
            out_of_bounds: out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_address() {
        let s = TrainLesson {
            task: TaskChoice::InductionHeads,
            context: 20,
            memorize: 2,
            d_model: 8,
            layers: 1,
            state: 4,
            lr: 0.01,
            seed: 7,
            gate: false,
            out_of_bounds: Vec::new(),
        };
        assert_eq!(TrainLesson::from_query(&s.to_query()), s);
        let d = TrainLesson::default();
        assert_eq!(TrainLesson::from_query(&Query::default()), d);
        assert!(d.is_default() && !s.is_default());
    }

    #[test]
    fn values_past_their_bounds_are_clamped_and_named() {
        let s = TrainLesson::from_query(&Query::from_hash("#/train?ctx=5000&d=x&lr=2&seed=3"));
        assert_eq!(s.context, CONTEXT.1);
        assert_eq!(s.d_model, TrainLesson::default().d_model);
        assert_eq!(s.lr, LR.1);
        assert_eq!(s.seed, 3);
        let keys: Vec<&str> = s.out_of_bounds.iter().map(|o| o.0).collect();
        assert_eq!(keys, ["ctx", "d", "lr"]);
        assert_eq!(s.out_of_bounds[0].1, "5000");
    }

    #[test]
    fn the_default_models_are_the_command_lines_defaults() {
        let s = TrainLesson::default();
        let c = s.config(LayerKind::S6);
        assert_eq!((c.vocab, c.d_model, c.layers, c.d_inner, c.d_state), (10, 32, 2, 64, 16));
        assert_eq!(s.task().seq_len(), 68);
        assert!(c.check().is_ok() && s.config(LayerKind::S4).check().is_ok());
    }
}
