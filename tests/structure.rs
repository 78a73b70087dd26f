//! The shape of `src/`, checked from the source text (std only, no parser crate): no import
//! cycles between files, no file over 600 lines, no function in `src/ui` over 150 lines, and at
//! most 12 `.rs` files at the top of `src/ssm`. Each check fails listing every offender.
//!
//! How a file depends on another (the import graph):
//! - A file's module path comes from where it lies (`src/ssm/kernel.rs` is `crate::ssm::kernel`,
//!   `src/ssm/mod.rs` is `crate::ssm`); the crate uses no `#[path]`.
//! - Edges come from `use` declarations and from paths in code that start with `crate::`,
//!   `super::`, `self::`, `mamba_explainer::` (the binaries), a child module's name, or a module
//!   the file imported (`use super::kernel;` then `kernel::f()`).
//! - A path resolves to the file of its longest prefix that is a module file (`a::b::Item` →
//!   `a/b.rs` or `a/b/mod.rs`). If the next name is not defined in that file but imported there
//!   (a re-export, or a parent's import seen by a child through `super::`), the path is followed
//!   through that import, so an item counts for the file that defines it; a name the file neither
//!   defines nor imports counts for the file itself.
//! - A module's file stands for its folder: what a file inside `course/` needs from outside
//!   `course` (say `route.rs`), `course/mod.rs` needs too, since it declares that file. So
//!   `route.rs → course/mod.rs` (for `Lesson`) and `course/block.rs → route.rs` are a cycle
//!   `route.rs ↔ course/mod.rs`.
//! - A file using an item of its own ancestor module (`use super::Edit;` in `hippo/memory.rs`,
//!   `Edit` defined in `hippo/mod.rs`) is part of that module, not a dependency on it: that
//!   edge is left out, so a parent and its own children may use each other's items (the parent
//!   composes its panels; the panels share its types). Cycles between siblings, and between a
//!   folder and anything outside it, are all reported.
//! - A module's re-export of its own descendants (`pub use kernel::Kernel;` in `ssm/mod.rs`) is
//!   its table of contents: it adds no edge of its own, and users are resolved through it to the
//!   defining file, so `use super::Kernel` in a sibling is an edge to `kernel.rs`, not `mod.rs`.
//! - `#[cfg(test)]` items (test modules and their `use super::*`) are left out.
//!
//! A cycle is a strongly connected set of two or more files; each is reported with the imports
//! (file:line and path) that close it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_UI_FN_LINES: usize = 150;
const MAX_SSM_TOP_FILES: usize = 12;

/// Every `.rs` file under `dir`, as (path relative to the crate root, text), sorted.
fn sources(dir: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("read src/").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            (rel, fs::read_to_string(&p).expect("read a source file"))
        })
        .collect()
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

// ---------------------------------------------------------------------------------------------
// Lexing: the code with comments, strings and chars blanked (newlines kept, so lines still count).

