//! Finite-difference checks of every backward, and the forward against the PyTorch goldens of
//! the Mamba block (tests/golden/mamba_block.json).

use super::ops::*;
use super::scan::{Layout, ScanGrad, ScanIn, scan, scan_backward};
use super::*;
use crate::ssm::block::Tensor;
use crate::ssm::{Rng, StateDict};
use serde_json::Value;

fn randn(rng: &mut Rng, n: usize, scale: f64) -> Vec<f64> {
    (0..n).map(|_| scale * rng.normal()).collect()
}

/// Checks `grad` against central differences of `loss` at `x`, to a relative 1e-6.
fn check(what: &str, x: &[f64], grad: &[f64], loss: impl Fn(&[f64]) -> f64) {
    assert_eq!(x.len(), grad.len(), "{what}: gradient size");
    let h = 1e-6;
    for i in 0..x.len() {
        let (mut up, mut down) = (x.to_vec(), x.to_vec());
        up[i] += h;
        down[i] -= h;
        let fd = (loss(&up) - loss(&down)) / (2.0 * h);
        let tol = 1e-6 * (1.0 + fd.abs().max(grad[i].abs()));
        assert!(
            (fd - grad[i]).abs() < tol,
            "{what}[{i}]: backward {} vs finite difference {fd}",
            grad[i]
        );
    }
}

/// A random linear functional r·out, whose gradient with respect to out is r.
fn probe(out: &[f64], r: &[f64]) -> f64 {
    out.iter().zip(r).map(|(a, b)| a * b).sum()
}

#[test]
fn scalar_derivatives_match_finite_differences() {
    for x in [-30.0, -3.0, -0.4, 0.0, 0.7, 5.0, 19.9, 25.0] {
        let fd = |f: fn(f64) -> f64| (f(x + 1e-6) - f(x - 1e-6)) / 2e-6;
        assert!((fd(silu) - silu_grad(x)).abs() < 1e-8, "silu′({x})");
        assert!((fd(softplus) - softplus_grad(x)).abs() < 1e-8, "softplus′({x})");
    }
}

#[test]
fn linear_backward_matches_finite_differences() {
    let mut rng = Rng::new(1);
    let (rows, out, inp) = (3, 4, 5);
    let (x, w, r) = (
        randn(&mut rng, rows * inp, 1.0),
        randn(&mut rng, out * inp, 1.0),
        randn(&mut rng, rows * out, 1.0),
    );
    let (mut dx, mut dw) = (vec![0.0; x.len()], vec![0.0; w.len()]);
    linear_backward(&r, &x, &w, (rows, out, inp), &mut dx, &mut dw);
    check("linear dx", &x, &dx, |x| probe(&linear(x, &w, rows, out, inp), &r));
    check("linear dw", &w, &dw, |w| probe(&linear(&x, w, rows, out, inp), &r));
}

#[test]
fn rms_norm_backward_matches_finite_differences() {
    let mut rng = Rng::new(2);
    let (x, w, r) =
        (randn(&mut rng, 3 * 5, 1.0), randn(&mut rng, 5, 1.0), randn(&mut rng, 15, 1.0));
    let (_, rstd) = rms_norm(&x, &w, 1e-5);
    let (mut dx, mut dw) = (vec![0.0; x.len()], vec![0.0; w.len()]);
    rms_norm_backward(&r, &x, &rstd, &w, &mut dx, &mut dw);
    check("rms dx", &x, &dx, |x| probe(&rms_norm(x, &w, 1e-5).0, &r));
    check("rms dw", &w, &dw, |w| probe(&rms_norm(&x, w, 1e-5).0, &r));
}

#[test]
fn conv_backward_matches_finite_differences() {
    let mut rng = Rng::new(3);
    let (len, e, k) = (5, 3, 4);
    let (x, w, b) =
        (randn(&mut rng, len * e, 1.0), randn(&mut rng, e * k, 1.0), randn(&mut rng, e, 1.0));
    let r = randn(&mut rng, len * e, 1.0);
    let (mut dx, mut dw, mut db) = (vec![0.0; x.len()], vec![0.0; w.len()], vec![0.0; e]);
    conv_backward(&r, &x, &w, len, (&mut dx, &mut dw, &mut db));
    check("conv dx", &x, &dx, |x| probe(&conv(x, &w, &b, len), &r));
    check("conv dw", &w, &dw, |w| probe(&conv(&x, w, &b, len), &r));
    check("conv db", &b, &db, |b| probe(&conv(&x, &w, b, len), &r));
}

