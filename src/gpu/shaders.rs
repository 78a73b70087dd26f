//! The WGSL sources, one stage per file under `shaders/`, and how they are put together:
//! every module is `common.wgsl`, then for the scan stages a monoid, then the stage itself.

use std::borrow::Cow;

const COMMON: &str = include_str!("shaders/common.wgsl");
const MONOID_PAIR: &str = include_str!("shaders/monoid_pair.wgsl");
const MONOID_SUM: &str = include_str!("shaders/monoid_sum.wgsl");
const SCAN_BLOCKS: &str = include_str!("shaders/scan_blocks.wgsl");
const ADD_CARRIES: &str = include_str!("shaders/add_carries.wgsl");
const DISCRETIZE: &str = include_str!("shaders/discretize.wgsl");
const OUTPUT: &str = include_str!("shaders/output.wgsl");

/// The monoid a block scan combines with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ShaderMonoid {
    /// Pairs (a, b) of the selective scan: `shaders/monoid_pair.wgsl`.
    Pair,
    /// f32 addition, for the plain prefix sum: `shaders/monoid_sum.wgsl`.
    Sum,
}

impl ShaderMonoid {
    fn source(self) -> &'static str {
        match self {
            ShaderMonoid::Pair => MONOID_PAIR,
            ShaderMonoid::Sum => MONOID_SUM,
        }
    }

    /// Bytes per element: `vec2<f32>` or `f32`.
    pub(crate) fn element_size(self) -> u64 {
        match self {
            ShaderMonoid::Pair => 8,
            ShaderMonoid::Sum => 4,
        }
    }
}

/// One compute stage; each is a `main` entry point in its own module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Blelloch scan of each block in workgroup memory, block totals to the next level.
    ScanBlocks(ShaderMonoid),
    /// Combine each block with the scanned totals of the blocks before it.
    AddCarries(ShaderMonoid),
    /// The selective scan's elements (exp(ΔA), B̄u) from u, Δ, A, B.
    Discretize,
    /// y = Σₙ C·h + D·u, the SiLU(z) gate, and the last state.
    Output,
}

impl Stage {
    /// Every stage the kernels build.
    pub(crate) const ALL: [Stage; 6] = [
        Stage::ScanBlocks(ShaderMonoid::Pair),
        Stage::AddCarries(ShaderMonoid::Pair),
        Stage::ScanBlocks(ShaderMonoid::Sum),
        Stage::AddCarries(ShaderMonoid::Sum),
        Stage::Discretize,
        Stage::Output,
    ];

    /// A name for labels and messages, e.g. `scan_blocks(pair)`.
    pub(crate) fn name(self) -> Cow<'static, str> {
        match self {
            Stage::ScanBlocks(m) => format!("scan_blocks({})", monoid_name(m)).into(),
            Stage::AddCarries(m) => format!("add_carries({})", monoid_name(m)).into(),
            Stage::Discretize => "discretize".into(),
            Stage::Output => "output".into(),
        }
    }

    /// The complete WGSL module of this stage.
    pub(crate) fn source(self) -> String {
        match self {
            Stage::ScanBlocks(m) => [COMMON, m.source(), SCAN_BLOCKS].join("\n"),
            Stage::AddCarries(m) => [COMMON, m.source(), ADD_CARRIES].join("\n"),
            Stage::Discretize => [COMMON, DISCRETIZE].join("\n"),
            Stage::Output => [COMMON, OUTPUT].join("\n"),
        }
    }
}

fn monoid_name(m: ShaderMonoid) -> &'static str {
    match m {
        ShaderMonoid::Pair => "pair",
        ShaderMonoid::Sum => "sum",
    }
}

/// Every WGSL module the kernels compile, as (name, complete source): for validation in tests
/// and for a page that wants to show the code.
pub fn modules() -> Vec<(String, String)> {
    Stage::ALL.iter().map(|s| (s.name().into_owned(), s.source())).collect()
}