/// `text` with comments and the insides of string and char literals replaced by spaces.
fn strip(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(c.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.extend([' ', ' ']);
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.extend([' ', ' ']);
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(&c, i) {
            // r"…", r#"…"#, br"…": ends at a quote followed by the same number of #.
            let open = c[i..].iter().position(|&x| x == '"').unwrap() + i;
            out.extend(std::iter::repeat_n(' ', open + 1 - i));
            i = open + 1;
            while i < c.len() {
                if c[i] == '"' && (0..hashes).all(|k| c.get(i + 1 + k) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if c[i] == '"' {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '"' {
                let step = if c[i] == '\\' { 2 } else { 1 };
                for k in 0..step {
                    if let Some(&x) = c.get(i + k) {
                        out.push(blank(x));
                    }
                }
                i += step;
            }
            out.push(' ');
            i += 1;
        } else if c[i] == '\'' && is_char_literal(&c, i) {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '\'' {
                let step = if c[i] == '\\' { 2 } else { 1 };
                out.extend(std::iter::repeat_n(' ', step));
                i += step;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// The number of `#` of a raw string starting at `i` (`r"`, `r#"`, `br"`), if one does.
fn raw_string_start(c: &[char], i: usize) -> Option<usize> {
    if i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_') {
        return None;
    }
    let mut j = i;
    if c.get(j) == Some(&'b') {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = c[j..].iter().take_while(|&&x| x == '#').count();
    (c.get(j + hashes) == Some(&'"')).then_some(hashes)
}

/// Whether the `'` at `i` opens a char literal (`'a'`, `'\n'`) rather than a lifetime (`'a`).
fn is_char_literal(c: &[char], i: usize) -> bool {
    match c.get(i + 1) {
        Some('\\') => true,
        Some(_) => c.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// The 1-based line of char offset `at` in `code`.
fn line_of(code: &[char], at: usize) -> usize {
    code[..at.min(code.len())].iter().filter(|&&x| x == '\n').count() + 1
}

fn is_ident(x: char) -> bool {
    x.is_alphanumeric() || x == '_'
}

/// The identifier starting at `i`, if any.
fn ident_at(c: &[char], i: usize) -> Option<String> {
    if i < c.len() && (c[i].is_alphabetic() || c[i] == '_') && (i == 0 || !is_ident(c[i - 1])) {
        Some(c[i..].iter().take_while(|&&x| is_ident(x)).collect())
    } else {
        None
    }
}

fn skip_ws(c: &[char], mut i: usize) -> usize {
    while i < c.len() && c[i].is_whitespace() {
        i += 1;
    }
    i
}

/// The offset just past the bracket that closes the one at `open`.
fn matching(c: &[char], open: usize) -> usize {
    let (o, cl) = (
        c[open],
        match c[open] {
            '{' => '}',
            '(' => ')',
            _ => ']',
        },
    );
    let mut depth = 0;
    for (k, &x) in c.iter().enumerate().skip(open) {
        if x == o {
            depth += 1;
        } else if x == cl {
            depth -= 1;
            if depth == 0 {
                return k + 1;
            }
        }
    }
    c.len()
}

/// The end of the item starting at `i`: past its first `;` or its first `{ … }` block.
fn item_end(c: &[char], i: usize) -> usize {
    let mut k = i;
    while k < c.len() {
        match c[k] {
            ';' => return k + 1,
            '{' => return matching(c, k),
            '(' | '[' => k = matching(c, k),
            _ => k += 1,
        }
    }
    c.len()
}

/// `code` with every `#[cfg(test)]` item (a test module, a test-only `use`) blanked.
fn without_tests(code: &str) -> String {
    let mut c: Vec<char> = code.chars().collect();
    let pattern: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + pattern.len() <= c.len() {
        if c[i..i + pattern.len()] == pattern[..] {
            let end = item_end(&c, i + pattern.len());
            for x in &mut c[i..end] {
                if *x != '\n' {
                    *x = ' ';
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    c.into_iter().collect()
}

// ---------------------------------------------------------------------------------------------
// Files, their imports and the paths in their code.

/// One `use` leaf: `use a::b::{c as d, e::*};` gives (a::b::c, "d") and (a::b::e, glob).
#[derive(Clone, Debug)]
struct Import {
    path: Vec<String>,
    name: String,
    glob: bool,
    public: bool,
    line: usize,
    /// The inline modules (`mod palette { … }`) the `use` sits in, outermost first.
    scope: Vec<String>,
}

#[derive(Debug, Default)]
struct File {
    module: Vec<String>,
    defines: BTreeSet<String>,
    imports: Vec<Import>,
    /// Paths in code (outside `use`), with their lines and inline-module scopes.
    paths: Vec<(Vec<String>, usize, Vec<String>)>,
}

/// The module path of a file: `src/ssm/kernel.rs` → [ssm, kernel]; `src/ssm/mod.rs` → [ssm].
fn module_of(path: &str) -> Vec<String> {
    let rel = path.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// Whether the item at `i` is declared `pub`, `pub(crate)`, `pub(super)` or `pub(in …)`.
fn preceded_by_pub(c: &[char], i: usize) -> bool {
    let mut k = i;
    while k > 0 && c[k - 1].is_whitespace() {
        k -= 1;
    }
    if k > 0 && c[k - 1] == ')' {
        let mut depth = 0;
        while k > 0 {
            k -= 1;
            match c[k] {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        while k > 0 && c[k - 1].is_whitespace() {
            k -= 1;
        }
    }
    k >= 3 && c[k - 3..k] == ['p', 'u', 'b'] && (k == 3 || !is_ident(c[k - 4]))
}

/// Whether the path at `i` is the one in a `pub(in path)` visibility, which is no dependency.
fn in_visibility(c: &[char], i: usize) -> bool {
    let mut k = i;
    while k > 0 && c[k - 1].is_whitespace() {
        k -= 1;
    }
    if k < 2 || c[k - 2..k] != ['i', 'n'] {
        return false;
    }
    k -= 2;
    while k > 0 && c[k - 1].is_whitespace() {
        k -= 1;
    }
    k > 0 && c[k - 1] == '('
}

/// Parses a use tree starting at `i` (after `use`) into leaves prefixed by `prefix`.
fn use_tree(
    c: &[char],
    mut i: usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, String, bool)>,
) -> usize {
    let mut path = prefix;
    loop {
        i = skip_ws(c, i);
        if c.get(i) == Some(&'{') {
            i += 1;
            loop {
                i = skip_ws(c, i);
                if c.get(i) == Some(&'}') {
                    return i + 1;
                }
                i = use_tree(c, i, path.clone(), out);
                i = skip_ws(c, i);
                if c.get(i) == Some(&',') {
                    i += 1;
                }
            }
        } else if c.get(i) == Some(&'*') {
            out.push((path, "*".into(), true));
            return i + 1;
        } else if let Some(id) = ident_at(c, i) {
            i += id.len();
            let j = skip_ws(c, i);
            if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
                path.push(id);
                i = j + 2;
                continue;
            }
            let (mut name, mut leaf) = (id.clone(), path.clone());
            if id != "self" {
                leaf.push(id);
            } else {
                name = leaf.last().cloned().unwrap_or_default();
            }
            if ident_at(c, j).as_deref() == Some("as") {
                let k = skip_ws(c, j + 2);
                if let Some(alias) = ident_at(c, k) {
                    name = alias.clone();
                    i = k + alias.len();
                }
            }
            out.push((leaf, name, false));
            return i;
        } else {
            return i + 1;
        }
    }
}

const ITEM_KEYWORDS: [&str; 9] =
    ["fn", "struct", "enum", "trait", "type", "const", "static", "union", "mod"];

/// Reads one file: what it defines, what it imports, and the module paths in its code.
fn parse(path: &str, text: &str, children: &BTreeSet<String>) -> File {
    let code: Vec<char> = without_tests(&strip(text)).chars().collect();
    let mut file = File { module: module_of(path), ..File::default() };
    // Inline modules: `super` and `self` inside them start from them.
    let mut inline: Vec<(usize, usize, String)> = Vec::new();
    for i in 0..code.len() {
        if ident_at(&code, i).as_deref() == Some("mod") {
            let at = skip_ws(&code, i + 3);
            if let Some(name) = ident_at(&code, at) {
                let open = skip_ws(&code, at + name.len());
                if code.get(open) == Some(&'{') {
                    inline.push((open, matching(&code, open), name));
                }
            }
        }
    }
    let scope_at = |pos: usize| -> Vec<String> {
        inline.iter().filter(|(a, b, _)| *a < pos && pos < *b).map(|(_, _, n)| n.clone()).collect()
    };
    let mut in_use = vec![false; code.len()];
    let mut i = 0;
    while i < code.len() {
        let Some(word) = ident_at(&code, i) else {
            i += 1;
            continue;
        };
        let after = i + word.len();
        if word == "use" && code.get(after).is_some_and(|x| x.is_whitespace()) {
            let public = preceded_by_pub(&code, i);
            let mut leaves = Vec::new();
            let end = use_tree(&code, after, Vec::new(), &mut leaves);
            let line = line_of(&code, i);
            for (path, name, glob) in leaves {
                file.imports.push(Import { path, name, glob, public, line, scope: scope_at(i) });
            }
            for flag in &mut in_use[i..end.min(code.len())] {
                *flag = true;
            }
            i = end;
            continue;
        }
        if ITEM_KEYWORDS.contains(&word.as_str()) {
            let at = skip_ws(&code, after);
            if let Some(name) = ident_at(&code, at) {
                file.defines.insert(name);
            }
        }
        if word == "macro_rules" {
            let k = skip_ws(&code, after + 1);
            if let Some(name) = ident_at(&code, k) {
                file.defines.insert(name);
            }
        }
        i = after;
    }
    // Paths in code: an identifier chain joined by `::` whose head can name one of our modules.
    let aliases: BTreeSet<String> =
        file.imports.iter().filter(|u| !u.glob).map(|u| u.name.clone()).collect();
    let mut i = 0;
    while i < code.len() {
        let Some(head) = ident_at(&code, i) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut segs = vec![head.clone()];
        i += head.len();
        while code.get(i) == Some(&':') && code.get(i + 1) == Some(&':') {
            // A `::` before a non-identifier (`f::<T>()`) ends the path.
            match ident_at(&code, i + 2) {
                Some(next) => {
                    i += 2 + next.len();
                    segs.push(next);
                }
                None => break,
            }
        }
        let known = matches!(head.as_str(), "crate" | "super" | "self" | "mamba_explainer")
            || children.contains(&head)
            || aliases.contains(&head);
        let preceded_by_colons = start >= 2 && code[start - 1] == ':' && code[start - 2] == ':';
        if segs.len() > 1
            && known
            && !in_use[start]
            && !preceded_by_colons
            && !in_visibility(&code, start)
        {
            file.paths.push((segs, line_of(&code, start), scope_at(start)));
        }
    }
    file
}

// ---------------------------------------------------------------------------------------------
// The graph.

/// Files by module path, with the edges between them.
struct Graph {
    names: Vec<String>,
    files: Vec<File>,
    by_module: BTreeMap<Vec<String>, usize>,
    /// (from, to) → the first import that makes the edge: "line: path".
    edges: BTreeMap<(usize, usize), String>,
}

impl Graph {
    /// Builds the graph of `sources` ((path, text) pairs with paths like `src/a/b.rs`).
    fn new(sources: &[(String, String)]) -> Graph {
        let lib: Vec<&(String, String)> = sources
            .iter()
            .filter(|(p, _)| p != "src/main.rs" && !p.starts_with("src/bin/"))
            .collect();
        let modules: BTreeSet<Vec<String>> = lib.iter().map(|(p, _)| module_of(p)).collect();
        let mut names = Vec::new();
        let mut files = Vec::new();
        for (path, text) in sources {
            let binary = !lib.iter().any(|(p, _)| p == path);
            let module = if binary { vec![format!("<{path}>")] } else { module_of(path) };
            let children: BTreeSet<String> = modules
                .iter()
                .filter(|m| !binary && m.len() == module.len() + 1 && m.starts_with(&module))
                .map(|m| m.last().unwrap().clone())
                .collect();
            let mut file = parse(path, text, &children);
            file.module = module;
            names.push(path.clone());
            files.push(file);
        }
        let by_module = files.iter().enumerate().map(|(i, f)| (f.module.clone(), i)).collect();
        let mut graph = Graph { names, files, by_module, edges: BTreeMap::new() };
        graph.link();
        graph
    }

    /// An absolute module path for `path` as written in file `f`, or None if it leaves the crate.
    fn absolute(&self, f: usize, scope: &[String], path: &[String]) -> Option<Vec<String>> {
        self.absolute_at(f, scope, path, 0)
    }

    /// `absolute`, following at most a few imported names (`use a::b; b::c` → `a::b::c`).
    fn absolute_at(
        &self,
        f: usize,
        scope: &[String],
        path: &[String],
        depth: usize,
    ) -> Option<Vec<String>> {
        let file = &self.files[f];
        let here = &[file.module.as_slice(), scope].concat();
        let mut rest = path;
        let mut base: Vec<String> = match path.first()?.as_str() {
            "crate" if here.first().is_some_and(|m| m.starts_with('<')) => return None,
            "crate" | "mamba_explainer" => {
                rest = &path[1..];
                Vec::new()
            }
            "self" => {
                rest = &path[1..];
                here.clone()
            }
            "super" => {
                let mut m = here.clone();
                while rest.first().is_some_and(|s| s == "super") {
                    m.pop();
                    rest = &rest[1..];
                }
                m
            }
            head => {
                let mut child = here.clone();
                child.push(head.to_owned());
                if self.by_module.contains_key(&child) {
                    here.clone()
                } else if let Some(u) = file
                    .imports
                    .iter()
                    .find(|u| !u.glob && u.name == head && u.path.len() > 1 && depth < 4)
                {
                    let mut target = self.absolute_at(f, &u.scope, &u.path, depth + 1)?;
                    target.extend(rest[1..].iter().cloned());
                    return Some(target);
                } else {
                    return None;
                }
            }
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file that defines what the absolute path `path` names (see the rules at the top).
    fn resolve(&self, path: &[String], depth: usize) -> Option<usize> {
        let cut = (0..=path.len()).rev().find(|&k| self.by_module.contains_key(&path[..k]))?;
        let target = self.by_module[&path[..cut]];
        let rest = &path[cut..];
        let Some(name) = rest.first() else { return Some(target) };
        let file = &self.files[target];
        if file.defines.contains(name) || depth > 16 {
            return Some(target);
        }
        let follow = |u: &Import, tail: &[String]| {
            let mut p = self.absolute(target, &u.scope, &u.path)?;
            p.extend(tail.iter().cloned());
            self.resolve(&p, depth + 1)
        };
        if let Some(u) = file.imports.iter().find(|u| !u.glob && &u.name == name) {
            return follow(u, &rest[1..]).or(Some(target));
        }
        for u in file.imports.iter().filter(|u| u.glob) {
            if let Some(t) = follow(u, rest)
                && t != target
                && self.files[t].defines.contains(name)
            {
                return Some(t);
            }
        }
        Some(target)
    }

    fn link(&mut self) {
        let mut edges = BTreeMap::new();
        for f in 0..self.files.len() {
            let here = self.files[f].module.clone();
            let name = &self.names[f];
            let files = &self.files;
            let mut add = |to: usize, why: String| {
                let up = &files[to].module;
                let ancestor = up.len() < here.len() && here.starts_with(up);
                if to != f && !ancestor {
                    edges.entry((f, to)).or_insert(format!("{name}:{why}"));
                }
            };
            for u in &self.files[f].imports {
                let Some(abs) = self.absolute(f, &u.scope, &u.path) else { continue };
                let Some(to) = self.resolve(&abs, 0) else { continue };
                // A module re-exporting its own descendants: its table of contents.
                let deeper = &self.files[to].module;
                let facade = u.public && deeper.len() > here.len() && deeper.starts_with(&here);
                if !facade {
                    let glob = if u.glob { "::*" } else { "" };
                    add(to, format!("{}: use {}{glob}", u.line, u.path.join("::")));
                }
            }
            for (path, line, scope) in &self.files[f].paths {
                let Some(abs) = self.absolute(f, scope, path) else { continue };
                if let Some(to) = self.resolve(&abs, 0) {
                    add(to, format!("{line}: {}", path.join("::")));
                }
            }
        }
        // A module file stands for its folder: what a descendant needs from outside the
        // module, the module's file needs too (it declares the descendant).
        let mut lifted = BTreeMap::new();
        for (&(from, to), why) in &edges {
            let (inner, outer) = (&self.files[from].module, &self.files[to].module);
            for k in 1..inner.len() {
                let ancestor = &inner[..k];
                if let Some(&m) = self.by_module.get(ancestor)
                    && !outer.starts_with(ancestor)
                    && m != to
                {
                    lifted.entry((m, to)).or_insert(format!("through {why}"));
                }
            }
        }
        for (key, why) in lifted {
            edges.entry(key).or_insert(why);
        }
        self.edges = edges;
    }

    /// Every set of two or more files that import each other, directly or around a loop.
    fn cycles(&self) -> Vec<Vec<usize>> {
        // Tarjan's strongly connected components.
        struct State {
            index: Vec<Option<usize>>,
            low: Vec<usize>,
            on_stack: Vec<bool>,
            stack: Vec<usize>,
            next: usize,
            out: Vec<Vec<usize>>,
        }
        fn visit(g: &Graph, v: usize, s: &mut State) {
            s.index[v] = Some(s.next);
            s.low[v] = s.next;
            s.next += 1;
            s.stack.push(v);
            s.on_stack[v] = true;
            for (&(_, w), _) in g.edges.range((v, 0)..(v + 1, 0)) {
                match s.index[w] {
                    None => {
                        visit(g, w, s);
                        s.low[v] = s.low[v].min(s.low[w]);
                    }
                    Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                    _ => {}
                }
            }
            if Some(s.low[v]) == s.index[v] {
                let mut component = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort_unstable();
                    s.out.push(component);
                }
            }
        }
        let n = self.files.len();
        let mut s = State {
            index: vec![None; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            next: 0,
            out: Vec::new(),
        };
        for v in 0..n {
            if s.index[v].is_none() {
                visit(self, v, &mut s);
            }
        }
        for c in &mut s.out {
            c.sort_by_key(|&i| &self.names[i]);
        }
        s.out.sort_by_key(|c| self.names[c[0]].clone());
        s.out
    }

    /// A cycle as text: its files, then each import between them.
    fn describe(&self, cycle: &[usize]) -> String {
        let files: Vec<&str> = cycle.iter().map(|&i| self.names[i].as_str()).collect();
        let mut text = format!("cycle: {}\n", files.join(" ↔ "));
        for (&(a, b), why) in &self.edges {
            if cycle.contains(&a) && cycle.contains(&b) {
                text += &format!("    {} → {}  ({why})\n", self.names[a], self.names[b]);
            }
        }
        text
    }
}

// ---------------------------------------------------------------------------------------------
// Function lengths.

/// Every `fn` in `text` with its name, first line and length in lines (the `fn` line to the
/// line of its closing brace); declarations without a body are skipped.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let code: Vec<char> = strip(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let Some(word) = ident_at(&code, i) else {
            i += 1;
            continue;
        };
        let after = i + word.len();
        let name = (word == "fn").then(|| ident_at(&code, skip_ws(&code, after))).flatten();
        if let Some(name) = name {
            let mut k = after;
            while k < code.len() && code[k] != '{' && code[k] != ';' {
                k = if code[k] == '(' || code[k] == '[' { matching(&code, k) } else { k + 1 };
            }
            if code.get(k) == Some(&'{') {
                let end = matching(&code, k);
                let (first, last) = (line_of(&code, i), line_of(&code, end - 1));
                out.push((name, first, last - first + 1));
            }
        }
        i = after;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The checks on src/.

#[test]
fn no_import_cycles_between_files() {
    let graph = Graph::new(&sources(&src_dir()));
    let cycles = graph.cycles();
    let report: String = cycles.iter().map(|c| graph.describe(c)).collect();
    assert!(cycles.is_empty(), "{} import cycle(s) between files in src/:\n{report}", cycles.len());
}

#[test]
fn no_file_over_600_lines() {
    let long: Vec<String> = sources(&src_dir())
        .iter()
        .map(|(p, t)| (p, t.lines().count()))
        .filter(|&(_, n)| n > MAX_FILE_LINES)
        .map(|(p, n)| format!("    {p}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "{} file(s) in src/ over {MAX_FILE_LINES} lines:\n{}",
        long.len(),
        long.join("\n")
    );
}

#[test]
fn no_ui_function_over_150_lines() {
    let mut long: Vec<(usize, String)> = Vec::new();
    for (path, text) in sources(&src_dir().join("ui")) {
        for (name, line, n) in functions(&text) {
            if n > MAX_UI_FN_LINES {
                long.push((n, format!("    {path}:{line} fn {name}: {n} lines")));
            }
        }
    }
    long.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let list: Vec<String> = long.into_iter().map(|(_, s)| s).collect();
    assert!(
        list.is_empty(),
        "{} function(s) in src/ui over {MAX_UI_FN_LINES} lines:\n{}",
        list.len(),
        list.join("\n")
    );
}

#[test]
fn at_most_12_files_at_the_top_of_ssm() {
    let dir = src_dir().join("ssm");
    let mut top: Vec<String> = fs::read_dir(&dir)
        .expect("read src/ssm")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert!(
        top.len() <= MAX_SSM_TOP_FILES,
        "{} .rs files at the top of src/ssm (at most {MAX_SSM_TOP_FILES}): {}",
        top.len(),
        top.join(", ")
    );
}

// ---------------------------------------------------------------------------------------------
// The checker checks itself on small made-up crates.

fn made_up(files: &[(&str, &str)]) -> Graph {
    let owned: Vec<(String, String)> =
        files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    Graph::new(&owned)
}

fn cycle_names(g: &Graph) -> Vec<Vec<String>> {
    g.cycles().iter().map(|c| c.iter().map(|&i| g.names[i].clone()).collect()).collect()
}

#[test]
fn finds_a_two_file_cycle() {
    let g = made_up(&[
        ("src/lib.rs", "pub mod a;\npub mod b;\n"),
        ("src/a.rs", "use crate::b::B;\npub struct A(pub B);\n"),
        ("src/b.rs", "pub struct B;\nimpl B { pub fn a(&self) -> crate::a::A { todo!() } }\n"),
    ]);
    assert_eq!(cycle_names(&g), vec![vec!["src/a.rs".to_string(), "src/b.rs".to_string()]]);
    assert!(
        g.describe(&g.cycles()[0]).contains("(src/b.rs:2: crate::a::A)"),
        "{}",
        g.describe(&g.cycles()[0])
    );
}

#[test]
fn follows_re_exports_and_ignores_test_modules() {
    let g = made_up(&[
        ("src/lib.rs", "pub mod m;\npub mod user;\n"),
        // A facade: re-exports its children; `c` uses `k` through the facade.
        ("src/m/mod.rs", "mod c;\nmod k;\npub use c::C;\npub use k::{K, helper as h};\n"),
        (
            "src/m/k.rs",
            "pub struct K;\npub fn helper() {}\n#[cfg(test)]\nmod tests {\n    use super::super::C;\n}\n",
        ),
        ("src/m/c.rs", "use super::K;\npub struct C(K);\nfn f() { super::h(); }\n"),
        (
            "src/user.rs",
            "use crate::m::{C, K};\n// use crate::user::X; in a comment\nconst S: &str = \"crate::m::C\";\n",
        ),
    ]);
    assert!(cycle_names(&g).is_empty(), "{:?}", cycle_names(&g));
    let edges: BTreeSet<(String, String)> =
        g.edges.keys().map(|&(a, b)| (g.names[a].clone(), g.names[b].clone())).collect();
    let e = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert!(edges.contains(&e("src/m/c.rs", "src/m/k.rs")), "{edges:?}");
    assert!(
        edges.contains(&e("src/user.rs", "src/m/c.rs"))
            && edges.contains(&e("src/user.rs", "src/m/k.rs"))
    );
    assert!(!edges.iter().any(|(a, _)| a == "src/m/mod.rs"), "a facade has no edges: {edges:?}");
    // … and a real cycle through the facade is still found.
    let g = made_up(&[
        ("src/lib.rs", "pub mod m;\n"),
        ("src/m/mod.rs", "mod c;\nmod k;\npub use c::C;\npub use k::K;\n"),
        ("src/m/k.rs", "pub struct K(super::C);\n"),
        ("src/m/c.rs", "use super::K;\npub struct C(K);\n"),
    ]);
    assert_eq!(cycle_names(&g), vec![vec!["src/m/c.rs".to_string(), "src/m/k.rs".to_string()]]);
}

#[test]
fn a_parent_and_its_children_may_share_items_siblings_may_not() {
    let g = made_up(&[
        ("src/lib.rs", "pub mod m;\n"),
        ("src/m/mod.rs", "mod c;\nmod d;\npub struct Shared;\npub fn top() -> c::C { c::C }\n"),
        ("src/m/c.rs", "use super::Shared;\npub struct C;\n"),
        ("src/m/d.rs", "pub struct D(super::Shared);\n"),
    ]);
    assert!(cycle_names(&g).is_empty(), "{:?}", cycle_names(&g));
    let g = made_up(&[
        ("src/lib.rs", "pub mod m;\n"),
        ("src/m/mod.rs", "mod c;\nmod d;\n"),
        ("src/m/c.rs", "use super::d::D;\npub struct C;\n"),
        ("src/m/d.rs", "pub struct D(super::c::C);\n"),
    ]);
    assert_eq!(cycle_names(&g), vec![vec!["src/m/c.rs".to_string(), "src/m/d.rs".to_string()]]);
}

#[test]
fn a_folder_that_needs_its_user_is_a_cycle() {
    let g = made_up(&[
        ("src/lib.rs", "pub mod course;\npub mod route;\n"),
        ("src/route.rs", "use crate::course::Lesson;\npub struct Query;\n"),
        ("src/course/mod.rs", "pub mod block;\npub enum Lesson { Block }\n"),
        ("src/course/block.rs", "use crate::route::Query;\n"),
    ]);
    assert_eq!(
        cycle_names(&g),
        vec![vec!["src/course/mod.rs".to_string(), "src/route.rs".to_string()]]
    );
    let text = g.describe(&g.cycles()[0]);
    assert!(text.contains("(through src/course/block.rs:1: use crate::route::Query)"), "{text}");
}

#[test]
fn measures_functions_from_fn_to_closing_brace() {
    let text = "fn short() {}\n\nfn long(x: u8) -> u8 {\n    let s = \"}\";\n    // }\n    x\n}\ntrait T { fn decl(&self); }\n";
    let found = functions(text);
    assert_eq!(found, vec![("short".into(), 1, 1), ("long".into(), 3, 5)]);
}
