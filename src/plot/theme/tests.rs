//! The theme tables: text contrast, hues against the paper, the CSS file in step with the
//! tables, and figures that change with the variant. (The heat-map scales' order in every
//! variant is tested next to the scales, in `chart/scales_test.rs`.)

use super::colour::{contrast, oklab};
use super::palette::{DARK, LIGHT, PROJECTOR_DARK, PROJECTOR_LIGHT, Palette, roles};
use super::{TextWidth, Theme, Themed, css};
use plotters::prelude::*;

const ALL: [(&str, Palette); 4] = [
    ("light", LIGHT),
    ("dark", DARK),
    ("projector light", PROJECTOR_LIGHT),
    ("projector dark", PROJECTOR_DARK),
];

#[test]
fn text_has_at_least_4_5_to_1_on_its_backgrounds() {
    for (name, p) in ALL {
        let pairs = [
            ("ink/paper", p.ink, p.paper),
            ("ink/wash", p.ink, p.wash),
            ("muted/paper", p.muted, p.paper),
            ("muted/wash", p.muted, p.wash),
            ("lead/wash", p.lead, p.wash),
            ("brand/paper", p.brand, p.paper),
            ("brand/brand-soft", p.brand, p.brand_soft),
            ("on-brand/brand-strong", p.on_brand, p.brand_strong),
            ("accent/paper", p.accent, p.paper),
            ("accent/info-soft", p.accent, p.info_soft),
            ("warn-ink/warn-soft", p.warn_ink, p.warn_soft),
            ("info-ink/info-soft", p.info_ink, p.info_soft),
            ("good/paper", p.good, p.paper),
            ("bad/paper", p.bad, p.paper),
            ("ink/brand-soft", p.ink, p.brand_soft),
        ];
        for (pair, fg, bg) in pairs {
            let r = contrast(fg, bg);
            assert!(r >= 4.5, "{name}: {pair} has contrast {r:.2}");
        }
    }
}

#[test]
fn figure_lines_stand_out_from_the_paper() {
    // Graphics need 3:1 (WCAG 1.4.11). The light theme keeps Okabe–Ito, whose orange, sky and
    // yellow are lighter; the dark and projector tables are held to it for every hue.
    for (name, p) in &ALL[1..] {
        for (i, &h) in p.hues.iter().enumerate() {
            let r = contrast(h, p.paper);
            assert!(r >= 3.0, "{name}: hue {i} has contrast {r:.2}");
        }
    }
    for (name, p) in ALL {
        assert!(contrast(p.ink, p.paper) >= 7.0, "{name}: axes ink");
        assert!(contrast(p.mark, p.paper) >= 3.0, "{name}: markers");
    }
    for (name, p) in &ALL[2..] {
        for &h in &p.hues {
            assert!(contrast(h, p.paper) >= 4.5, "{name}: a projector hue below 4.5:1");
        }
    }
}

#[test]
fn roles_take_the_variant_colours_and_tints_keep_their_hue() {
    let dark = Theme { scale: 1.0, dark: true, projector: false };
    assert_eq!(dark.paint(WHITE), DARK.paper);
    assert_eq!(dark.paint(roles::INK), DARK.ink);
    assert_eq!(dark.paint(roles::ORANGE), DARK.hues[4]);
    assert_eq!(Theme::default().paint(roles::BLUE), roles::BLUE);
    assert_eq!(Theme::default().paint(RGBColor(1, 2, 3)), RGBColor(1, 2, 3));
    // A pale blue tint stays bluish and becomes dark.
    let tint = dark.paint(RGBColor(220, 235, 250));
    assert!(tint.2 > tint.0 && oklab(tint)[0] < 0.4, "{tint:?}");
}

#[test]
fn projector_text_is_at_least_18_css_px_and_lines_are_thicker() {
    let screen = Theme { scale: 2.0, ..Theme::default() };
    let room = Theme { projector: true, ..screen };
    for css in [10.0, 11.0, 12.0, 14.0] {
        assert!(room.font(css) >= 2.0 * super::PROJECTOR_MIN_FONT);
        assert!(room.font(css) > screen.font(css));
    }
    assert!(room.px(2.0) > screen.px(2.0));
    assert_eq!(screen.font(11.0), 22.0);
}

#[test]
fn the_stylesheet_holds_the_generated_variables() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/theme.css");
    let file = std::fs::read_to_string(path).expect("static/theme.css");
    let (start, end) = (file.find(css::BEGIN), file.find(css::END));
    let (Some(start), Some(end)) = (start, end) else { panic!("theme.css lacks the markers") };
    let block = &file[start..end + css::END.len()];
    let fresh = css::variables();
    if block != fresh && std::env::var_os("UPDATE_THEME_CSS").is_some() {
        std::fs::write(path, file.replace(block, &fresh)).expect("write theme.css");
        return;
    }
    assert_eq!(
        block, fresh,
        "static/theme.css is stale: run UPDATE_THEME_CSS=1 cargo test --lib theme"
    );
    assert!(fresh.contains("--paper: #151e2e;") && fresh.contains("prefers-color-scheme: dark"));
}

#[test]
fn a_figure_drawn_dark_has_dark_paper_and_light_ink() {
    let draw = |theme: Theme| {
        let mut out = String::new();
        {
            let area = Themed::new(SVGBackend::with_string(&mut out, (200, 100)), theme)
                .into_drawing_area();
            area.fill(&WHITE).unwrap();
            let text = ("sans-serif", theme.font(11.0)).into_font().color(&roles::INK);
            area.draw(&Text::new("x", (10, 10), text)).unwrap();
            area.draw(&PathElement::new(vec![(0, 50), (200, 50)], roles::BLUE)).unwrap();
            area.present().unwrap();
        }
        out
    };
    let light = draw(Theme::default());
    let dark = draw(Theme { dark: true, ..Theme::default() });
    assert!(light.contains("#FFFFFF") && light.contains("#0072B2"), "{light}");
    assert!(dark.contains("#151E2E") && dark.contains("#E2E8F0") && dark.contains("#56A0E6"));
    assert!(!dark.contains("#FFFFFF"));
}

#[test]
fn a_text_measurer_replaces_the_backends_own_measure() {
    let fonts = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = fonts.clone();
    let width: TextWidth = Box::new(move |font, text| {
        seen.borrow_mut().push(font.to_owned());
        7.5 * text.chars().count() as f64
    });
    let mut out = String::new();
    let backend =
        Themed::measuring(SVGBackend::with_string(&mut out, (200, 100)), Theme::default(), width);
    let style = TextStyle::from(("sans-serif", 11.0).into_font());
    // 4 × 7.5 = 30 px wide; one line is 1.2 × 11 = 13.2, so 14 px high.
    assert_eq!(backend.estimate_text_size("abcd", &style).unwrap(), (30, 14));
    assert_eq!(*fonts.borrow(), ["normal 11px sans-serif"]);
    let mut other = String::new();
    let plain = Themed::new(SVGBackend::with_string(&mut other, (200, 100)), Theme::default());
    assert_ne!(plain.estimate_text_size("abcd", &style).unwrap(), (30, 14));
}
