//! `figure`: draws one figure of the catalogue ([`crate::figures`]) for a lesson state, as SVG
//! or PNG, to a file or stdout; `figure --list` prints every id. The SVG is the catalogue's
//! (plotters' SVG backend, the drawing function the page uses); the PNG is that SVG rendered by
//! resvg with the system's fonts (a CJK font for Korean: `fonts-noto-cjk` on Debian).

use crate::figures;
use crate::i18n::Lang;
use crate::plot::Theme;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Svg,
    Png,
}

/// The widest or tallest figure drawn, in pixels.
const MAX_SIDE: u32 = 8192;
/// The narrowest or lowest figure drawn, in pixels (below this no chart fits).
const MIN_SIDE: u32 = 64;

#[derive(Args, Debug)]
pub(super) struct FigureArgs {
    /// The figure's id, `<lesson>/<figure>` (see --list).
    #[arg(required_unless_present = "list")]
    id: Option<String>,
    /// Print every figure id, one per line, and exit.
    #[arg(long, conflicts_with = "id")]
    list: bool,
    /// The lesson's state as its URL query (`d=0.5&m=euler`, or the page's whole address).
    #[arg(long, default_value = "")]
    query: String,
    /// The language of the figure's texts.
    #[arg(long, default_value = "en", value_parser = ["en", "ko"])]
    lang: String,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    format: Format,
    /// The width in pixels.
    #[arg(long, default_value_t = 960)]
    width: u32,
    /// The height in pixels (default: the page's aspect ratio for this figure).
    #[arg(long)]
    height: Option<u32>,
    /// The file to write (default: stdout). Nothing is written when the figure fails.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
}

impl FigureArgs {
    /// Runs the command: the exit code and, on failure, the message for stderr.
    pub(super) fn run(self) -> Result<(), String> {
        if self.list {
            let mut out = std::io::stdout().lock();
            for id in figures::ids() {
                writeln!(out, "{id}").map_err(|e| e.to_string())?;
            }
            return Ok(());
        }
        let id = self.id.as_deref().unwrap_or_default();
        let lang = Lang::from_code(&self.lang).unwrap_or_default();
        for side in std::iter::once(self.width).chain(self.height) {
            if !(MIN_SIDE..=MAX_SIDE).contains(&side) {
                return Err(format!(
                    "width and height must be {MIN_SIDE} to {MAX_SIDE} pixels, got {side}"
                ));
            }
        }
        let svg = figures::svg(id, &self.query, lang, &Theme::default(), self.width, self.height)
            .map_err(|e| e.to_string())?;
        let bytes = match self.format {
            Format::Svg => svg.into_bytes(),
            Format::Png => png(&svg)?,
        };
        match &self.output {
            // Written whole to a temporary name first, so a failure leaves no partial file.
            Some(path) => write_whole(path, &bytes),
            None => std::io::stdout().lock().write_all(&bytes).map_err(|e| e.to_string()),
        }
    }
}

/// The SVG rendered to PNG at its own size, text in the system's fonts.
pub(super) fn png(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let db = options.fontdb_mut();
    db.load_system_fonts();
    // The figures ask for "sans-serif": a CJK family covers Latin, digits and Hangul alike.
    let cjk = ["Noto Sans CJK KR", "Noto Sans KR", "NanumGothic"]
        .into_iter()
        .find(|f| db.faces().any(|face| face.families.iter().any(|(n, _)| n == f)));
    match cjk {
        Some(family) => db.set_sans_serif_family(family),
        None => return Err(NO_CJK_FONT.to_owned()),
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or("the figure has no pixels")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

const NO_CJK_FONT: &str = "no CJK font found for PNG text (install one: on Debian, \
    `apt-get install fonts-noto-cjk`, as tools/setup.sh does)";

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
fn write_whole(path: &PathBuf, bytes: &[u8]) -> Result<(), String> {
    let name = path.file_name().ok_or("the output path names no file")?;
    let tmp = path.with_file_name(format!(".{}.part", name.to_string_lossy()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the image has more than one colour (a drawn figure, not a blank page).
    fn drawn(pixmap: &resvg::tiny_skia::Pixmap) -> bool {
        let first = pixmap.pixels()[0];
        pixmap.pixels().iter().any(|p| *p != first)
    }

    #[test]
    fn every_figure_renders_to_a_png_in_both_languages() {
        for id in figures::ids() {
            for lang in Lang::ALL {
                let svg = figures::svg(&id, "", lang, &Theme::default(), 320, None)
                    .unwrap_or_else(|e| panic!("{id}: {e}"));
                let png = png(&svg).unwrap_or_else(|e| panic!("{id}: {e}"));
                assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{id}");
                let image = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decodes");
                assert_eq!(image.width(), 320, "{id}");
                assert!(drawn(&image), "{id} ({lang:?}) is blank");
            }
        }
    }

    #[test]
    fn korean_text_is_drawn_with_glyphs() {
        // The Korean labels put ink on the page: compare against the same SVG without its text
        // elements (a missing font draws nothing for Hangul).
        let svg = figures::svg("discretize/hold", "", Lang::Ko, &Theme::default(), 480, None)
            .expect("draws");
        let mut no_text = svg.clone();
        while let (Some(a), Some(b)) = (no_text.find("<text"), no_text.find("</text>")) {
            no_text.replace_range(a..b + "</text>".len(), "");
        }
        let ink = |doc: &str| {
            let image =
                resvg::tiny_skia::Pixmap::decode_png(&png(doc).expect("renders")).expect("decodes");
            image.pixels().iter().filter(|p| p.red() < 128).count()
        };
        assert!(ink(&svg) > ink(&no_text) + 200, "the Korean labels drew no glyphs");
    }
}
