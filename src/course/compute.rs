//! The app-wide choice of where the lessons' own computations run: on the CPU (wasm) or on the
//! GPU (WebGPU). The learner picks [`ComputePreference::Auto`], `Cpu` or `Gpu` on the bench page
//! (`#/scan/bench`); the bench stores the [`Crossover`] it measured on this device; [`choose`]
//! turns both into an [`Engine`] for a problem of a given length. Pure data and rules, natively
//! tested; the browser side (local storage, running on the GPU) is `ui::compute`.
//!
//! Auto uses the GPU only where this device's own measurement showed it faster: never without
//! a measurement, never without WebGPU, never below the measured crossover length.

/// Where the learner wants computations to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum ComputePreference {
    /// The CPU below the measured crossover length, the GPU from it on (CPU if unmeasured).
    #[default]
    Auto,
    /// Always the CPU.
    Cpu,
    /// The GPU whenever WebGPU works.
    Gpu,
}

impl ComputePreference {
    /// Every preference, in the order the picker lists them.
    pub const ALL: [ComputePreference; 3] =
        [ComputePreference::Auto, ComputePreference::Cpu, ComputePreference::Gpu];
}

/// Where a computation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The CPU, in WebAssembly, in f64.
    Cpu,
    /// The GPU through WebGPU, in f32.
    Gpu,
}

/// What the bench measured on this device: from which length on the GPU was faster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossover {
    /// The shortest measured length from which the GPU was faster at every longer measured
    /// length; `None` if the CPU was faster at the longest one.
    pub at: Option<usize>,
    /// The longest length measured.
    pub measured_up_to: usize,
    /// The adapter measured.
    pub adapter: String,
}

impl Crossover {
    /// The text kept in local storage: `at;up_to;adapter` (`-` for no crossover).
    pub fn to_storage(&self) -> String {
        let at = self.at.map_or_else(|| "-".to_owned(), |n| n.to_string());
        format!("{at};{};{}", self.measured_up_to, self.adapter)
    }

    /// Reads [`Crossover::to_storage`]'s text back; `None` if it is malformed.
    pub fn from_storage(text: &str) -> Option<Crossover> {
        let mut parts = text.splitn(3, ';');
        let at = match parts.next()? {
            "-" => None,
            n => Some(n.parse().ok()?),
        };
        let measured_up_to = parts.next()?.parse().ok()?;
        let adapter = parts.next()?.to_owned();
        Some(Crossover { at, measured_up_to, adapter })
    }
}

/// One length the bench measured: the CPU's time and, if the GPU ran, its total time
/// (upload + compute + read back).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// The sequence length L.
    pub len: usize,
    /// CPU milliseconds.
    pub cpu_ms: f64,
    /// GPU milliseconds in total, if the GPU ran at this length.
    pub gpu_ms: Option<f64>,
}

/// The crossover of a bench run: the shortest length L such that the GPU was faster at L and at
/// every longer measured length. `None` if the GPU ran at no length.
pub fn crossover(timings: &[Timing], adapter: &str) -> Option<Crossover> {
    let mut measured: Vec<(usize, f64, f64)> =
        timings.iter().filter_map(|t| Some((t.len, t.cpu_ms, t.gpu_ms?))).collect();
    measured.sort_by_key(|m| m.0);
    let measured_up_to = measured.last()?.0;
    let mut at = None;
    for &(len, cpu, gpu) in measured.iter().rev() {
        if gpu < cpu {
            at = Some(len);
        } else {
            break;
        }
    }
    Some(Crossover { at, measured_up_to, adapter: adapter.to_owned() })
}

/// Why [`choose`] chose its engine (the page says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The learner forced this engine.
    Forced,
    /// The GPU was forced but this browser has no WebGPU.
    NoWebGpu,
    /// Auto, and the bench has not measured this device yet.
    NotMeasured,
    /// Auto, and the GPU was never faster up to the longest measured length.
    GpuNeverFaster {
        /// The longest measured length.
        up_to: usize,
    },
    /// Auto, and the length is below the measured crossover.
    BelowCrossover {
        /// The crossover length.
        at: usize,
    },
    /// Auto, and the length is at or above the measured crossover.
    AboveCrossover {
        /// The crossover length.
        at: usize,
    },
}

