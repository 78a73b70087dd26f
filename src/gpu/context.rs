//! Acquiring an adapter and a device, natively (Vulkan, lavapipe on a CPU) and in the browser
//! (WebGPU), and the few device services the kernels share: error scopes, waiting for the queue,
//! reading a buffer back, limits, and dispatching more workgroups than one dimension allows.
//!
//! Nothing here blocks on the web: `Device::poll` is a no-op there and every wait is a oneshot
//! channel that a wgpu callback completes, awaited from the browser's event loop. Natively the
//! same `poll` blocks until the work is done, so the channel is already full when awaited.

use super::GpuError;
use futures_channel::oneshot;
use std::sync::{Arc, Mutex, PoisonError};

/// What the page shows about the adapter in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdapterSummary {
    /// The adapter's name as the driver or browser reports it (browsers may report none).
    pub name: String,
    /// The API underneath: "vulkan", "metal", "dx12", "gl" or "webgpu".
    pub backend: String,
    /// "discrete GPU", "integrated GPU", "virtual GPU", "CPU (software)" or "unknown".
    pub device_type: String,
    /// True for a software adapter (lavapipe, SwiftShader, WebGPU's fallback adapter): it runs
    /// on the CPU, and is slower than the plain CPU code.
    pub is_software: bool,
}

impl AdapterSummary {
    fn from_info(info: &wgpu::AdapterInfo) -> Self {
        let device_type = match info.device_type {
            wgpu::DeviceType::DiscreteGpu => "discrete GPU",
            wgpu::DeviceType::IntegratedGpu => "integrated GPU",
            wgpu::DeviceType::VirtualGpu => "virtual GPU",
            wgpu::DeviceType::Cpu => "CPU (software)",
            wgpu::DeviceType::Other => "unknown",
        };
        let name =
            if info.name.is_empty() { "(unnamed adapter)".to_owned() } else { info.name.clone() };
        AdapterSummary {
            name,
            backend: info.backend.to_string(),
            device_type: device_type.to_owned(),
            is_software: info.device_type == wgpu::DeviceType::Cpu,
        }
    }
}

/// The sending end of one wait, shared by the callback that completes it and by the
/// device-lost handler that fails it, whichever comes first.
type Slot = Arc<Mutex<Option<oneshot::Sender<Result<(), GpuError>>>>>;

fn complete(slot: &Slot, result: Result<(), GpuError>) {
    if let Some(sender) = slot.lock().unwrap_or_else(PoisonError::into_inner).take() {
        // The receiver is gone only if the waiting future was dropped: nobody to tell.
        let _ = sender.send(result);
    }
}

/// What the device's callbacks have reported: loss, errors outside any scope, pending waits.
#[derive(Default)]
struct Health {
    lost: Mutex<Option<String>>,
    uncaptured: Mutex<Option<String>>,
    waiters: Mutex<Vec<Slot>>,
}

impl Health {
    fn lost(&self) -> Option<String> {
        self.lost.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Records the loss and fails every pending wait, so that nothing waits forever.
    fn mark_lost(&self, why: String) {
        *self.lost.lock().unwrap_or_else(PoisonError::into_inner) = Some(why.clone());
        let waiters =
            std::mem::take(&mut *self.waiters.lock().unwrap_or_else(PoisonError::into_inner));
        for slot in &waiters {
            complete(slot, Err(GpuError::DeviceLost(why.clone())));
        }
    }
}

/// A device and its queue, with the adapter's description and the device's limits.
///
/// Create it once per page or process with [`GpuContext::new`]; tests that need their own
/// device or limits use [`GpuContext::with_adapter`] or [`GpuContext::from_device`].
pub struct GpuContext {
    device: wgpu::Device,
    queue: wgpu::Queue,
    adapter: AdapterSummary,
    limits: wgpu::Limits,
    health: Arc<Health>,
}

impl GpuContext {
    /// Finds an adapter and opens a device with everything the adapter supports.
    ///
    /// Errors with [`GpuError::NoAdapter`] when there is none (a browser without WebGPU, a
    /// machine without any Vulkan/Metal/DX12/GL driver), never panics or hangs.
    pub async fn new() -> Result<Self, GpuError> {
        let adapter = Self::request_adapter().await?;
        let limits = adapter.limits();
        Self::with_adapter(&adapter, limits).await
    }