#[test]
fn cross_entropy_gradient_matches_finite_differences_and_ignores_minus_100() {
    let mut rng = Rng::new(4);
    let logits = randn(&mut rng, 4 * 3, 2.0);
    let targets = [2, -100, 0, 1];
    let (_, kept, d) = cross_entropy(&logits, &targets, 3, 1.0);
    assert_eq!(kept, 3);
    assert!(d[3..6].iter().all(|&v| v == 0.0));
    check("ce", &logits, &d, |l| {
        let (s, k, _) = cross_entropy(l, &targets, 3, 1.0);
        s / k as f64
    });
    assert_eq!(cross_entropy(&logits, &[-100; 4], 3, 1.0).1, 0);
}

#[test]
fn scan_backward_matches_finite_differences_selective_and_time_invariant() {
    let mut rng = Rng::new(5);
    let (len, e, n) = (4, 3, 2);
    for lti in [false, true] {
        let (delta_at, bc_at, steps, bcs) = if lti {
            (Layout { time: 0, channel: 1 }, Layout { time: 0, channel: n }, e, e * n)
        } else {
            (Layout { time: e, channel: 1 }, Layout { time: n, channel: 0 }, len * e, len * n)
        };
        let u = randn(&mut rng, len * e, 1.0);
        let delta: Vec<f64> = (0..steps).map(|_| 0.1 + rng.uniform()).collect();
        let a: Vec<f64> = (0..e * n).map(|_| -0.2 - rng.uniform()).collect();
        let (b, c, d) =
            (randn(&mut rng, bcs, 1.0), randn(&mut rng, bcs, 1.0), randn(&mut rng, e, 1.0));
        let r = randn(&mut rng, len * e, 1.0);
        let run = |u: &[f64], delta: &[f64], a: &[f64], b: &[f64], c: &[f64], d: &[f64]| {
            let s = ScanIn { u, delta, delta_at, a, b, c, bc_at, d, n };
            probe(&scan(&s).0, &r)
        };
        let s = ScanIn { u: &u, delta: &delta, delta_at, a: &a, b: &b, c: &c, bc_at, d: &d, n };
        let states = scan(&s).1;
        let mut g = [
            vec![0.0; u.len()],
            vec![0.0; steps],
            vec![0.0; e * n],
            vec![0.0; bcs],
            vec![0.0; bcs],
            vec![0.0; e],
        ];
        let [gu, gdelta, ga, gb, gc, gd] = &mut g;
        scan_backward(
            &s,
            &states,
            &r,
            ScanGrad { u: gu, delta: gdelta, a: ga, b: gb, c: gc, d: gd },
        );
        check("scan du", &u, &g[0], |x| run(x, &delta, &a, &b, &c, &d));
        check("scan dΔ", &delta, &g[1], |x| run(&u, x, &a, &b, &c, &d));
        check("scan dA", &a, &g[2], |x| run(&u, &delta, x, &b, &c, &d));
        check("scan dB", &b, &g[3], |x| run(&u, &delta, &a, x, &c, &d));
        check("scan dC", &c, &g[4], |x| run(&u, &delta, &a, &b, x, &d));
        check("scan dD", &d, &g[5], |x| run(&u, &delta, &a, &b, &c, x));
    }
}

fn small(kind: LayerKind, gate: bool, tied: bool, layers: usize) -> LmConfig {
    LmConfig {
        vocab: 5,
        d_model: 4,
        layers,
        d_inner: 8,
        d_state: 3,
        d_conv: 3,
        dt_rank: 2,
        kind,
        gate,
        tied,
    }
}

#[test]
fn model_backward_matches_finite_differences_for_every_weight() {
    let tokens = [1, 4, 0, 1, 2];
    let targets = [3, -100, 4, 0, 1];
    for (kind, gate, tied, layers) in [
        (LayerKind::S6, true, true, 2),
        (LayerKind::S6, true, false, 1),
        (LayerKind::S4, true, true, 2),
        (LayerKind::S6, false, true, 1),
        (LayerKind::S4, false, false, 1),
    ] {
        let cfg = small(kind, gate, tied, layers);
        let mut p = Params::<f64>::init(cfg, 7).unwrap();
        // Move every weight off its structured initial value so that no gradient is trivially 0.
        let mut rng = Rng::new(8);
        p.tensors.iter_mut().flatten().for_each(|v| *v += 0.3 * rng.normal());
        let mut g = Params::zeros(cfg);
        sequence_grad(&p, &tokens, &targets, 1.0, &mut g);
        let names = cfg.shapes();
        for (i, (name, _)) in names.iter().enumerate() {
            check(
                &format!("{kind:?} gate {gate} tied {tied}: {name}"),
                &p.tensors[i],
                &g.tensors[i],
                |w| {
                    let mut q = p.clone();
                    q.tensors[i] = w.to_vec();
                    let mut sink = Params::zeros(cfg);
                    let (loss, kept, _) = sequence_grad(&q, &tokens, &targets, 1.0, &mut sink);
                    loss / kept as f64
                },
            );
        }
    }
}

