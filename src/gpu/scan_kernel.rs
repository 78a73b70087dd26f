//! The selective scan (S6) on the GPU in f32, in three timed phases: upload, compute, read back.
//!
//! For every row d and state n the steps (a, b) = (exp(Δ·A[d, n]), B̄[n, t]·u[d, t]) are scanned
//! over t with the pair monoid, so that the b part becomes h[d, n, t] = a·h[d, n, t − 1] + b.
//! Then y[d, t] = Σₙ C[n, t]·h[d, n, t] + D[d]·u[d, t], gated by SiLU(z) if z is given.
//!
//! The workspace holds the pairs of a chunk of rows; when all D rows do not fit in one buffer
//! the rows are processed chunk after chunk in the same pass.

use super::GpuError;
use super::block_scan::{BlockScan, BoundScan, LevelPlan, bind, pipeline, uniform};
use super::context::GpuContext;
use super::layout::{SelectiveParams, WG_SIZE};
use super::shaders::{ShaderMonoid, Stage};
use crate::ssm::{BRule, SelectiveScanInput, SelectiveScanOutput};
use nalgebra::DMatrix;
use wgpu::util::DeviceExt;

/// A selective scan problem in the GPU's f32 layout: flat row-major arrays, rows first.
///
/// Shapes: u, Δ and z are D×L; A is D×N; B and C are N×L; D and the Δ bias have D entries.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanProblem {
    /// D, the number of channels.
    pub d_model: usize,
    /// N, the state size of each channel.
    pub n_state: usize,
    /// L, the sequence length.
    pub len: usize,
    /// Input u, D×L.
    pub u: Vec<f32>,
    /// Step sizes Δ before bias and softplus, D×L.
    pub delta: Vec<f32>,
    /// The diagonal state matrices A, one row of N per channel, D×N.
    pub a: Vec<f32>,
    /// Input matrices B, one column per step, N×L.
    pub b: Vec<f32>,
    /// Output matrices C, one column per step, N×L.
    pub c: Vec<f32>,
    /// Skip connection D, one per channel; none means 0.
    pub d_skip: Option<Vec<f32>>,
    /// Gate z, D×L: y ← y·SiLU(z).
    pub z: Option<Vec<f32>>,
    /// Added to Δ before the softplus, one per channel; none means 0.
    pub delta_bias: Option<Vec<f32>>,
    /// Apply softplus to Δ + bias (as Mamba does).
    pub delta_softplus: bool,
    /// How the input enters the state: Euler's Δ·B (official Mamba) or the exact zero-order
    /// hold (exp(ΔA) − 1)/A·B.
    pub rule: BRule,
}

/// The result of a selective scan, in the same layout as [`ScanProblem`].
#[derive(Clone, Debug, PartialEq)]
pub struct ScanOutput {
    /// D.
    pub d_model: usize,
    /// N.
    pub n_state: usize,
    /// L.
    pub len: usize,
    /// y, D×L.
    pub y: Vec<f32>,
    /// The state after the last step, h[d, n, L − 1], D×N.
    pub last_state: Vec<f32>,
}

fn check_array(name: &str, values: &[f32], rows: usize, cols: usize) -> Result<(), GpuError> {
    if values.len() != rows * cols {
        return Err(GpuError::Input(format!(
            "{name} must hold {rows}×{cols} = {} values, not {}",
            rows * cols,
            values.len()
        )));
    }
    match values.iter().position(|x| !x.is_finite()) {
        Some(i) => Err(GpuError::Input(format!(
            "{name} holds a value that is not finite in f32 at index {i} ({})",
            values[i]
        ))),
        None => Ok(()),
    }
}

/// The entries of `m` row by row, rounded to f32 (a value beyond f32's range becomes ±∞, which
/// [`ScanProblem`]'s checks then refuse).
fn row_major(m: &DMatrix<f64>) -> Vec<f32> {
    m.transpose().iter().map(|&x| x as f32).collect()
}

impl ScanProblem {
    /// The core's input in the GPU's layout: validated by the core, then rounded to f32.
    pub fn from_input(input: &SelectiveScanInput, rule: BRule) -> Result<Self, GpuError> {
        let dims = input.validate().map_err(|e| GpuError::Input(e.to_string()))?;
        let vector = |v: &nalgebra::DVector<f64>| v.iter().map(|&x| x as f32).collect();
        Ok(ScanProblem {
            d_model: dims.d,
            n_state: dims.n,
            len: dims.l,
            u: row_major(&input.u),
            delta: row_major(&input.delta),
            a: row_major(&input.a),
            b: row_major(&input.b),
            c: row_major(&input.c),
            d_skip: input.d.as_ref().map(vector),
            z: input.z.as_ref().map(row_major),
            delta_bias: input.delta_bias.as_ref().map(vector),
            delta_softplus: input.delta_softplus,
            rule,
        })
    }