    /// The first step of [`GpuContext::new`]: the adapter wgpu prefers (a high-performance one
    /// if there is a choice). Natively `WGPU_BACKEND` and the other `WGPU_*` variables apply.
    pub async fn request_adapter() -> Result<wgpu::Adapter, GpuError> {
        // Without a Wayland session, Mesa's implicit Vulkan layer `VK_LAYER_MESA_device_select`
        // prints "error: XDG_RUNTIME_DIR is invalid …" to stderr here, because wgpu always
        // enables `VK_KHR_wayland_surface` (no backend or flag avoids it; GL goes through it
        // too). `NODEVICE_SELECT=1` in the environment silences it.
        let instance =
            wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
        let options = wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::HighPerformance,
            ..Default::default()
        };
        instance.request_adapter(&options).await.map_err(|e| GpuError::NoAdapter(e.to_string()))
    }

    /// Opens a device on `adapter` with the given limits (at most the adapter's own).
    pub async fn with_adapter(
        adapter: &wgpu::Adapter,
        limits: wgpu::Limits,
    ) -> Result<Self, GpuError> {
        let descriptor = wgpu::DeviceDescriptor {
            label: Some("mamba-explainer"),
            required_limits: limits,
            ..Default::default()
        };
        let (device, queue) = adapter
            .request_device(&descriptor)
            .await
            .map_err(|e| GpuError::DeviceRequest(e.to_string()))?;
        Ok(Self::from_device(&adapter.get_info(), device, queue))
    }

    /// Wraps a device the caller opened. Installs this context's device-lost and
    /// uncaptured-error handlers on it, replacing any the caller set.
    pub fn from_device(info: &wgpu::AdapterInfo, device: wgpu::Device, queue: wgpu::Queue) -> Self {
        let health = Arc::new(Health::default());
        let on_lost = Arc::clone(&health);
        device.set_device_lost_callback(move |reason, message| {
            let why = match reason {
                wgpu::DeviceLostReason::Destroyed => "the device was destroyed",
                wgpu::DeviceLostReason::Unknown => "the driver or browser gave it up",
            };
            on_lost.mark_lost(if message.is_empty() {
                why.to_owned()
            } else {
                format!("{why}: {message}")
            });
        });
        let on_error = Arc::clone(&health);
        device.on_uncaptured_error(Arc::new(move |error: wgpu::Error| {
            let mut slot = on_error.uncaptured.lock().unwrap_or_else(PoisonError::into_inner);
            slot.get_or_insert_with(|| error.to_string());
        }));
        let limits = device.limits();
        GpuContext { device, queue, adapter: AdapterSummary::from_info(info), limits, health }
    }

    /// The adapter this context runs on, for the page to show.
    pub fn adapter(&self) -> &AdapterSummary {
        &self.adapter
    }

    /// The wgpu device.
    pub fn device(&self) -> &wgpu::Device {
        &self.device
    }

    /// The device's queue.
    pub fn queue(&self) -> &wgpu::Queue {
        &self.queue
    }

    /// The limits the device was opened with.
    pub fn limits(&self) -> &wgpu::Limits {
        &self.limits
    }

    /// Fails with [`GpuError::DeviceLost`] once the device has been lost.
    pub(crate) fn check_alive(&self) -> Result<(), GpuError> {
        match self.health.lost() {
            Some(why) => Err(GpuError::DeviceLost(why)),
            None => Ok(()),
        }
    }

    /// The largest buffer the kernels may create and bind as storage, in bytes. Capped below
    /// 4 GiB so that every element index fits the shaders' `u32`.
    pub(crate) fn max_buffer_bytes(&self) -> u64 {
        self.limits
            .max_buffer_size
            .min(self.limits.max_storage_buffer_binding_size)
            .min(u64::from(u32::MAX))
    }

    /// Refuses a buffer of `bytes` bytes that the device could not hold.
    pub(crate) fn check_size(&self, what: &str, bytes: u64) -> Result<(), GpuError> {
        let limit = self.max_buffer_bytes();
        if bytes > limit {
            return Err(GpuError::BufferTooLarge { what: what.to_owned(), bytes, limit });
        }
        Ok(())
    }

    /// Starts capturing device errors; [`ErrorScope::finish`] reports the first one.
    pub(crate) fn scope(&self) -> ErrorScope {
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let internal = self.device.push_error_scope(wgpu::ErrorFilter::Internal);
        // Innermost first: scopes must be popped in reverse order, and an array drops its
        // elements front to back when an early return abandons the scope.
        ErrorScope { guards: [internal, validation, oom], health: Arc::clone(&self.health) }
    }

