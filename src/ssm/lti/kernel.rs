//! The convolution view: the kernel K_k = C Abar^k Bbar, and causal convolution computed
//! directly and by FFT.

use super::cost::{direct_convolution_cost, fft_len, kernel_cost};
use super::discretize::Discretized;
use crate::ssm::validate::{elements, finite_slice, length, no_overflow, work};
use crate::ssm::{Result, SsmError};
use nalgebra::DVector;
use num_complex::Complex64;
use rustfft::{Fft, FftDirection};
use std::sync::Arc;

/// Refuses a system with more than one input or output, naming the operation.
pub(crate) fn require_siso(sys: &Discretized, what: &str) -> Result<()> {
    if sys.is_siso() {
        Ok(())
    } else {
        Err(SsmError::Shape(format!(
            "{what} needs one input and one output (B: N×1, C: 1×N), got B: {}×{}, C: {}×{}",
            sys.state_size(),
            sys.inputs(),
            sys.outputs(),
            sys.state_size()
        )))
    }
}

/// The SISO kernel K_0, …, K_{L−1}: the output at step k to a unit impulse at step 0.
///
/// Eqn: K_k = C Abar^k Bbar, computed as v_0 = Bbar, v_k = Abar v_{k−1}, K_k = C v_k.
/// Errors: not SISO, L = 0, L beyond the limits, or a kernel that overflows (unstable Abar).
pub fn kernel(sys: &Discretized, len: usize) -> Result<Vec<f64>> {
    require_siso(sys, "the kernel")?;
    length("the kernel", len)?;
    elements("the kernel", &[len])?;
    work("the kernel", kernel_cost(sys.state_size(), len).multiplies)?;
    let c = sys.c().row(0).transpose();
    let mut v: DVector<f64> = sys.b_bar().column(0).into_owned();
    let mut next = DVector::zeros(v.len());
    let mut out = Vec::with_capacity(len);
    for k in 0..len {
        if k > 0 {
            // Eqn: v_k = Abar v_{k−1}.
            next.gemv(1.0, sys.a_bar(), &v, 0.0);
            std::mem::swap(&mut v, &mut next);
        }
        out.push(c.dot(&v));
    }
    no_overflow("the kernel (Abar is unstable and its powers grew too large)", &out)?;
    Ok(out)
}

/// Checks a kernel and an input for the two convolutions.
fn check_operands(kernel: &[f64], x: &[f64]) -> Result<()> {
    length("the kernel", kernel.len())?;
    length("the input x", x.len())?;
    finite_slice("the kernel", kernel)?;
    finite_slice("x", x)
}

/// Causal convolution, the first L = `x.len()` outputs, term by term (O(L²)).
///
/// Eqn: y_k = Σ_{j=0}^{k} K_j x_{k−j}; kernel entries beyond its length count as 0.
pub fn convolve_direct(kernel: &[f64], x: &[f64]) -> Result<Vec<f64>> {
    check_operands(kernel, x)?;
    work("the direct convolution", direct_convolution_cost(x.len()).multiplies)?;
    let out = (0..x.len())
        .map(|k| {
            let taps = kernel.len().min(k + 1);
            (0..taps).map(|j| kernel[j] * x[k - j]).sum()
        })
        .collect();
    Ok(out)
}

/// Causal convolution, the first L = `x.len()` outputs, by FFT (O(L log L)).
///
/// Eqn: y = IFFT(FFT(K̃) · FFT(x̃)) / P, with K̃ and x̃ zero-padded to P = [`fft_len`]\(L).
pub fn convolve_fft(kernel: &[f64], x: &[f64]) -> Result<Vec<f64>> {
    Ok(fft_convolution(kernel, x, false)?.output)
}

/// The FFT convolution with its intermediate spectra kept, to show each stage.
#[derive(Debug, Clone, PartialEq)]
pub struct FftConvolution {
    /// The transform size P = [`fft_len`]\(L): both operands are zero-padded to it.
    pub size: usize,
    /// FFT(K̃), P entries.
    pub kernel_spectrum: Vec<Complex64>,
    /// FFT(x̃), P entries.
    pub input_spectrum: Vec<Complex64>,
    /// Their product FFT(K̃) · FFT(x̃), frequency by frequency: the spectrum of the output.
    pub output_spectrum: Vec<Complex64>,
    /// The first L outputs, IFFT(product) / P.
    pub output: Vec<f64>,
}

/// [`convolve_fft`], keeping the two input spectra and their product.
///
/// Convolution in time is multiplication in frequency: each output frequency needs only the
/// same frequency of K and x, so all of them are computed at once.
pub fn convolve_fft_spectra(kernel: &[f64], x: &[f64]) -> Result<FftConvolution> {
    fft_convolution(kernel, x, true)
}

/// The FFT of P = [`fft_len`]\(L) points (a power of two) in `direction`: rustfft's planner,
/// which natively picks the CPU's SIMD code.
#[cfg(not(target_arch = "wasm32"))]
fn plan_fft(p: usize, direction: FftDirection) -> Arc<dyn Fft<f64>> {
    rustfft::FftPlanner::new().plan_fft(p, direction)
}

/// The FFT of P = [`fft_len`]\(L) points (a power of two) in `direction`. On wasm32 the planner
/// is the scalar one; [`power_of_two_fft`] builds what it would build, without linking the
/// algorithms for other lengths into the page.
#[cfg(target_arch = "wasm32")]
fn plan_fft(p: usize, direction: FftDirection) -> Arc<dyn Fft<f64>> {
    power_of_two_fft(p, direction)
}