    /// Checks sizes and values, and returns (D, N, L) as `u32`.
    pub(crate) fn dims(&self) -> Result<(u32, u32, u32), GpuError> {
        let (d, n, l) = (self.d_model, self.n_state, self.len);
        if d == 0 || n == 0 || l == 0 {
            return Err(GpuError::Input(format!(
                "D, N and L must be at least 1 (got {d}, {n}, {l})"
            )));
        }
        let small = |x: usize, what: &str| {
            u32::try_from(x).map_err(|_| GpuError::Input(format!("{what} = {x} is too large")))
        };
        let dims = (small(d, "D")?, small(n, "N")?, small(l, "L")?);
        check_array("u", &self.u, d, l)?;
        check_array("delta", &self.delta, d, l)?;
        check_array("A", &self.a, d, n)?;
        check_array("B", &self.b, n, l)?;
        check_array("C", &self.c, n, l)?;
        if let Some(skip) = &self.d_skip {
            check_array("D", skip, d, 1)?;
        }
        if let Some(z) = &self.z {
            check_array("z", z, d, l)?;
        }
        if let Some(bias) = &self.delta_bias {
            check_array("delta_bias", bias, d, 1)?;
        }
        Ok(dims)
    }

    /// (Δ bias, D) per row, as the shaders read them.
    fn per_row(&self) -> Vec<[f32; 2]> {
        (0..self.d_model)
            .map(|d| {
                let bias = self.delta_bias.as_ref().map_or(0.0, |v| v[d]);
                let skip = self.d_skip.as_ref().map_or(0.0, |v| v[d]);
                [bias, skip]
            })
            .collect()
    }
}

/// The uploaded inputs and the buffers of one problem, ready to compute and read back.
pub struct ScanJob {
    dims: (u32, u32, u32),
    chunks: Vec<Chunk>,
    out: wgpu::Buffer,
    staging: wgpu::Buffer,
}

/// The bind groups of one chunk of rows.
struct Chunk {
    params: SelectiveParams,
    discretize: wgpu::BindGroup,
    scan: BoundScan,
    output: wgpu::BindGroup,
}

impl ScanOutput {
    /// The result as the core returns it: y (D×L) and the last state (D×N) in f64.
    pub fn to_core(&self) -> SelectiveScanOutput {
        let widen = |rows, cols, xs: &[f32]| {
            DMatrix::from_row_iterator(rows, cols, xs.iter().map(|&x| f64::from(x)))
        };
        SelectiveScanOutput {
            y: widen(self.d_model, self.len, &self.y),
            last_state: widen(self.d_model, self.n_state, &self.last_state),
        }
    }
}

impl ScanJob {
    /// How many chunks of rows the workspace is used for (1 unless the problem is large).
    pub fn chunks(&self) -> usize {
        self.chunks.len()
    }
}

/// The selective scan's pipelines, built once with [`ScanKernel::new`] and run many times.
pub struct ScanKernel {
    discretize: wgpu::ComputePipeline,
    scan: BlockScan,
    output: wgpu::ComputePipeline,
}

impl ScanKernel {
    /// Compiles the four stages (discretize, scan blocks, add carries, output).
    pub async fn new(ctx: &GpuContext) -> Result<Self, GpuError> {
        ctx.check_alive()?;
        let scope = ctx.scope();
        let device = ctx.device();
        let kernel = ScanKernel {
            discretize: pipeline(device, Stage::Discretize),
            scan: BlockScan::new(device, ShaderMonoid::Pair),
            output: pipeline(device, Stage::Output),
        };
        scope.finish().await?;
        Ok(kernel)
    }

