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
    regular_advances: Advances,
    bold_advances: Advances,
}

/// Characters below this are measured from a table made at load time. Line wrapping measures
/// every word again and again; looking each character up in the font's own tables took a
/// third of the layout's time. U+0250 covers English, Welsh (ŵ, ŷ) and the pound sign.
const TABLED_CHARS: u32 = 0x250;

/// Advance widths in font units, indexed by character, for characters below `TABLED_CHARS`.
#[derive(Debug, Clone)]
struct Advances(Vec<u16>);

impl Advances {
    fn of(face: &ParsedFont) -> Advances {
        Advances((0..TABLED_CHARS).map(|c| advance(face, c)).collect())
    }
}

/// A character the face lacks is drawn as its "missing glyph" (index 0), so measure that
/// rather than nothing.
fn advance(face: &ParsedFont, c: u32) -> u16 {
    let glyph = face.lookup_glyph_index(c).unwrap_or(0);
    face.get_horizontal_advance(glyph)
}

impl Fonts {
    /// Parses the embedded faces (about a millisecond or two; do it once).
    pub fn load() -> Result<Fonts, DocgenError> {
        let parse = |bytes: &[u8], name| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(DocgenError::Font(name))
        };
        let regular = parse(REGULAR_TTF, "DejaVuSans.ttf")?;
        let bold = parse(BOLD_TTF, "DejaVuSans-Bold.ttf")?;
        Ok(Fonts {
            regular_advances: Advances::of(&regular),
            bold_advances: Advances::of(&bold),
            regular,
            bold,
        })
    }

    /// Width in points of `text` set at `size` points.
    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let (face, table) = if bold {
            (&self.bold, &self.bold_advances.0)
        } else {
            (&self.regular, &self.regular_advances.0)
        };
        let units_per_em = f32::from(face.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let advance = match table.get(c as usize) {
                    Some(tabled) => *tabled,
                    None => advance(face, u32::from(c)),
                };
                u32::from(advance)
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

    /// The faces are a subset (templates/fonts/make-subsets.sh); these must never fall out:
    /// Welsh, the pound and euro, typographic quotes and dashes, Polish, Cyrillic, Greek.
    #[test]
    fn both_faces_draw_the_characters_documents_need() {
        let fonts = Fonts::load().unwrap();
        let needed = "£€ŵŷẁẃẅỳŴŶ‘’“”–—•…ąłśżćńŁ Привіт Ελλάδα ✓ №½";
        for face in [&fonts.regular, &fonts.bold] {
            for c in needed.chars().filter(|c| !c.is_whitespace()) {
                let glyph = face.lookup_glyph_index(u32::from(c));
                assert!(glyph.is_some_and(|g| g != 0), "{c} is missing");
            }
        }
    }

    /// The answers' check (`domain::printable`) reads the cmap itself; it must agree with
    /// what the PDF writer draws, for every character in the first three planes.
    #[test]
    fn the_answer_check_agrees_with_the_faces() {
        let fonts = Fonts::load().unwrap();
        let drawn = |c: u32| {
            [&fonts.regular, &fonts.bold]
                .iter()
                .all(|f| f.lookup_glyph_index(c).is_some_and(|g| g != 0))
        };
        let mut agreed = 0;
        for c in (0..0x30000).filter_map(char::from_u32) {
            if matches!(c, '\n' | '\r' | '\t' | ' ') {
                continue;
            }
            assert_eq!(
                crate::domain::printable::can_print(c),
                drawn(u32::from(c)),
                "U+{:04X}",
                u32::from(c)
            );
            agreed += usize::from(drawn(u32::from(c)));
        }
        assert!(agreed > 1000, "{agreed}");
    }

    #[test]
    fn the_table_measures_as_the_font_does() {
        let fonts = Fonts::load().unwrap();
        let units_per_em = f32::from(fonts.regular.pdf_font_metrics.units_per_em);
        // Inside the table (ŵ), past it (the euro sign, a dash) and a character DejaVu lacks.
        for c in ['ŵ', '€', '—', '\u{10FFFD}'] {
            let direct = f32::from(advance(&fonts.regular, u32::from(c))) * 10.0 / units_per_em;
            let measured = fonts.width(c.encode_utf8(&mut [0; 4]), false, 10.0);
            assert!(
                (direct - measured).abs() < 0.001,
                "{c}: {direct} vs {measured}"
            );
        }
    }
}