/// The engine for a problem of length `len`, and why.
pub fn choose(
    preference: ComputePreference,
    len: usize,
    crossover: Option<&Crossover>,
    webgpu: bool,
) -> (Engine, Reason) {
    match preference {
        ComputePreference::Cpu => (Engine::Cpu, Reason::Forced),
        ComputePreference::Gpu if webgpu => (Engine::Gpu, Reason::Forced),
        ComputePreference::Gpu => (Engine::Cpu, Reason::NoWebGpu),
        ComputePreference::Auto => match crossover {
            _ if !webgpu => (Engine::Cpu, Reason::NoWebGpu),
            None => (Engine::Cpu, Reason::NotMeasured),
            Some(Crossover { at: None, measured_up_to, .. }) => {
                (Engine::Cpu, Reason::GpuNeverFaster { up_to: *measured_up_to })
            }
            Some(Crossover { at: Some(at), .. }) if len < *at => {
                (Engine::Cpu, Reason::BelowCrossover { at: *at })
            }
            Some(Crossover { at: Some(at), .. }) => {
                (Engine::Gpu, Reason::AboveCrossover { at: *at })
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::Named;

    fn timing(len: usize, cpu_ms: f64, gpu_ms: f64) -> Timing {
        Timing { len, cpu_ms, gpu_ms: Some(gpu_ms) }
    }

    #[test]
    fn the_crossover_is_where_the_gpu_stays_faster() {
        let t = [timing(1024, 1.0, 5.0), timing(4096, 4.0, 3.0), timing(16384, 16.0, 4.0)];
        assert_eq!(crossover(&t, "x").unwrap().at, Some(4096));
        // A GPU that wins once and then loses again has no crossover yet.
        let t = [timing(1024, 1.0, 0.5), timing(4096, 4.0, 9.0)];
        let c = crossover(&t, "x").unwrap();
        assert_eq!((c.at, c.measured_up_to), (None, 4096));
        // Order of the measurements does not matter; CPU-only runs give nothing.
        let t = [timing(16384, 16.0, 4.0), timing(1024, 1.0, 5.0)];
        assert_eq!(crossover(&t, "x").unwrap().at, Some(16384));
        assert_eq!(crossover(&[Timing { len: 1024, cpu_ms: 1.0, gpu_ms: None }], "x"), None);
    }

    #[test]
    fn auto_follows_the_measurement_and_forcing_wins() {
        let c = Crossover { at: Some(4096), measured_up_to: 65536, adapter: "a".into() };
        let auto = ComputePreference::Auto;
        assert_eq!(
            choose(auto, 1000, Some(&c), true),
            (Engine::Cpu, Reason::BelowCrossover { at: 4096 })
        );
        assert_eq!(
            choose(auto, 4096, Some(&c), true),
            (Engine::Gpu, Reason::AboveCrossover { at: 4096 })
        );
        assert_eq!(choose(auto, 1 << 20, Some(&c), false).0, Engine::Cpu);
        assert_eq!(choose(auto, 1 << 20, None, true), (Engine::Cpu, Reason::NotMeasured));
        let never = Crossover { at: None, ..c.clone() };
        assert_eq!(
            choose(auto, 1 << 20, Some(&never), true).1,
            Reason::GpuNeverFaster { up_to: 65536 }
        );
        assert_eq!(choose(ComputePreference::Gpu, 8, None, true), (Engine::Gpu, Reason::Forced));
        assert_eq!(choose(ComputePreference::Gpu, 8, None, false), (Engine::Cpu, Reason::NoWebGpu));
        assert_eq!(
            choose(ComputePreference::Cpu, 1 << 20, Some(&c), true),
            (Engine::Cpu, Reason::Forced)
        );
    }

    #[test]
    fn stored_texts_round_trip() {
        for c in [
            Crossover {
                at: Some(65536),
                measured_up_to: 1 << 20,
                adapter: "SwiftShader; x".into(),
            },
            Crossover { at: None, measured_up_to: 4096, adapter: String::new() },
        ] {
            assert_eq!(Crossover::from_storage(&c.to_storage()), Some(c));
        }
        assert_eq!(Crossover::from_storage("garbage"), None);
        for p in ComputePreference::ALL {
            assert_eq!(ComputePreference::from_name(p.name()), Some(p));
        }
        assert_eq!(
            ComputePreference::from_name("tpu").unwrap_or_default(),
            ComputePreference::Auto
        );
    }
}
