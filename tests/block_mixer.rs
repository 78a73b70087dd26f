//! The Mamba mixer and residual blocks against a PyTorch run of the official slow path
//! (tests/golden/gen_selective.py), weight loading from JSON and safetensors, and the
//! official initialisation.

use mamba_explainer::ssm::block::{Tensor, run_stack, trace_stack};
use mamba_explainer::ssm::selective::{inverse_softplus, softplus};
use mamba_explainer::ssm::{
    Mixer, MixerDims, MixerInit, MixerWeights, ResidualBlock, Rng, SsmError, StateDict,
};
use nalgebra::DMatrix;
use serde_json::{Value, json};

fn golden() -> Value {
    serde_json::from_str(include_str!("golden/mamba_block.json")).expect("golden file parses")
}

fn matrix(v: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).expect("a matrix");
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

fn rel_err(got: &DMatrix<f64>, want: &DMatrix<f64>) -> f64 {
    assert_eq!(got.shape(), want.shape());
    (got - want).amax() / want.amax().max(f64::MIN_POSITIVE)
}

fn mixer(case: &Value) -> Mixer {
    Mixer::from_state_dict(&StateDict::from_json(&case["weights"]).unwrap(), "").unwrap()
}

#[test]
fn mixer_matches_torch_on_every_case() {
    let golden = golden();
    let mut worst: f64 = 0.0;
    for case in golden["cases"].as_array().unwrap() {
        let mixer = mixer(case);
        let x = matrix(&case["x"]);
        let trace = mixer.trace(&x).unwrap();
        assert_eq!(trace.output.shape(), (x.nrows(), mixer.dims().d_model));
        let err = rel_err(&trace.output, &matrix(&case["y"]))
            .max(rel_err(&trace.last_state, &matrix(&case["last_state"])));
        assert!(err < 1e-12, "{}: relative error {err:e}", case["name"]);
        worst = worst.max(err);
        assert_eq!(mixer.forward(&x).unwrap(), trace.output);
    }
    eprintln!("worst relative error of the mixer against torch float64: {worst:e}");
}

#[test]
fn every_intermediate_matches_torch() {
    let golden = golden();
    let case = &golden["cases"][0];
    let inter = &case["intermediates"];
    let t = mixer(case).trace(&matrix(&case["x"])).unwrap();
    let d = mixer(case).dims();
    for (name, got) in [
        ("x", &t.x),
        ("z", &t.z),
        ("conv", &t.conv),
        ("x_act", &t.x_act),
        ("delta_r", &t.delta_r),
        ("dt", &t.dt),
        ("delta", &t.delta),
        ("B", &t.b),
        ("C", &t.c),
        ("y", &t.y),
        ("y_gated", &t.y_gated),
    ] {
        let err = rel_err(got, &matrix(&inter[name]));
        assert!(err < 1e-12, "{name}: relative error {err:e}");
    }
    let len = t.output.nrows();
    assert_eq!(t.y.component_mul(&t.gate()), t.y_gated);
    assert!(
        t.gate().iter().zip(t.z.iter()).all(|(g, z)| (g - z / (1.0 + (-z).exp())).abs() < 1e-15)
    );
    assert_eq!(t.x.shape(), (d.d_inner, len));
    assert_eq!(t.delta_r.shape(), (d.dt_rank, len));
    assert_eq!(t.b.shape(), (d.d_state, len));
    assert_eq!(t.a.shape(), (d.d_inner, d.d_state));
    assert!(t.a.iter().all(|&a| a < 0.0));
}

#[test]
fn a_stack_of_residual_blocks_matches_torch() {
    let golden = golden();
    let stack = &golden["stack"];
    let mut dict = StateDict::new();
    for (i, layer) in stack["layers"].as_array().unwrap().iter().enumerate() {
        for (name, value) in layer["mixer"].as_object().unwrap() {
            let full = format!("layers.{i}.mixer.{name}");
            dict.insert(&full, Tensor::from_json(&full, value).unwrap());
        }
        let name = format!("layers.{i}.norm.weight");
        dict.insert(&name, Tensor::from_json(&name, &layer["norm.weight"]).unwrap());
    }
    let blocks: Vec<ResidualBlock> = (0..2)
        .map(|i| ResidualBlock::from_state_dict(&dict, &format!("layers.{i}.")).unwrap())
        .collect();
    let outputs = run_stack(&blocks, &matrix(&stack["x"])).unwrap();
    let traces = trace_stack(&blocks, &matrix(&stack["x"])).unwrap();
    let wants = stack["block_outputs"].as_array().unwrap();
    assert_eq!((outputs.len(), traces.len()), (wants.len(), wants.len()));
    for ((got, trace), want) in outputs.iter().zip(&traces).zip(wants) {
        let err = rel_err(got, &matrix(want)).max(rel_err(&trace.output, &matrix(want)));
        assert!(err < 1e-12, "relative error {err:e}");
    }
    // Each block's mixer sees the normalized output of the block before it.
    let second = blocks[1].norm.forward(&traces[0].output).unwrap();
    assert_eq!(traces[1].normed, second);
}

