//! The multi-level block scan shared by both kernels: scan blocks → scan block totals → add
//! carries. Level 0 is the data (`channels` sequences of `len`); level k + 1 holds one total per
//! block of level k; the last level fits in one block. All levels live in one workspace buffer.

use super::GpuError;
use super::context::GpuContext;
use super::layout::{BLOCK, LevelParams, WG_SIZE};
use super::shaders::{ShaderMonoid, Stage};
use wgpu::util::DeviceExt;

/// Where each level of a multi-level scan lives in the workspace, in elements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LevelPlan {
    /// One entry per level, level 0 first. Level k's `totals_offset` is level k + 1's
    /// `data_offset`; the last level's totals (one per channel) are written but not used.
    pub(crate) levels: Vec<LevelParams>,
    /// Elements the workspace needs for all levels and the last totals.
    pub(crate) elements: u64,
}

impl LevelPlan {
    /// The levels for `channels` sequences of `len` elements (both at least 1). Sizes are
    /// counted in u64; the caller checks the total against the device before using the u32s.
    pub(crate) fn new(len: u32, channels: u32) -> Self {
        let mut levels = Vec::new();
        let mut offset = 0u64;
        let mut len = len;
        loop {
            let next = offset + u64::from(channels) * u64::from(len);
            levels.push(LevelParams {
                len,
                channels,
                data_offset: offset as u32,
                totals_offset: next as u32,
            });
            offset = next;
            if len <= BLOCK {
                break;
            }
            len = len.div_ceil(BLOCK);
        }
        LevelPlan { levels, elements: offset + u64::from(channels) }
    }
}

/// The two pipelines of a block scan over one monoid, built once.
pub(crate) struct BlockScan {
    monoid: ShaderMonoid,
    scan_blocks: wgpu::ComputePipeline,
    add_carries: wgpu::ComputePipeline,
}

/// A block scan made ready for one workspace: a bind group per level.
pub(crate) struct BoundScan {
    levels: Vec<(LevelParams, wgpu::BindGroup, wgpu::BindGroup)>,
}

/// Compiles one stage into a pipeline whose bind group layout is derived from the shader.
pub(crate) fn pipeline(device: &wgpu::Device, stage: Stage) -> wgpu::ComputePipeline {
    let name = stage.name();
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some(&name),
        source: wgpu::ShaderSource::Wgsl(stage.source().into()),
    });
    device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some(&name),
        layout: None,
        module: &module,
        entry_point: Some("main"),
        compilation_options: Default::default(),
        cache: None,
    })
}

/// A uniform buffer holding one `Pod` value.
pub(crate) fn uniform<T: bytemuck::Pod>(
    device: &wgpu::Device,
    label: &str,
    value: &T,
) -> wgpu::Buffer {
    device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some(label),
        contents: bytemuck::bytes_of(value),
        usage: wgpu::BufferUsages::UNIFORM,
    })
}

/// A bind group for group 0 of `pipeline`, binding `buffers` to bindings 0, 1, 2, … in order.
pub(crate) fn bind(
    device: &wgpu::Device,
    pipeline: &wgpu::ComputePipeline,
    buffers: &[&wgpu::Buffer],
) -> wgpu::BindGroup {
    let entries: Vec<wgpu::BindGroupEntry<'_>> = buffers
        .iter()
        .zip(0u32..)
        .map(|(buffer, binding)| wgpu::BindGroupEntry {
            binding,
            resource: buffer.as_entire_binding(),
        })
        .collect();
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: None,
        layout: &pipeline.get_bind_group_layout(0),
        entries: &entries,
    })
}

impl BlockScan {
    /// Builds the `scan_blocks` and `add_carries` pipelines for `monoid`.
    pub(crate) fn new(device: &wgpu::Device, monoid: ShaderMonoid) -> Self {
        BlockScan {
            monoid,
            scan_blocks: pipeline(device, Stage::ScanBlocks(monoid)),
            add_carries: pipeline(device, Stage::AddCarries(monoid)),
        }
    }

    /// Bytes of a workspace for `plan`.
    pub(crate) fn workspace_bytes(&self, plan: &LevelPlan) -> u64 {
        plan.elements * self.monoid.element_size()
    }

    /// Prepares the bind groups that scan `workspace` as laid out by `plan`.
    pub(crate) fn bind(
        &self,
        device: &wgpu::Device,
        workspace: &wgpu::Buffer,
        plan: &LevelPlan,
    ) -> BoundScan {
        let levels = plan
            .levels
            .iter()
            .map(|level| {
                let params = uniform(device, "level params", level);
                let scan = bind(device, &self.scan_blocks, &[&params, workspace]);
                let carries = bind(device, &self.add_carries, &[&params, workspace]);
                (*level, scan, carries)
            })
            .collect();
        BoundScan { levels }
    }

    /// Records the whole scan: every level's blocks bottom-up, then the carries top-down, so
    /// that each level's carries are final before the level below uses them.
    pub(crate) fn encode(
        &self,
        ctx: &GpuContext,
        pass: &mut wgpu::ComputePass<'_>,
        bound: &BoundScan,
    ) -> Result<(), GpuError> {
        pass.set_pipeline(&self.scan_blocks);
        for (level, scan, _) in &bound.levels {
            pass.set_bind_group(0, scan, &[]);
            let blocks = u64::from(level.len.div_ceil(BLOCK));
            ctx.dispatch(pass, blocks * u64::from(level.channels))?;
        }
        pass.set_pipeline(&self.add_carries);
        // The last level is a single block per channel and has no carries.
        for (level, _, carries) in bound.levels.iter().rev().skip(1) {
            pass.set_bind_group(0, carries, &[]);
            let elements = u64::from(level.len) * u64::from(level.channels);
            ctx.dispatch(pass, elements.div_ceil(u64::from(WG_SIZE)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_is_one_level() {
        for len in [1, 7, BLOCK] {
            let plan = LevelPlan::new(len, 3);
            assert_eq!(plan.levels.len(), 1);
            assert_eq!(plan.levels[0].totals_offset, 3 * len);
            assert_eq!(plan.elements, u64::from(3 * len + 3));
        }
    }

    #[test]
    fn long_sequences_get_levels_of_block_totals() {
        // 2^18 = 64 · 4096: level 1 has 64 totals per channel and fits in one block.
        let plan = LevelPlan::new(1 << 18, 2);
        let lens: Vec<u32> = plan.levels.iter().map(|l| l.len).collect();
        assert_eq!(lens, [1 << 18, 64]);
        assert_eq!(plan.levels[1].data_offset, plan.levels[0].totals_offset);
        // One past BLOCK blocks needs a third level.
        let lens: Vec<u32> =
            LevelPlan::new(BLOCK * BLOCK + 1, 1).levels.iter().map(|l| l.len).collect();
        assert_eq!(lens, [BLOCK * BLOCK + 1, BLOCK + 1, 2]);
    }
}
