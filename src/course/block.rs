//! The state of the block lesson (`#/block`) as kept in the address: the input text, the seeded
//! model (seed, state size, one or two blocks), which box of the diagram is open, and the hybrid
//! stack's share of attention layers.

use crate::route::{Query, UrlState};
use crate::ssm::block::{BlockTrace, LayerKind};
use crate::ssm::{MixerDims, MixerInit};
use nalgebra::DMatrix;

/// Width of the residual stream of the lesson's toy model.
pub const D_MODEL: usize = 8;
/// The most characters of input text (tokens) the lesson runs.
pub const MAX_TOKENS: usize = 24;
/// Layers in one group of the hybrid stack (Jamba's groups have 8 layers).
pub const GROUP: usize = 8;
/// Groups in the hybrid stack.
pub const GROUPS: usize = 4;
/// The Mamba layer of the hybrid stack: d_model 1024, d_inner 2048, N 16, d_conv 4.
pub const HYBRID_MAMBA: MixerDims =
    MixerDims { d_model: 1024, d_inner: 2048, d_state: 16, d_conv: 4, dt_rank: 64 };
/// The attention layer of the hybrid stack: one head as wide as the stream.
pub const HYBRID_D_HEAD: usize = 1024;

/// A box of the block diagram, in the order the data flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The block's input x (the residual stream).
    Input,
    /// RMSNorm.
    Norm,
    /// in_proj: x and z.
    InProj,
    /// The causal depthwise convolution.
    Conv,
    /// SiLU on the x branch.
    Silu,
    /// The selective SSM.
    Ssm,
    /// SiLU(z), the gate branch.
    Gate,
    /// y ⊙ SiLU(z).
    Multiply,
    /// out_proj.
    OutProj,
    /// x + mixer(RMSNorm(x)).
    Residual,
}

impl Part {
    /// Every box, in the order the data flows.
    pub const ALL: [Part; 10] = [
        Part::Input,
        Part::Norm,
        Part::InProj,
        Part::Conv,
        Part::Silu,
        Part::Ssm,
        Part::Gate,
        Part::Multiply,
        Part::OutProj,
        Part::Residual,
    ];

    /// The name in the address and in the catalogue keys (`block.part_<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Part::Input => "input",
            Part::Norm => "norm",
            Part::InProj => "in_proj",
            Part::Conv => "conv",
            Part::Silu => "silu",
            Part::Ssm => "ssm",
            Part::Gate => "gate",
            Part::Multiply => "mul",
            Part::OutProj => "out_proj",
            Part::Residual => "residual",
        }
    }

    /// The weights (state-dict names of the mixer, or `norm.weight`) that belong to this box.
    pub fn weights(self) -> &'static [&'static str] {
        match self {
            Part::Norm => &["norm.weight"],
            Part::InProj => &["in_proj.weight"],
            Part::Conv => &["conv1d.weight", "conv1d.bias"],
            Part::Ssm => &["x_proj.weight", "dt_proj.weight", "dt_proj.bias", "A_log", "D"],
            Part::OutProj => &["out_proj.weight"],
            Part::Input | Part::Silu | Part::Gate | Part::Multiply | Part::Residual => &[],
        }
    }
}

impl Part {
    /// The parameters of this box in a block of sizes `dims` (RMSNorm has d_model).
    pub fn parameters(self, dims: MixerDims) -> usize {
        let mixer = dims.parameters();
        self.weights()
            .iter()
            .map(|&w| match w {
                "norm.weight" => dims.d_model,
                _ => mixer.iter().find(|(name, _)| *name == w).map_or(0, |(_, n)| *n),
            })
            .sum()
    }

    /// The shape of each weight of this box, by name.
    pub fn weight_shapes(self, dims: MixerDims) -> Vec<(&'static str, Vec<usize>)> {
        let shapes = dims.shapes();
        self.weights()
            .iter()
            .map(|&w| match w {
                "norm.weight" => (w, vec![dims.d_model]),
                _ => shapes.iter().find(|(name, _)| *name == w).cloned().unwrap_or((w, vec![])),
            })
            .collect()
    }
}

