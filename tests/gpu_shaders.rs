//! Every WGSL module the kernels build is parsed and validated by naga, and the constants and
//! uniform layouts it declares are compared with their Rust mirrors. Needs no adapter, so a
//! broken shader fails here on any machine.

#![cfg(not(target_arch = "wasm32"))]

use mamba_explainer::gpu::{self, BLOCK, LevelParams, PER_INVOCATION, SelectiveParams, WG_SIZE};
use std::mem::{offset_of, size_of};
use wgpu::naga;

fn parse(name: &str, source: &str) -> naga::Module {
    naga::front::wgsl::parse_str(source)
        .unwrap_or_else(|e| panic!("{name} does not parse:\n{}", e.emit_to_string(source)))
}

#[test]
fn every_module_parses_and_validates() {
    let modules = gpu::modules();
    assert_eq!(modules.len(), 6, "one module per stage and monoid");
    for (name, source) in &modules {
        let module = parse(name, source);
        let mut validator = naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::empty(),
        );
        if let Err(e) = validator.validate(&module) {
            panic!("{name} does not validate:\n{}", e.emit_to_string(source));
        }
        let entry: Vec<_> = module.entry_points.iter().map(|e| &e.name).collect();
        assert_eq!(entry, ["main"], "{name}");
        assert_eq!(module.entry_points[0].workgroup_size, [WG_SIZE, 1, 1], "{name}");
    }
}

/// The value of a `u32` constant declared in WGSL.
fn constant(module: &naga::Module, name: &str) -> u32 {
    let (_, c) = module
        .constants
        .iter()
        .find(|(_, c)| c.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no constant {name}"));
    match module.global_expressions[c.init] {
        naga::Expression::Literal(naga::Literal::U32(v)) => v,
        ref other => panic!("{name} is not a u32 literal: {other:?}"),
    }
}

/// The (member name, byte offset) list and the size of a WGSL struct.
fn layout(module: &naga::Module, name: &str) -> (Vec<(String, u32)>, u32) {
    let ty = module
        .types
        .iter()
        .find(|(_, t)| t.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no struct {name}"))
        .1;
    match &ty.inner {
        naga::TypeInner::Struct { members, span } => (
            members.iter().map(|m| (m.name.clone().unwrap_or_default(), m.offset)).collect(),
            *span,
        ),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn fields(list: &[(&str, usize)]) -> Vec<(String, u32)> {
    list.iter().map(|&(n, o)| (n.to_owned(), o as u32)).collect()
}

#[test]
fn rust_mirrors_match_the_wgsl_declarations() {
    let (name, source) = &gpu::modules()[0];
    let module = parse(name, source);
    assert_eq!(constant(&module, "WG_SIZE"), WG_SIZE);
    assert_eq!(constant(&module, "PER_INVOCATION"), PER_INVOCATION);
    assert_eq!(constant(&module, "BLOCK"), BLOCK);
    assert!(source.contains("const WG_SIZE = 256u;"), "WG_SIZE is spelt out in common.wgsl");

    let (members, span) = layout(&module, "LevelParams");
    assert_eq!(span as usize, size_of::<LevelParams>());
    assert_eq!(
        members,
        fields(&[
            ("len", offset_of!(LevelParams, len)),
            ("channels", offset_of!(LevelParams, channels)),
            ("data_offset", offset_of!(LevelParams, data_offset)),
            ("totals_offset", offset_of!(LevelParams, totals_offset)),
        ])
    );
    let (members, span) = layout(&module, "SelectiveParams");
    assert_eq!(span as usize, size_of::<SelectiveParams>());
    assert_eq!(
        members,
        fields(&[
            ("d_model", offset_of!(SelectiveParams, d_model)),
            ("n_state", offset_of!(SelectiveParams, n_state)),
            ("len", offset_of!(SelectiveParams, len)),
            ("d_first", offset_of!(SelectiveParams, d_first)),
            ("d_count", offset_of!(SelectiveParams, d_count)),
            ("softplus", offset_of!(SelectiveParams, softplus)),
            ("zoh", offset_of!(SelectiveParams, zoh)),
            ("gate", offset_of!(SelectiveParams, gate)),
        ])
    );
}