#[test]
fn parameter_counts_are_the_sizes_of_the_weights() {
    let w = MixerInit::new(24).weights(&mut Rng::new(3)).unwrap();
    let dims = Mixer::new(w.clone()).unwrap().dims();
    let dict = w.to_state_dict("");
    for ((name, count), (same, shape)) in dims.parameters().into_iter().zip(dims.shapes()) {
        assert_eq!(dict.get(name).unwrap().data().len(), count, "{name}");
        assert_eq!((same, dict.get(name).unwrap().shape()), (name, shape.as_slice()));
    }
    assert_eq!(
        dims.parameter_count(),
        dict.names().map(|n| dict.get(n).unwrap().data().len()).sum::<usize>()
    );
    // mamba-130m: 24 blocks of d_model = 768 (N = 16, d_conv = 4, expand 2, dt_rank 48), each
    // with its RMSNorm, a tied 50280×768 embedding and a final norm: about 129 million.
    let big = MixerDims { d_model: 768, d_inner: 1536, d_state: 16, d_conv: 4, dt_rank: 48 };
    assert_eq!(big.parameter_count(), 3_770_880);
    let total = 24 * (big.parameter_count() + 768) + 50_280 * 768 + 768;
    assert_eq!(total, 129_135_360);
}

#[test]
fn initialisation_follows_the_official_recipe() {
    let init = MixerInit::new(40);
    assert_eq!((init.d_state, init.d_conv, init.expand, init.dt_rank), (16, 4, 2, 3));
    let w = init.weights(&mut Rng::new(11)).unwrap();
    let mixer = Mixer::new(w.clone()).unwrap();
    let d = mixer.dims();
    assert_eq!((d.d_model, d.d_inner, d.d_state, d.d_conv, d.dt_rank), (40, 80, 16, 4, 3));
    for row in w.a_log.row_iter() {
        for (n, &v) in row.iter().enumerate() {
            assert_eq!(v, ((n + 1) as f64).ln());
        }
    }
    assert!(w.d.iter().all(|&v| v == 1.0));
    // softplus(dt_proj.bias) recovers dt, log-uniform in [0.001, 0.1].
    let dts: Vec<f64> = w.dt_proj_bias.iter().map(|&b| softplus(b)).collect();
    assert!(dts.iter().all(|&dt| (0.001..=0.1).contains(&dt)), "{dts:?}");
    let mean_log = dts.iter().map(|dt| dt.ln()).sum::<f64>() / dts.len() as f64;
    assert!((mean_log - (0.001f64.ln() + 0.1f64.ln()) / 2.0).abs() < 0.4, "{mean_log}");
    assert!((softplus(inverse_softplus(0.01)) - 0.01).abs() < 1e-15);
    let bound = |m: &DMatrix<f64>, b: f64| m.iter().all(|v| v.abs() <= b) && m.amax() > 0.5 * b;
    assert!(bound(&w.in_proj, 1.0 / 40f64.sqrt()));
    assert!(bound(&w.x_proj, 1.0 / 80f64.sqrt()));
    assert!(bound(&w.out_proj, 1.0 / 80f64.sqrt()));
    assert!(bound(&w.conv_weight, 0.5));
    assert!(bound(&w.dt_proj_weight, 1.0 / 3f64.sqrt()));
    // Deterministic: the same seed gives the same weights, another seed others.
    assert_eq!(init.weights(&mut Rng::new(11)).unwrap(), w);
    assert_ne!(init.weights(&mut Rng::new(12)).unwrap(), w);
    // A freshly initialised block runs on any length.
    for len in [1, 2, 7] {
        let x = DMatrix::from_fn(len, 40, |i, j| ((i * 40 + j) as f64 * 0.37).sin());
        assert_eq!(mixer.forward(&x).unwrap().shape(), (len, 40));
    }
}

