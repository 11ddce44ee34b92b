//! The two embedded DejaVu faces, parsed once and shared, and text measurement from them.
//!
//! Fonts ship inside the binary so a document never depends on what is installed on the
//! server, and DejaVu covers Welsh (ŵ, ŷ) and the pound sign. Measuring with the same faces
//! that the PDF embeds is what lets our own line wrapping match what is printed.

use printpdf::ParsedFont;

use super::error::DocgenError;

const REGULAR_TTF: &[u8] = include_bytes!("../../templates/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../templates/fonts/DejaVuSans-Bold.ttf");

/// Parsed regular and bold faces. `Send + Sync`: build once at start and share.
#[derive(Debug, Clone)]
pub struct Fonts {
    pub(crate) regular: ParsedFont,
    pub(crate) bold: ParsedFont,
}

impl Fonts {
    /// Parses the embedded faces (about a millisecond or two; do it once).
    pub fn load() -> Result<Fonts, DocgenError> {
        let parse = |bytes: &[u8], name| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(DocgenError::Font(name))
        };
        Ok(Fonts {
            regular: parse(REGULAR_TTF, "DejaVuSans.ttf")?,
            bold: parse(BOLD_TTF, "DejaVuSans-Bold.ttf")?,
        })
    }

    /// Width in points of `text` set at `size` points.
    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units_per_em = f32::from(face.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                // A character the face lacks is drawn as its "missing glyph" (index 0),
                // so measure that rather than nothing.
                let glyph = face.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                u32::from(face.get_horizontal_advance(glyph))
            })
            .sum();
        units as f32 * size / units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Fonts>();
    }

    #[test]
    fn widths_come_from_the_glyph_advances() {
        let fonts = Fonts::load().unwrap();
        // DejaVu Sans: "i" is far narrower than "W"; bold is wider than regular.
        assert!(fonts.width("i", false, 10.0) < fonts.width("W", false, 10.0) / 2.0);
        assert!(fonts.width("Gŵyl", true, 10.0) > fonts.width("Gŵyl", false, 10.0));
        let one = fonts.width("£", false, 10.0);
        assert!(one > 3.0 && one < 10.0, "{one}");
        assert!((fonts.width("££", false, 20.0) - 4.0 * one).abs() < 0.01);
    }
}