    /// Uploads the problem and prepares every buffer and bind group; resolves when the data is
    /// on the device. Fails without touching the device if a buffer would exceed its limits.
    pub async fn upload(
        &self,
        ctx: &GpuContext,
        problem: &ScanProblem,
    ) -> Result<ScanJob, GpuError> {
        ctx.check_alive()?;
        let (d_model, n_state, len) = problem.dims()?;
        let (d, n, l) = (u64::from(d_model), u64::from(n_state), u64::from(len));

        // Rows per chunk: as many as the workspace buffer can hold.
        let row_bytes = self.scan.workspace_bytes(&LevelPlan::new(len, n_state));
        ctx.check_size("workspace (one row's scan)", row_bytes)?;
        let rows = (ctx.max_buffer_bytes() / row_bytes).min(d);
        ctx.check_size("u, Δ and z", d * l * 4)?;
        ctx.check_size("B and C", n * l * 4)?;
        ctx.check_size("output", (d * l + d * n) * 4)?;

        let scope = ctx.scope();
        let device = ctx.device();
        let input = |label: &str, values: &[f32]| {
            device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(label),
                contents: bytemuck::cast_slice(values),
                usage: wgpu::BufferUsages::STORAGE,
            })
        };
        let u = input("u", &problem.u);
        let delta = input("delta", &problem.delta);
        let a = input("A", &problem.a);
        let b = input("B", &problem.b);
        let c = input("C", &problem.c);
        let per_row = input("per-row bias and D", bytemuck::cast_slice(&problem.per_row()));
        let z = problem.z.as_deref().map(|z| input("z", z));
        let out_bytes = (d * l + d * n) * 4;
        let out = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("y and last state"),
            size: out_bytes,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        let staging = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("readback"),
            size: out_bytes,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let workspace = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("scan workspace"),
            size: rows * row_bytes,
            usage: wgpu::BufferUsages::STORAGE,
            mapped_at_creation: false,
        });

        let mut chunks = Vec::new();
        let mut d_first = 0u32;
        while d_first < d_model {
            // Fits in u32: at most D.
            let d_count = (d_model - d_first).min(rows as u32);
            let params = SelectiveParams {
                d_model,
                n_state,
                len,
                d_first,
                d_count,
                softplus: u32::from(problem.delta_softplus),
                zoh: u32::from(problem.rule == BRule::Zoh),
                gate: u32::from(problem.z.is_some()),
            };
            let params_buffer = uniform(device, "selective params", &params);
            let plan = LevelPlan::new(len, d_count * n_state);
            chunks.push(Chunk {
                params,
                discretize: bind(
                    device,
                    &self.discretize,
                    &[&params_buffer, &u, &delta, &a, &b, &per_row, &workspace],
                ),
                scan: self.scan.bind(device, &workspace, &plan),
                output: bind(
                    device,
                    &self.output,
                    &[&params_buffer, &workspace, &c, &u, &per_row, z.as_ref().unwrap_or(&u), &out],
                ),
            });
            d_first += d_count;
        }
        scope.finish().await?;
        // Buffers created with contents are copied at the next submission: submit nothing
        // and wait, so that this phase ends when the data is on the device.
        ctx.queue().submit([]);
        ctx.wait_idle().await?;
        Ok(ScanJob { dims: (d_model, n_state, len), chunks, out, staging })
    }

    /// Runs the scan on an uploaded job; resolves when the GPU has finished.
    pub async fn compute(&self, ctx: &GpuContext, job: &ScanJob) -> Result<(), GpuError> {
        ctx.check_alive()?;
        let scope = ctx.scope();
        let mut encoder = ctx.device().create_command_encoder(&Default::default());
        {
            let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some("selective scan"),
                timestamp_writes: None,
            });
            let groups = |elements: u64| elements.div_ceil(u64::from(WG_SIZE));
            for chunk in &job.chunks {
                let p = &chunk.params;
                let rows = u64::from(p.d_count);
                let (n, l) = (u64::from(p.n_state), u64::from(p.len));
                pass.set_pipeline(&self.discretize);
                pass.set_bind_group(0, &chunk.discretize, &[]);
                ctx.dispatch(&mut pass, groups(rows * n * l))?;
                self.scan.encode(ctx, &mut pass, &chunk.scan)?;
                pass.set_pipeline(&self.output);
                pass.set_bind_group(0, &chunk.output, &[]);
                ctx.dispatch(&mut pass, groups(rows * l))?;
            }
        }
        ctx.queue().submit([encoder.finish()]);
        scope.finish().await?;
        ctx.wait_idle().await
    }

    /// Copies y and the last state back to the CPU (`map_async`, awaited).
    pub async fn read(&self, ctx: &GpuContext, job: &ScanJob) -> Result<ScanOutput, GpuError> {
        ctx.check_alive()?;
        let (d_model, n_state, len) = job.dims;
        let (d, n, l) = (d_model as usize, n_state as usize, len as usize);
        let scope = ctx.scope();
        let mut encoder = ctx.device().create_command_encoder(&Default::default());
        encoder.copy_buffer_to_buffer(&job.out, 0, &job.staging, 0, None);
        ctx.queue().submit([encoder.finish()]);
        scope.finish().await?;
        let mut y = ctx.read_f32(&job.staging, d * l + d * n).await?;
        let last_state = y.split_off(d * l);
        Ok(ScanOutput { d_model: d, n_state: n, len: l, y, last_state })
    }

    /// Upload, compute and read back in one call.
    pub async fn run(
        &self,
        ctx: &GpuContext,
        problem: &ScanProblem,
    ) -> Result<ScanOutput, GpuError> {
        let job = self.upload(ctx, problem).await?;
        self.compute(ctx, &job).await?;
        self.read(ctx, &job).await
    }
}