#[test]
fn state_dicts_round_trip_through_json_and_safetensors() {
    use safetensors::{Dtype, serialize, tensor::TensorView};
    let w =
        MixerInit { d_state: 3, d_conv: 2, ..MixerInit::new(5) }.weights(&mut Rng::new(2)).unwrap();
    let dict = w.to_state_dict("");
    assert_eq!(dict.get("conv1d.weight").unwrap().shape(), [10, 1, 2]);
    let as_json = json!(
        dict.names()
            .map(|n| (n.to_owned(), dict.get(n).unwrap().to_json()))
            .collect::<serde_json::Map<_, _>>()
    );
    assert_eq!(
        MixerWeights::from_state_dict(&StateDict::from_json(&as_json).unwrap(), "").unwrap(),
        w
    );
    // f64 safetensors give the same weights; f32 ones the weights rounded to f32.
    for dtype in [Dtype::F64, Dtype::F32] {
        let bytes: Vec<(String, Vec<u8>, Vec<usize>)> = dict
            .names()
            .map(|name| {
                let t = dict.get(name).unwrap();
                let raw = match dtype {
                    Dtype::F64 => t.data().iter().flat_map(|v| v.to_le_bytes()).collect(),
                    _ => t.data().iter().flat_map(|&v| (v as f32).to_le_bytes()).collect(),
                };
                (format!("backbone.layers.0.mixer.{name}"), raw, t.shape().to_vec())
            })
            .collect();
        let views: Vec<(String, TensorView<'_>)> = bytes
            .iter()
            .map(|(n, raw, shape)| (n.clone(), TensorView::new(dtype, shape.clone(), raw).unwrap()))
            .collect();
        let file = serialize(views, None).unwrap();
        let loaded = StateDict::from_safetensors(&file).unwrap();
        let back = MixerWeights::from_state_dict(&loaded, "backbone.layers.0.mixer.").unwrap();
        let err = (&back.in_proj - &w.in_proj).amax();
        match dtype {
            Dtype::F64 => assert_eq!(back, w),
            _ => assert!(err > 0.0 && err < 1e-7, "{err}"),
        }
    }
    assert!(StateDict::from_safetensors(b"not a safetensors file").is_err());
}

#[test]
fn bad_weights_are_named() {
    let golden = golden();
    let good = golden["cases"][0]["weights"].clone();
    let load = |weights: &Value| {
        StateDict::from_json(weights).and_then(|dict| Mixer::from_state_dict(&dict, ""))
    };
    assert!(load(&good).is_ok());
    for name in MixerWeights::NAMES {
        let mut bad = good.clone();
        bad.as_object_mut().unwrap().remove(name);
        match load(&bad) {
            Err(SsmError::Shape(m)) => assert!(m.contains(name) && m.contains("missing"), "{m}"),
            other => panic!("without {name}: {other:?}"),
        }
        // One row or entry too few.
        let mut bad = good.clone();
        let entry = bad.get_mut(name).unwrap().as_array_mut().unwrap();
        if entry.len() > 1 {
            entry.pop();
            match load(&bad) {
                Err(SsmError::Shape(m)) => assert!(m.contains(name), "{name}: {m}"),
                other => panic!("short {name}: {other:?}"),
            }
        }
    }
    let mut bad = good.clone();
    bad["conv1d.weight"] = json!([[1.0, 2.0]]);
    assert!(matches!(load(&bad), Err(SsmError::Shape(m)) if m.contains("conv1d.weight")));
    let mut bad = good.clone();
    bad["D"][0] = json!([1.0]);
    assert!(matches!(load(&bad), Err(SsmError::Shape(m)) if m.contains("rectangular")));
    let mixer = load(&good).unwrap();
    let d_model = mixer.dims().d_model;
    assert!(matches!(mixer.forward(&DMatrix::zeros(3, d_model + 1)), Err(SsmError::Shape(_))));
    assert!(matches!(mixer.forward(&DMatrix::zeros(0, d_model)), Err(SsmError::Domain(_))));
    let mut x = DMatrix::zeros(2, d_model);
    x[(1, 0)] = f64::INFINITY;
    assert!(matches!(mixer.forward(&x), Err(SsmError::NonFinite(_))));
}
