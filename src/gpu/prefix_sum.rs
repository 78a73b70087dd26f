//! A plain prefix sum of f32 on the GPU, for the scan lesson: the same multi-level Blelloch
//! block scan as the selective scan, with addition as the monoid.

use super::GpuError;
use super::block_scan::{BlockScan, LevelPlan};
use super::context::GpuContext;
use super::shaders::ShaderMonoid;

/// The prefix-sum pipelines, built once with [`PrefixSum::new`].
pub struct PrefixSum {
    scan: BlockScan,
}

impl PrefixSum {
    /// Compiles the two stages (scan blocks, add carries) for f32 addition.
    pub async fn new(ctx: &GpuContext) -> Result<Self, GpuError> {
        ctx.check_alive()?;
        let scope = ctx.scope();
        let scan = BlockScan::new(ctx.device(), ShaderMonoid::Sum);
        scope.finish().await?;
        Ok(PrefixSum { scan })
    }

    /// The inclusive prefix sums: element i is x₀ + x₁ + … + xᵢ (summed in Blelloch's tree
    /// order, so it may differ from a left-to-right f32 sum in the last bits). Any length,
    /// including 0; every value must be finite.
    pub async fn run(&self, ctx: &GpuContext, values: &[f32]) -> Result<Vec<f32>, GpuError> {
        ctx.check_alive()?;
        if values.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(i) = values.iter().position(|x| !x.is_finite()) {
            return Err(GpuError::Input(format!("value {i} is not finite ({})", values[i])));
        }
        let len = u32::try_from(values.len())
            .map_err(|_| GpuError::Input(format!("{} values are too many", values.len())))?;
        let plan = LevelPlan::new(len, 1);
        let bytes = self.scan.workspace_bytes(&plan);
        ctx.check_size("prefix-sum workspace", bytes)?;

        let scope = ctx.scope();
        let device = ctx.device();
        let workspace = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("prefix-sum workspace"),
            size: bytes,
            usage: wgpu::BufferUsages::STORAGE
                | wgpu::BufferUsages::COPY_DST
                | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        let result_bytes = u64::from(len) * 4;
        let staging = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("prefix-sum readback"),
            size: result_bytes,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        ctx.queue().write_buffer(&workspace, 0, bytemuck::cast_slice(values));
        let bound = self.scan.bind(device, &workspace, &plan);
        let mut encoder = device.create_command_encoder(&Default::default());
        {
            let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some("prefix sum"),
                timestamp_writes: None,
            });
            self.scan.encode(ctx, &mut pass, &bound)?;
        }
        encoder.copy_buffer_to_buffer(&workspace, 0, &staging, 0, result_bytes);
        ctx.queue().submit([encoder.finish()]);
        scope.finish().await?;
        ctx.read_f32(&staging, values.len()).await
    }
}
