//! `mamba-explainer figure` as a user runs it: `--list`, files written whole, exit code 2 and
//! no file for an unknown id, a bad query or a bad size.

use std::path::PathBuf;
use std::process::{Command, Output};

fn figure(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamba-explainer"))
        .arg("figure")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A fresh folder for this test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mx-figure-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

#[test]
fn list_prints_one_lesson_slash_figure_per_line() {
    let out = figure(&["--list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let ids: Vec<&str> = text.lines().collect();
    assert!(ids.len() >= 47, "{} ids", ids.len());
    for id in &ids {
        let (lesson, name) = id.split_once('/').expect(id);
        assert!(!lesson.is_empty() && !name.is_empty() && !name.contains('/'), "{id}");
    }
    assert!(ids.contains(&"discretize/hold") && ids.contains(&"origins/output"));
}

#[test]
fn files_are_written_in_both_formats() {
    let dir = folder("ok");
    let svg = dir.join("hold.svg");
    let png = dir.join("hold_ko.png");
    let q = "d=0.8&m=euler";
    let out = figure(&["discretize/hold", "--query", q, "-o", svg.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&svg).expect("svg written");
    assert!(text.starts_with("<svg") && text.contains("<text"));
    let args = ["discretize/hold", "--lang", "ko", "--format", "png", "--width", "300"];
    let out = figure(&[&args[..], &["-o", png.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&png).expect("png written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    // Nothing but the two files (no temporary left behind).
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    // Without -o the figure goes to stdout.
    let out = figure(&["state/grid", "--width", "200"]);
    assert!(out.status.success() && out.stdout.starts_with(b"<svg"));
}

#[test]
fn failures_exit_2_with_a_message_and_write_nothing() {
    let dir = folder("bad");
    let file = dir.join("out.png");
    let path = file.to_str().unwrap();
    for args in [
        vec!["nope/figure", "-o", path],
        vec!["discretize/hold", "--query", "d=50", "-o", path],
        vec!["discretize/hold", "--query", "colour=red", "-o", path],
        vec!["discretize/hold", "--width", "10", "-o", path],
        vec!["discretize/hold", "--format", "gif", "-o", path],
        vec!["discretize/hold", "--lang", "fr", "-o", path],
    ] {
        let out = figure(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
        assert!(!said.trim().is_empty(), "{args:?} says nothing");
        assert!(!file.exists(), "{args:?} wrote a file");
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