/// The FFT of a power-of-two length `p` exactly as rustfft's `FftPlannerScalar` (6.4) plans it:
/// the DFT for 1 point, a butterfly up to 32, then Radix4 over a butterfly of 8 (odd powers) or
/// 16 (even powers). The planner also holds the prime-size butterflies, Rader's, Bluestein's,
/// Good–Thomas and mixed radix, about 140 KB of the page's wasm (64 KB gzipped) that
/// power-of-two lengths never reach; the results are the planner's bit for bit (tested against it).
#[cfg(any(target_arch = "wasm32", test))]
fn power_of_two_fft(p: usize, direction: FftDirection) -> Arc<dyn Fft<f64>> {
    use rustfft::algorithm::butterflies::{
        Butterfly2, Butterfly4, Butterfly8, Butterfly16, Butterfly32,
    };
    use rustfft::algorithm::{Dft, Radix4};
    assert!(p.is_power_of_two(), "the FFT length {p} is not a power of two");
    match p {
        1 => Arc::new(Dft::new(p, direction)),
        2 => Arc::new(Butterfly2::new(direction)),
        4 => Arc::new(Butterfly4::new(direction)),
        8 => Arc::new(Butterfly8::new(direction)),
        16 => Arc::new(Butterfly16::new(direction)),
        32 => Arc::new(Butterfly32::new(direction)),
        _ => {
            let bits = p.trailing_zeros();
            let (base, base_bits): (Arc<dyn Fft<f64>>, u32) = if bits % 2 == 1 {
                (Arc::new(Butterfly8::new(direction)), 3)
            } else {
                (Arc::new(Butterfly16::new(direction)), 4)
            };
            Arc::new(Radix4::new_with_base((bits - base_bits) / 2, base))
        }
    }
}

/// The FFT convolution; the spectra are returned only when `keep` (else they are left empty,
/// and only the two working buffers are allocated).
fn fft_convolution(kernel: &[f64], x: &[f64], keep: bool) -> Result<FftConvolution> {
    check_operands(kernel, x)?;
    let len = x.len();
    let p = fft_len(len);
    // Two complex buffers of P entries, two f64 each, and three copies when the spectra are kept.
    elements("the FFT buffers", &[2 + 3 * usize::from(keep), 2, p])?;
    let padded = |xs: &[f64]| {
        let mut buf = vec![Complex64::new(0.0, 0.0); p];
        for (slot, &v) in buf.iter_mut().zip(xs.iter().take(len)) {
            slot.re = v;
        }
        buf
    };
    let (mut k_hat, mut x_hat) = (padded(kernel), padded(x));
    let forward = plan_fft(p, FftDirection::Forward);
    forward.process(&mut k_hat);
    forward.process(&mut x_hat);
    let spectra = keep.then(|| (k_hat.clone(), x_hat.clone()));
    for (xh, kh) in x_hat.iter_mut().zip(&k_hat) {
        *xh *= kh;
    }
    let output_spectrum = if keep { x_hat.clone() } else { Vec::new() };
    plan_fft(p, FftDirection::Inverse).process(&mut x_hat);
    // rustfft's inverse is unnormalised.
    let scale = 1.0 / p as f64;
    let (kernel_spectrum, input_spectrum) = spectra.unwrap_or_default();
    Ok(FftConvolution {
        size: p,
        kernel_spectrum,
        input_spectrum,
        output_spectrum,
        output: x_hat[..len].iter().map(|c| c.re * scale).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_power_of_two_fft_is_the_scalar_planners_bit_for_bit() {
        let mut planner = rustfft::FftPlannerScalar::<f64>::new();
        for bits in 0..=16 {
            let p = 1usize << bits;
            let input: Vec<Complex64> = (0..p)
                .map(|i| {
                    Complex64::new((i as f64 * 0.37).sin() + 0.1, (i as f64 * 1.3).cos() / 3.0)
                })
                .collect();
            for direction in [FftDirection::Forward, FftDirection::Inverse] {
                let (mut want, mut got) = (input.clone(), input.clone());
                planner.plan_fft(p, direction).process(&mut want);
                power_of_two_fft(p, direction).process(&mut got);
                let bits_of = |v: &[Complex64]| {
                    v.iter().flat_map(|c| [c.re.to_bits(), c.im.to_bits()]).collect::<Vec<_>>()
                };
                assert_eq!(bits_of(&got), bits_of(&want), "P = {p}, {direction:?}");
            }
        }
    }

    #[test]
    fn the_spectra_multiply_frequency_by_frequency() {
        let (k, x) = ([1.0, 0.5, 0.25, 0.125, 0.0625], [1.0, -1.0, 2.0, 0.0, 0.5]);
        let got = convolve_fft_spectra(&k, &x).unwrap();
        assert_eq!(got.size, fft_len(5));
        assert_eq!(got.kernel_spectrum.len(), got.size);
        for f in 0..got.size {
            let product = got.kernel_spectrum[f] * got.input_spectrum[f];
            assert!((product - got.output_spectrum[f]).norm() < 1e-12);
        }
        // The zero frequency is the plain sum.
        assert!((got.kernel_spectrum[0].re - k.iter().sum::<f64>()).abs() < 1e-12);
        let direct = convolve_direct(&k, &x).unwrap();
        for (a, b) in got.output.iter().zip(&direct) {
            assert!((a - b).abs() < 1e-12);
        }
        assert_eq!(convolve_fft(&k, &x).unwrap(), got.output);
        assert!(convolve_fft(&k, &x).is_ok());
    }
}
