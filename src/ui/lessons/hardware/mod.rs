//! Lesson 11, `#/hardware`: hardware-aware computation. For the learner's D, N, L, batch and
//! value type, and a GPU's published bandwidth and on-chip memory, the bytes a naive selective
//! scan moves through HBM (Ā, B̄u and every h materialized) against Mamba's fused kernel (inputs
//! read once, h kept in SRAM, only y written) — a computed model, drawn as the memory hierarchy
//! and tabled per kernel; what the backward pass needs when it stores the states or recomputes
//! them; and a measurement made here: the same two strategies on this device's CPU.
//!
//! Each panel is a component of its own, given the lesson state:
//!
//! | file           | panel                                                          |
//! |----------------|----------------------------------------------------------------|
//! | `io.rs`        | sizes and GPU, each kernel's HBM traffic, tabled and against L |
//! | `hierarchy.rs` | the memory hierarchy drawn with the kernels' reads and writes   |
//! | `memory.rs`    | the states in SRAM, and the backward pass's memory              |
//! | `measure.rs`   | both scans timed on this device's CPU                           |
//! | `specs.rs`     | the published GPU specifications                                |

mod hierarchy;
mod io;
mod measure;
mod memory;
mod specs;

use io::IoPanel;
use measure::MeasurePanel;
use memory::{BackwardPanel, SramPanel};
use specs::SpecsPanel;

use crate::course::Lesson;
use crate::course::hardware::HardwareLesson;
use crate::explain::hardware::{GpuSpec, IoStage, IoTensor, PUBLISHED_GPUS};
use crate::i18n::{Lang, t};
use crate::route::Route;
use crate::ui::components::{Prose, TryThis};
use crate::ui::hooks::{LessonState, use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use yew::prelude::*;

/// Bytes in words a reader takes in at a glance: 512 B, 3.2 MB, 1.1 GB (powers of 1000).
pub(crate) fn bytes(b: u64) -> String {
    let x = b as f64;
    match x {
        x if x >= 1e9 => format!("{:.2} GB", x / 1e9),
        x if x >= 1e6 => format!("{:.1} MB", x / 1e6),
        x if x >= 1e3 => format!("{:.1} KB", x / 1e3),
        _ => format!("{b} B"),
    }
}

/// Milliseconds, or microseconds when small.
fn duration(ms: f64) -> String {
    if ms < 0.1 { format!("{:.1} µs", ms * 1e3) } else { format!("{ms:.2} ms") }
}

fn tensor_name(tensor: IoTensor) -> &'static str {
    match tensor {
        IoTensor::U => "u",
        IoTensor::Delta => "Δ",
        IoTensor::A => "A",
        IoTensor::B => "B",
        IoTensor::C => "C",
        IoTensor::Skip => "D",
        IoTensor::ABar => "Ā",
        IoTensor::BBarU => "B̄u",
        IoTensor::H => "h",
        IoTensor::Y => "y",
    }
}

fn stage_name(lang: Lang, stage: IoStage) -> &'static str {
    match stage {
        IoStage::Discretize => t(lang, "hardware.stage_discretize"),
        IoStage::Scan => t(lang, "hardware.stage_scan"),
        IoStage::Output => t(lang, "hardware.stage_output"),
        IoStage::Fused => t(lang, "hardware.stage_fused"),
    }
}

fn names(tensors: &[IoTensor]) -> String {
    tensors.iter().map(|&x| tensor_name(x)).collect::<Vec<_>>().join(", ")
}

/// The chosen GPU's published specification.
fn gpu_of(s: &HardwareLesson) -> GpuSpec {
    PUBLISHED_GPUS[s.gpu.min(PUBLISHED_GPUS.len() - 1)]
}

/// What every panel gets: the lesson state and the way to change it.
#[derive(Properties, PartialEq)]
struct PanelProps {
    lesson: LessonState<HardwareLesson>,
}

#[function_component(HardwareLessonView)]
pub(crate) fn hardware_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<HardwareLesson>(Route::Lesson(Lesson::Hardware, None));
    use_update_measure("hardware", &*lesson.state);
    html! {
        <>
            <Prose keys={vec!["hardware.intro1", "hardware.intro2"]} />
            <IoPanel lesson={lesson.clone()} />
            <Prose keys={vec!["hardware.sram1"]} />
            <SramPanel lesson={lesson.clone()} />
            <Prose keys={vec!["hardware.backward1"]} />
            <BackwardPanel lesson={lesson.clone()} />
            <h2>{ t(lang, "hardware.measured_title") }</h2>
            <Prose keys={vec!["hardware.measured_intro"]} />
            <MeasurePanel lesson={lesson.clone()} />
            <h2>{ t(lang, "hardware.specs_title") }</h2>
            <SpecsPanel lesson={lesson.clone()} />
            <TryThis keys={vec!["hardware.try1", "hardware.try2", "hardware.try3"]} />
        </>
    }
}
