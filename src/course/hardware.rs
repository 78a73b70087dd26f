//! The state of lesson 11 (`#/hardware`), as kept in the address: the problem's sizes, the
//! bytes per value, and the GPU whose published specifications the model uses.

use crate::explain::hardware::{IoProblem, PUBLISHED_GPUS};
use crate::route::{Query, UrlState};

/// The range of the batch size B.
pub const BATCH: (u64, u64) = (1, 64);
/// The range of the channel count D.
pub const D_RANGE: (u64, u64) = (64, 8192);
/// The range of the state size N.
pub const N_RANGE: (u64, u64) = (1, 64);
/// The sequence length L = 2ᵏ: the range of k.
pub const L_K: (u32, u32) = (8, 20);

/// Everything the hardware lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct HardwareLesson {
    /// Batch size B.
    pub batch: u64,
    /// Channels D.
    pub d: u64,
    /// State size N.
    pub n: u64,
    /// L = 2^l_k.
    pub l_k: u32,
    /// Bytes per value in HBM: 2 (bf16) or 4 (f32).
    pub elem_bytes: u64,
    /// Index into [`PUBLISHED_GPUS`].
    pub gpu: usize,
}

impl Default for HardwareLesson {
    fn default() -> Self {
        // The sizes of a Mamba-1.4B layer (d_inner = 4096, N = 16) on 2K tokens, in bf16.
        HardwareLesson { batch: 1, d: 4096, n: 16, l_k: 11, elem_bytes: 2, gpu: 1 }
    }
}

impl HardwareLesson {
    /// The sequence length L.
    pub fn length(&self) -> u64 {
        1 << self.l_k
    }

    /// The problem the traffic model takes.
    pub fn problem(&self) -> IoProblem {
        IoProblem {
            batch: self.batch,
            d: self.d,
            n: self.n,
            l: self.length(),
            elem_bytes: self.elem_bytes,
        }
    }
}

impl UrlState for HardwareLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("b", self.batch)
            .with("d", self.d)
            .with("n", self.n)
            .with("l", self.l_k)
            .with("bytes", self.elem_bytes)
            .with("gpu", self.gpu)
    }

    fn from_query(q: &Query) -> Self {
        let d = HardwareLesson::default();
        let whole = |key: &str, default: u64, (lo, hi): (u64, u64)| {
            q.usize_in(key, default as usize, lo as usize, hi as usize) as u64
        };
        HardwareLesson {
            batch: whole("b", d.batch, BATCH),
            d: whole("d", d.d, D_RANGE),
            n: whole("n", d.n, N_RANGE),
            l_k: whole("l", u64::from(d.l_k), (u64::from(L_K.0), u64::from(L_K.1))) as u32,
            elem_bytes: if q.choice("bytes", &["2", "4"], "2") == "4" { 4 } else { 2 },
            gpu: q.usize_in("gpu", d.gpu, 0, PUBLISHED_GPUS.len() - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_and_garbage_is_tamed() {
        let s = HardwareLesson { batch: 8, d: 1536, n: 32, l_k: 16, elem_bytes: 4, gpu: 3 };
        assert_eq!(HardwareLesson::from_query(&s.to_query()), s);
        let q = Query::from_hash("#/hardware?b=0&d=999999&n=x&l=99&bytes=3&gpu=77");
        let g = HardwareLesson::from_query(&q);
        assert_eq!((g.batch, g.d, g.n, g.l_k, g.elem_bytes), (1, 8192, 16, 20, 2));
        assert_eq!(g.gpu, PUBLISHED_GPUS.len() - 1);
        assert_eq!(s.problem().l, 1 << 16);
    }
}