/// What a heat map's rows or columns count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Tokens, L of them.
    Token,
    /// Features of the residual stream, d_model.
    Feature,
    /// Inner channels, d_inner.
    Channel,
    /// Inner channels of x then z, 2·d_inner.
    XzChannel,
    /// State indices, N.
    StateIndex,
}

impl Axis {
    /// The size's name in the formulas (the same in every language).
    pub fn symbol(self) -> &'static str {
        match self {
            Axis::Token => "L",
            Axis::Feature => "d_model",
            Axis::Channel => "d_inner",
            Axis::XzChannel => "2·d_inner",
            Axis::StateIndex => "N",
        }
    }

    /// The catalogue key suffix (`block.axis_<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Axis::Token => "token",
            Axis::Feature => "feature",
            Axis::Channel => "channel",
            Axis::XzChannel => "xz",
            Axis::StateIndex => "state",
        }
    }
}

/// The tensor a box shows, arranged rows × columns for a heat map.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The values, (rows, columns).
    pub values: DMatrix<f64>,
    /// What the rows count.
    pub rows: Axis,
    /// What the columns count.
    pub cols: Axis,
    /// Whether the values have both signs (a diverging colour scale); Δ is positive.
    pub signed: bool,
    /// Rows before which a separator is drawn (x | z).
    pub separators: Vec<usize>,
}

/// The tensor that leaves `part` of the block traced in `trace` (whose input was `input`, one
/// token per row), as (channels, tokens).
pub fn shown(trace: &BlockTrace, input: &DMatrix<f64>, part: Part, view: SsmView) -> Shown {
    let m = &trace.mixer;
    let by_token = |values: DMatrix<f64>, rows| Shown {
        values,
        rows,
        cols: Axis::Token,
        signed: true,
        separators: Vec::new(),
    };
    match part {
        Part::Input => by_token(input.transpose(), Axis::Feature),
        Part::Norm => by_token(trace.normed.transpose(), Axis::Feature),
        Part::InProj => Shown {
            separators: vec![m.x.nrows()],
            ..by_token(
                DMatrix::from_fn(2 * m.x.nrows(), m.x.ncols(), |r, c| {
                    if r < m.x.nrows() { m.x[(r, c)] } else { m.z[(r - m.x.nrows(), c)] }
                }),
                Axis::XzChannel,
            )
        },
        Part::Conv => by_token(m.conv.clone(), Axis::Channel),
        Part::Silu => by_token(m.x_act.clone(), Axis::Channel),
        Part::Ssm => match view {
            SsmView::Y => by_token(m.y.clone(), Axis::Channel),
            SsmView::Delta => Shown { signed: false, ..by_token(m.delta.clone(), Axis::Channel) },
            SsmView::B => by_token(m.b.clone(), Axis::StateIndex),
            SsmView::C => by_token(m.c.clone(), Axis::StateIndex),
            SsmView::State => {
                Shown { cols: Axis::StateIndex, ..by_token(m.last_state.clone(), Axis::Channel) }
            }
        },
        Part::Gate => by_token(m.gate(), Axis::Channel),
        Part::Multiply => by_token(m.y_gated.clone(), Axis::Channel),
        Part::OutProj => by_token(m.output.transpose(), Axis::Feature),
        Part::Residual => by_token(trace.output.transpose(), Axis::Feature),
    }
}

/// For each block of a stack run on `input`: the largest change it made to the stream,
/// max |output − input|, and the largest value of the stream entering it, max |input|.
pub fn stream_changes(input: &DMatrix<f64>, traces: &[BlockTrace]) -> Vec<(f64, f64)> {
    let mut entering = input;
    traces
        .iter()
        .map(|t| {
            let change = (&t.output - entering).amax();
            let size = entering.amax();
            entering = &t.output;
            (change, size)
        })
        .collect()
}

/// Which tensor of the SSM box is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SsmView {
    /// Its output y (with the skip D·u), (d_inner, L).
    Y,
    /// The step sizes Δ, (d_inner, L).
    Delta,
    /// B, (N, L).
    B,
    /// C, (N, L).
    C,
    /// The state after the last token, (d_inner, N).
    State,
}

