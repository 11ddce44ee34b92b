//! What a typed answer may hold so the documents print it as typed: a length a person would
//! use, and only characters the embedded font can draw.
//!
//! The PDF embeds DejaVu Sans (a subset, `templates/fonts/`). A character the font has no
//! glyph for prints as an empty box, and scripts that need shaping (Arabic-script Urdu,
//! Gujarati) cannot be drawn correctly by our layout at all, since it has no shaping engine.
//! So an answer is refused, at the question, when it holds a character the font cannot draw,
//! naming those characters. The set is read from the fonts' own character maps (`cmap`
//! tables), not kept by hand, so changing the subset changes what is accepted. Pure: it
//! reads the font bytes, and imports nothing of the document pipeline.

use std::sync::OnceLock;

const REGULAR_TTF: &[u8] = include_bytes!("../../templates/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../templates/fonts/DejaVuSans-Bold.ttf");

/// Characters both faces draw, sorted (answers may be set in either weight).
fn drawable() -> &'static [u32] {
    static CHARS: OnceLock<Vec<u32>> = OnceLock::new();
    CHARS.get_or_init(|| {
        let regular = cmap_chars(REGULAR_TTF).unwrap_or_default();
        let bold = cmap_chars(BOLD_TTF).unwrap_or_default();
        regular
            .into_iter()
            .filter(|c| bold.binary_search(c).is_ok())
            .collect()
    })
}

/// Whether the documents can print `c`: a glyph in both faces, or a line break, tab or space
/// (which the layout handles itself).
pub fn can_print(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t' | ' ') || drawable().binary_search(&u32::from(c)).is_ok()
}

/// The characters in `text` the documents cannot print, each once, in order of appearance.
pub fn unprintable(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if !can_print(c) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// The problem with a typed answer, if any: longer than `max` characters, or holding
/// characters the documents cannot print (named, up to twelve of them).
pub fn text_problem(text: &str, max: usize) -> Option<String> {
    let length = text.chars().count();
    if length > max {
        return Some(format!(
            "Keep this to {} characters or fewer; it has {}",
            thousands(max),
            thousands(length)
        ));
    }
    let bad = unprintable(text);
    if bad.is_empty() {
        return None;
    }
    let shown: Vec<String> = bad.iter().take(12).map(|c| shown(*c)).collect();
    let more = if bad.len() > 12 { " and others" } else { "" };
    Some(format!(
        "The document cannot print these characters yet: {}{more}. Please write this without them, for example in Latin letters",
        shown.join(" ")
    ))
}

/// A character as a person can recognise it; invisible ones by their code.
fn shown(c: char) -> String {
    let invisible = c.is_control()
        || c.is_whitespace()
        || matches!(u32::from(c), 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xE000..=0xF8FF | 0xE0000..);
    if invisible {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

fn thousands(n: usize) -> String {
    crate::domain::money::group_thousands(n as u64)
}

fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 2)?;
    Some(u32::from(u16::from_be_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 4)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// Every character the font's `cmap` maps to a real glyph (not glyph 0, the empty box),
/// sorted. Reads the Unicode subtables: format 12 (all planes) when present, else format 4.
fn cmap_chars(font: &[u8]) -> Option<Vec<u32>> {
    let tables = u16_at(font, 4)? as usize;
    let cmap = (0..tables).find_map(|i| {
        let record = 12 + 16 * i;
        (font.get(record..record + 4)? == b"cmap").then(|| u32_at(font, record + 8))?
    })? as usize;
    let subtables = u16_at(font, cmap + 2)? as usize;
    let mut best: Option<(u32, usize)> = None;
    for i in 0..subtables {
        let record = cmap + 4 + 8 * i;
        let (platform, encoding) = (u16_at(font, record)?, u16_at(font, record + 2)?);
        let unicode = platform == 0 || (platform == 3 && matches!(encoding, 1 | 10));
        let at = cmap + u32_at(font, record + 4)? as usize;
        let format = u16_at(font, at)?;
        if unicode && matches!(format, 4 | 12) && best.is_none_or(|(f, _)| format > f) {
            best = Some((format, at));
        }
    }
    let (format, at) = best?;
    let mut chars = if format == 12 {
        format12(font, at)?
    } else {
        format4(font, at)?
    };
    chars.sort_unstable();
    chars.dedup();
    Some(chars)
}

fn format12(font: &[u8], at: usize) -> Option<Vec<u32>> {
    let groups = u32_at(font, at + 12)? as usize;
    let mut chars = Vec::new();
    for g in 0..groups {
        let group = at + 16 + 12 * g;
        let (start, end, glyph) = (
            u32_at(font, group)?,
            u32_at(font, group + 4)?,
            u32_at(font, group + 8)?,
        );
        let first = if glyph == 0 { start + 1 } else { start };
        chars.extend(first..=end.min(0x10FFFF));
    }
    Some(chars)
}

fn format4(font: &[u8], at: usize) -> Option<Vec<u32>> {
    let segments = u16_at(font, at + 6)? as usize / 2;
    let ends = at + 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let offsets = deltas + 2 * segments;
    let mut chars = Vec::new();
    for s in 0..segments {
        let (end, start) = (u16_at(font, ends + 2 * s)?, u16_at(font, starts + 2 * s)?);
        let delta = u16_at(font, deltas + 2 * s)?;
        let offset_at = offsets + 2 * s;
        let offset = u16_at(font, offset_at)? as usize;
        for c in start..=end.min(0xFFFE) {
            let glyph = if offset == 0 {
                (c + delta) & 0xFFFF
            } else {
                let raw = u16_at(font, offset_at + offset + 2 * (c - start) as usize)?;
                if raw == 0 {
                    0
                } else {
                    (raw + delta) & 0xFFFF
                }
            };
            if glyph != 0 {
                chars.push(c);
            }
        }
    }
    Some(chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_draw_english_welsh_polish_and_the_pound() {
        let typed =
            "Gŵyl Bakers Cyfyngedig — £1,000 “quoted” Łódź, Świętokrzyska, żółć, Zażółć gęślą jaźń";
        assert_eq!(unprintable(typed), Vec::<char>::new());
        assert_eq!(text_problem(typed, 120), None);
        assert!(drawable().len() > 1000, "{}", drawable().len());
    }

    #[test]
    fn scripts_the_font_lacks_are_named() {
        assert_eq!(unprintable("李明 and 李"), vec!['李', '明']);
        assert_eq!(unprintable("عمران خان"), vec!['ع', 'م', 'ر', 'ا', 'ن', 'خ']);
        assert_eq!(unprintable("પટેલ"), vec!['પ', 'ટ', 'ે', 'લ']);
        assert_eq!(unprintable("Bakers 🍞"), vec!['🍞']);
        let message = text_problem("Asha પટેલ", 120).unwrap();
        assert!(
            message.starts_with("The document cannot print these characters yet: પ ટ ે લ."),
            "{message}"
        );
        let control = text_problem("a\u{7}b", 120).unwrap();
        assert!(control.contains("U+0007"), "{control}");
    }

    #[test]
    fn length_is_counted_in_characters() {
        assert_eq!(text_problem(&"ł".repeat(120), 120), None);
        let message = text_problem(&"a".repeat(20_000), 120).unwrap();
        assert_eq!(
            message,
            "Keep this to 120 characters or fewer; it has 20,000"
        );
    }
}
