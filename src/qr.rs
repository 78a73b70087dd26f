//! QR codes for sharing a view: the modules of a link's code, and the SVG path that draws them
//! (the page shows it so that students' phones can open the same view). Depends on nothing else
//! in the crate.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone around a code, in modules (the standard asks for four).
pub const QUIET: usize = 4;

/// A QR code: `width` × `width` modules, row by row, `true` for dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side (without the quiet zone).
    pub width: usize,
    /// The modules, row by row.
    pub dark: Vec<bool>,
}

impl Qr {
    /// The code of `text` at error-correction level M (a link of a few hundred characters
    /// fits), or why it cannot be made (too long).
    pub fn of(text: &str) -> Result<Qr, String> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| format!("no QR code for this link: {e}"))?;
        let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
        Ok(Qr { width: code.width(), dark })
    }

    /// Modules per side with the quiet zone on both sides.
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET
    }

    /// Whether module (x, y) is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// One SVG path of unit squares for the dark modules, in a viewBox of [`Qr::side`] units
    /// (the quiet zone included), each row's runs merged into one rectangle.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x += 1;
                }
                d.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                ));
            }
        }
        d
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The code as a grey image, `scale` pixels per module, quiet zone white.
    fn image(qr: &Qr, scale: usize) -> (usize, Vec<u8>) {
        let side = qr.side() * scale;
        let pixels = (0..side * side)
            .map(|i| {
                let (x, y) = ((i % side) / scale, (i / side) / scale);
                let dark = x >= QUIET && y >= QUIET && qr.is_dark(x - QUIET, y - QUIET);
                if dark { 0 } else { 255 }
            })
            .collect();
        (side, pixels)
    }

    /// Decodes a grey image with rqrr.
    fn decode(side: usize, pixels: &[u8]) -> String {
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn the_code_decodes_back_to_the_link() {
        for link in [
            "http://localhost:8080/#/discretize?sys=damped&d=0.5&m=zoh&x=mixed&k=2&n=4&q=4",
            "https://example.org/mamba/#/selection?text=%ED%95%9C%EA%B5%AD%EC%96%B4&seed=7",
        ] {
            let qr = Qr::of(link).expect("a code");
            let (side, pixels) = image(&qr, 4);
            assert_eq!(decode(side, &pixels), link);
        }
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let qr = Qr::of("#/views?l=64").expect("a code");
        // Rasterise the path's rectangles and compare with the modules.
        let side = qr.side();
        let mut grid = vec![false; side * side];
        for run in qr.svg_path().split('z').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().expect("a number"))
                .collect();
            let (x, y, w) = (nums[0], nums[1], nums[2]);
            for i in x..x + w {
                grid[y * side + i] = true;
            }
        }
        for y in 0..side {
            for x in 0..side {
                let dark = x >= QUIET && y >= QUIET && qr.is_dark(x - QUIET, y - QUIET);
                assert_eq!(grid[y * side + x], dark, "module ({x}, {y})");
            }
        }
        assert!(Qr::of(&"x".repeat(5000)).is_err());
    }
}