#[test]
fn adamw_first_step_moves_each_weight_by_the_learning_rate_against_its_gradient() {
    let cfg = small(LayerKind::S6, true, true, 1);
    let mut p = Params::<f64>::init(cfg, 1).unwrap();
    let before = p.clone();
    let mut g = Params::zeros(cfg);
    sequence_grad(&p, &[1, 2, 3], &[2, 3, 4], 1.0, &mut g);
    let mut opt = AdamW::new(&p, 1e-3);
    opt.step(&mut p, &g);
    for ((name, _), (w0, (w1, gr))) in
        cfg.shapes().iter().zip(before.tensors.iter().zip(p.tensors.iter().zip(&g.tensors)))
    {
        let decay = if name.ends_with("A_log") || name.ends_with(".D") { 0.0 } else { 1e-5 };
        for ((&a, &b), &gv) in w0.iter().zip(w1).zip(gr) {
            // m̂/√v̂ = sign(g) on the first step (up to ε).
            let want = a * (1.0 - decay) - 1e-3 * gv / (gv.abs() + 1e-8);
            assert!((b - want).abs() < 1e-12, "{name}: {b} vs {want}");
        }
    }
}

#[test]
fn residual_stream_matches_the_pytorch_stack_golden() {
    let golden: Value =
        serde_json::from_str(include_str!("../../tests/golden/mamba_block.json")).unwrap();
    let stack = &golden["stack"];
    let rows = |v: &Value| -> Vec<Vec<f64>> { serde_json::from_value(v.clone()).unwrap() };
    let x = rows(&stack["x"]);
    let (len, dm) = (x.len(), x[0].len());
    // The embedding holds x's rows and the tokens pick them in order, so the stream starts at x.
    let mut dict = StateDict::new();
    let flat: Vec<f64> = x.concat();
    dict.insert("backbone.embedding.weight", Tensor::new("e", vec![len, dm], flat).unwrap());
    dict.insert("backbone.norm_f.weight", Tensor::new("n", vec![dm], vec![1.0; dm]).unwrap());
    for (i, layer) in stack["layers"].as_array().unwrap().iter().enumerate() {
        let mixer = StateDict::from_json(&layer["mixer"]).unwrap();
        for name in mixer.names() {
            dict.insert(
                &format!("backbone.layers.{i}.mixer.{name}"),
                mixer.get(name).unwrap().clone(),
            );
        }
        let norm: Vec<f64> = serde_json::from_value(layer["norm.weight"].clone()).unwrap();
        dict.insert(
            &format!("backbone.layers.{i}.norm.weight"),
            Tensor::new("w", vec![dm], norm).unwrap(),
        );
    }
    let p = Params::<f64>::from_state_dict(&dict, LayerKind::S6, true).unwrap();
    let tokens: Vec<usize> = (0..len).collect();
    let cache = forward(&p, &tokens);
    let outputs = stack["block_outputs"].as_array().unwrap();
    let streams = cache.block_outputs();
    for (got, want) in streams.iter().zip(outputs) {
        for (g, w) in got.iter().zip(rows(want).concat()) {
            assert!((g - w).abs() <= 1e-10 * (1.0 + w.abs()), "{g} vs {w}");
        }
    }
}

#[test]
fn fast_exp_is_within_two_ulp_of_f32_exp() {
    let mut worst = 0.0f64;
    for i in 0..=200_000 {
        let x = -87.0 + 175.0 * i as f32 / 200_000.0;
        let (fast, exact) = (super::fast_exp(x) as f64, (x as f64).exp());
        worst = worst.max((fast - exact).abs() / exact);
    }
    assert!(worst < 2.0 * f32::EPSILON as f64, "worst relative error {worst:e}");
    assert_eq!(super::fast_exp(-1e4), super::fast_exp(-87.0));
    assert!(super::fast_exp(1e4).is_finite());
}