impl SsmView {
    /// Every view, in menu order.
    pub const ALL: [SsmView; 5] =
        [SsmView::Y, SsmView::Delta, SsmView::B, SsmView::C, SsmView::State];

    /// The name in the address and in the catalogue keys (`block.ssm_<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            SsmView::Y => "y",
            SsmView::Delta => "delta",
            SsmView::B => "b",
            SsmView::C => "c",
            SsmView::State => "state",
        }
    }
}

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockLesson {
    /// The input text; each character is a token (at most [`MAX_TOKENS`]).
    pub text: String,
    /// The seed of the weights and the embedding.
    pub seed: u64,
    /// State size N per channel.
    pub d_state: usize,
    /// Whether two blocks are stacked (else one).
    pub two: bool,
    /// The block whose diagram is open (0 or 1).
    pub block: usize,
    /// The open box.
    pub part: Part,
    /// The tensor shown for the SSM box.
    pub view: SsmView,
    /// The highlighted token.
    pub token: usize,
    /// Attention layers in every group of [`GROUP`] layers of the hybrid stack (0 to 8).
    pub attention: usize,
}

impl Default for BlockLesson {
    fn default() -> Self {
        BlockLesson {
            text: "mamba block".to_owned(),
            seed: 1,
            d_state: 8,
            two: false,
            block: 0,
            part: Part::Ssm,
            view: SsmView::Y,
            token: 0,
            attention: 1,
        }
    }
}

impl UrlState for BlockLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("text", &self.text)
            .with("seed", self.seed)
            .with("n", self.d_state)
            .with("two", u8::from(self.two))
            .with("b", self.block)
            .with("part", self.part.slug())
            .with("view", self.view.slug())
            .with("t", self.token)
            .with("attn", self.attention)
    }

    fn from_query(q: &Query) -> Self {
        let d = BlockLesson::default();
        let text = q.get("text").map_or(d.text.clone(), |t| t.chars().take(MAX_TOKENS).collect());
        let text = if text.is_empty() { d.text.clone() } else { text };
        let slugs = |all: &[&'static str]| all.to_vec();
        let part_slugs = slugs(&Part::ALL.map(Part::slug));
        let part = q.choice("part", &part_slugs, d.part.slug());
        let view_slugs = slugs(&SsmView::ALL.map(SsmView::slug));
        let view = q.choice("view", &view_slugs, d.view.slug());
        let two = q.flag("two", d.two);
        let len = text.chars().count();
        BlockLesson {
            seed: q.usize_in("seed", d.seed as usize, 1, 99) as u64,
            d_state: q.usize_in("n", d.d_state, 1, 16),
            block: if two { q.usize_in("b", 0, 0, 1) } else { 0 },
            two,
            part: Part::ALL.into_iter().find(|p| p.slug() == part).unwrap_or(d.part),
            view: SsmView::ALL.into_iter().find(|v| v.slug() == view).unwrap_or(d.view),
            token: q.usize_in("t", 0, 0, len - 1),
            attention: q.usize_in("attn", d.attention, 0, GROUP),
            text,
        }
    }
}

impl BlockLesson {
    /// The tokens: the text's characters.
    pub fn tokens(&self) -> Vec<char> {
        self.text.chars().take(MAX_TOKENS).collect()
    }

    /// The toy model's hyperparameters: d_model 8, N from the state, the official rest.
    pub fn init(&self) -> MixerInit {
        MixerInit { d_state: self.d_state, ..MixerInit::new(D_MODEL) }
    }

    /// How many blocks are stacked.
    pub fn layers(&self) -> usize {
        if self.two { 2 } else { 1 }
    }

    /// This state with new text: the highlighted token stays inside it.
    pub fn with_text(&self, text: &str) -> BlockLesson {
        let text: String = text.chars().take(MAX_TOKENS).collect();
        let len = text.chars().count().max(1);
        BlockLesson { token: self.token.min(len - 1), text, ..self.clone() }
    }

