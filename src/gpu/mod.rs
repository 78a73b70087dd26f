//! WebGPU compute through wgpu: the selective scan and a prefix sum in WGSL, natively (Vulkan,
//! lavapipe on CPU) and in the browser. f32 on the GPU; the CPU core in `ssm` is the reference.