    /// Registers a wait that either a wgpu callback or the loss of the device completes.
    fn register_wait(&self) -> Result<(Slot, oneshot::Receiver<Result<(), GpuError>>), GpuError> {
        self.check_alive()?;
        let (sender, receiver) = oneshot::channel();
        let slot: Slot = Arc::new(Mutex::new(Some(sender)));
        let mut waiters = self.health.waiters.lock().unwrap_or_else(PoisonError::into_inner);
        waiters.retain(|s| s.lock().unwrap_or_else(PoisonError::into_inner).is_some());
        waiters.push(Arc::clone(&slot));
        Ok((slot, receiver))
    }

    /// Polls natively (blocking until the queue is idle) and awaits the wait's outcome.
    async fn await_wait(
        &self,
        receiver: oneshot::Receiver<Result<(), GpuError>>,
    ) -> Result<(), GpuError> {
        // Natively this blocks until all submitted work is done and its callbacks have run; on
        // the web it returns at once and the browser runs the callbacks.
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| GpuError::Device(format!("waiting for the GPU: {e}")))?;
        let outcome = match receiver.await {
            Ok(result) => result,
            Err(oneshot::Canceled) => {
                Err(GpuError::DeviceLost("the device dropped a pending callback".to_owned()))
            }
        };
        // Work on a lost device "completes" without running; the loss, reported by the same
        // poll, takes precedence over that success.
        self.check_alive()?;
        outcome
    }

    /// Resolves when everything submitted to the queue so far has finished on the GPU.
    /// This is what makes a phase's timing honest: submitting only queues the work.
    pub async fn wait_idle(&self) -> Result<(), GpuError> {
        let (slot, receiver) = self.register_wait()?;
        self.queue.on_submitted_work_done(move || complete(&slot, Ok(())));
        self.await_wait(receiver).await
    }

    /// Copies the first `len` f32 of `staging` (a `MAP_READ` buffer the GPU has finished
    /// writing) into a vector, with `map_async` awaited through a oneshot channel.
    pub(crate) async fn read_f32(
        &self,
        staging: &wgpu::Buffer,
        len: usize,
    ) -> Result<Vec<f32>, GpuError> {
        let bytes = (len * 4) as u64;
        let (slot, receiver) = self.register_wait()?;
        staging.map_async(wgpu::MapMode::Read, ..bytes, move |result| {
            complete(&slot, result.map_err(|e| GpuError::MapFailed(e.to_string())));
        });
        self.await_wait(receiver).await?;
        let values = {
            let view = staging
                .get_mapped_range(..bytes)
                .map_err(|e| GpuError::MapFailed(e.to_string()))?;
            bytemuck::cast_slice::<u8, f32>(&view).to_vec()
        };
        staging.unmap();
        Ok(values)
    }

    /// Dispatches `groups` workgroups of the pass's current pipeline, spread over a 2-D grid when
    /// one dimension's limit is too small; shaders recover the index with `group_index`.
    pub(crate) fn dispatch(
        &self,
        pass: &mut wgpu::ComputePass<'_>,
        groups: u64,
    ) -> Result<(), GpuError> {
        let per_dim = u64::from(self.limits.max_compute_workgroups_per_dimension.max(1));
        let x = groups.min(per_dim);
        if x == 0 {
            return Ok(());
        }
        let y = groups.div_ceil(x);
        if y > per_dim {
            return Err(GpuError::Input(format!(
                "{groups} workgroups exceed this GPU's dispatch grid ({per_dim} × {per_dim})"
            )));
        }
        // Both fit in u32: they are at most the per-dimension limit, itself a u32.
        pass.dispatch_workgroups(x as u32, y as u32, 1);
        Ok(())
    }
}

/// Device errors captured between [`GpuContext::scope`] and [`ErrorScope::finish`].
pub(crate) struct ErrorScope {
    /// Internal, validation, out-of-memory: innermost first.
    guards: [wgpu::ErrorScopeGuard; 3],
    health: Arc<Health>,
}

impl ErrorScope {
    /// Pops the scopes (innermost first) and reports the first error any of them caught, or an
    /// error that escaped every scope.
    pub(crate) async fn finish(self) -> Result<(), GpuError> {
        let mut first = None;
        for guard in self.guards {
            if let Some(error) = guard.pop().await {
                first.get_or_insert(error.to_string());
            }
        }
        if first.is_none() {
            first = self.health.uncaptured.lock().unwrap_or_else(PoisonError::into_inner).take();
        }
        if let Some(why) = self.health.lost() {
            return Err(GpuError::DeviceLost(why));
        }
        match first {
            Some(why) => Err(GpuError::Device(why)),
            None => Ok(()),
        }
    }
}