    /// The hybrid stack: in every group of [`GROUP`] layers, `attention` attention layers spread
    /// evenly (one of eight sits in the middle, as in Jamba's blocks), the rest Mamba.
    pub fn hybrid_pattern(attention: usize) -> Vec<LayerKind> {
        let a = attention.min(GROUP);
        let group: Vec<LayerKind> = (0..GROUP)
            .map(|i| {
                // Layer i is attention when the running count i·a/GROUP, offset so that one of
                // eight lands at index 4 (Jamba's attention offset), passes a whole number there.
                let offset = GROUP / 2 - 1;
                let before = (i * a + offset) / GROUP;
                let after = ((i + 1) * a + offset) / GROUP;
                if after > before { LayerKind::Attention } else { LayerKind::Mamba }
            })
            .collect();
        group.repeat(GROUPS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let s = BlockLesson {
            text: "상태 & space".to_owned(),
            seed: 7,
            d_state: 4,
            two: true,
            block: 1,
            part: Part::Conv,
            view: SsmView::Delta,
            token: 3,
            attention: 2,
        };
        assert_eq!(BlockLesson::from_query(&s.to_query()), s);
        for p in Part::ALL {
            let s = BlockLesson { part: p, ..BlockLesson::default() };
            assert_eq!(BlockLesson::from_query(&s.to_query()).part, p);
        }
    }

    #[test]
    fn garbage_gives_defaults_or_is_clamped() {
        let q = Query::from_hash(
            "#/block?text=&seed=x&n=99&two=maybe&b=1&part=nope&view=?&t=500&attn=30",
        );
        let s = BlockLesson::from_query(&q);
        let d = BlockLesson::default();
        assert_eq!((s.text.as_str(), s.seed, s.d_state, s.two), (d.text.as_str(), 1, 16, false));
        assert_eq!((s.block, s.part, s.view), (0, d.part, d.view));
        assert_eq!(s.token, d.text.chars().count() - 1);
        assert_eq!(s.attention, GROUP);
        let long = BlockLesson::default().with_text(&"a".repeat(100));
        assert_eq!(long.tokens().len(), MAX_TOKENS);
        let short = BlockLesson { token: 9, ..BlockLesson::default() }.with_text("ab");
        assert_eq!(short.token, 1);
    }

    #[test]
    fn hybrid_patterns_spread_attention_evenly() {
        let count = |a| {
            BlockLesson::hybrid_pattern(a).iter().filter(|&&k| k == LayerKind::Attention).count()
        };
        for a in 0..=GROUP {
            assert_eq!(count(a), a * GROUPS, "{a} of {GROUP}");
        }
        let one = BlockLesson::hybrid_pattern(1);
        assert_eq!(one.len(), GROUP * GROUPS);
        assert_eq!(one.iter().position(|&k| k == LayerKind::Attention), Some(4));
        let half = BlockLesson::hybrid_pattern(4);
        assert_ne!(half[0], half[1], "4 of 8 alternate");
    }

    #[test]
    fn every_box_shows_its_tensor_with_the_right_shape() {
        let s = BlockLesson { text: "aaaaaaab".to_owned(), ..BlockLesson::default() };
        let x = crate::ssm::block::embed_chars(&s.tokens(), D_MODEL, s.seed).unwrap();
        let blocks = crate::ssm::block::seeded_stack(s.init(), 1, s.seed).unwrap();
        let trace = blocks[0].trace(&x).unwrap();
        let dims = blocks[0].mixer.dims();
        let len = x.nrows();
        for part in Part::ALL {
            for view in SsmView::ALL {
                let t = shown(&trace, &x, part, view);
                let size = |a: Axis| match a {
                    Axis::Token => len,
                    Axis::Feature => D_MODEL,
                    Axis::Channel => dims.d_inner,
                    Axis::XzChannel => 2 * dims.d_inner,
                    Axis::StateIndex => dims.d_state,
                };
                assert_eq!(t.values.shape(), (size(t.rows), size(t.cols)), "{part:?} {view:?}");
                assert!(t.values.iter().all(|v| v.is_finite()));
                assert_eq!(t.signed, !(part == Part::Ssm && view == SsmView::Delta));
            }
        }
        let xz = shown(&trace, &x, Part::InProj, SsmView::Y);
        assert_eq!(xz.separators, vec![dims.d_inner]);
        assert_eq!(xz.values.rows(dims.d_inner, dims.d_inner), trace.mixer.z);
        // The convolution sees only the last d_conv = 4 tokens: after four equal characters its
        // columns repeat, while the SSM, whose memory is longer, keeps changing.
        let conv = shown(&trace, &x, Part::Conv, SsmView::Y).values;
        assert!((conv.column(3) - conv.column(6)).amax() < 1e-12);
        assert!((conv.column(2) - conv.column(3)).amax() > 1e-6);
        let y = shown(&trace, &x, Part::Ssm, SsmView::Y).values;
        assert!((y.column(3) - y.column(6)).amax() > 1e-6);
        // The residual box is the input plus the mixer's output.
        let res = shown(&trace, &x, Part::Residual, SsmView::Y).values;
        let out = shown(&trace, &x, Part::OutProj, SsmView::Y).values;
        assert!((res - out - x.transpose()).amax() < 1e-12);
    }

    #[test]
    fn stream_changes_are_what_each_block_adds() {
        let s = BlockLesson { two: true, ..BlockLesson::default() };
        let x = crate::ssm::block::embed_chars(&s.tokens(), D_MODEL, s.seed).unwrap();
        let blocks = crate::ssm::block::seeded_stack(s.init(), 2, s.seed).unwrap();
        let traces = crate::ssm::block::trace_stack(&blocks, &x).unwrap();
        let changes = stream_changes(&x, &traces);
        assert_eq!(changes.len(), 2);
        // (x + out) − x is out up to rounding.
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| (a - c).abs() < 1e-12 && b == d;
        assert!(close(changes[0], (traces[0].mixer.output.amax(), x.amax())));
        assert!(close(changes[1], (traces[1].mixer.output.amax(), traces[0].output.amax())));
        assert!(changes.iter().all(|&(c, m)| c > 0.0 && c < m));
    }

    #[test]
    fn box_parameters_add_up_to_the_block() {
        let dims = MixerDims { d_model: 768, d_inner: 1536, d_state: 16, d_conv: 4, dt_rank: 48 };
        let total: usize = Part::ALL.iter().map(|p| p.parameters(dims)).sum();
        assert_eq!(total, dims.parameter_count() + 768);
        assert_eq!(Part::InProj.parameters(dims), 2 * 1536 * 768);
        assert_eq!(Part::Ssm.parameters(dims), 80 * 1536 + 1536 * 48 + 1536 + 1536 * 16 + 1536);
        assert_eq!(
            Part::Conv.weight_shapes(dims),
            vec![("conv1d.weight", vec![1536, 1, 4]), ("conv1d.bias", vec![1536])]
        );
        assert_eq!(Part::Silu.parameters(dims), 0);
    }

    #[test]
    fn every_box_and_view_has_its_texts() {
        use crate::i18n::{Lang, lookup};
        let mut keys: Vec<String> = Part::ALL
            .iter()
            .flat_map(|p| [format!("block.part_{}", p.slug()), format!("block.desc_{}", p.slug())])
            .collect();
        keys.extend(SsmView::ALL.iter().map(|v| format!("block.ssm_{}", v.slug())));
        for a in [Axis::Token, Axis::Feature, Axis::Channel, Axis::XzChannel, Axis::StateIndex] {
            keys.push(format!("block.axis_{}", a.slug()));
        }
        for key in keys {
            for lang in Lang::ALL {
                assert!(lookup(lang, &key).is_some(), "{} lacks {key}", lang.code());
            }
        }
    }

    #[test]
    fn every_weight_belongs_to_one_box() {
        let mut names: Vec<&str> =
            Part::ALL.iter().flat_map(|p| p.weights().iter().copied()).collect();
        names.sort_unstable();
        let mut want: Vec<&str> = crate::ssm::MixerWeights::NAMES.to_vec();
        want.push("norm.weight");
        want.sort_unstable();
        assert_eq!(names, want);
    }
}
