//! Writes laid-out pages as a PDF with printpdf. The only file that imports printpdf (and
//! lopdf and flate2, which it uses to write and compress the file).
//!
//! printpdf's API has changed a great deal between releases (0.7, 0.8, 0.9, 0.12), so it is
//! confined here: layout produces plain positioned items and this file only translates them
//! into drawing operations. printpdf's origin is the bottom-left corner, ours the top-left.

use printpdf::{
    Color, FontId, Line, LinePoint, OffsetDateTime, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb as PdfRgb, TextItem, WindingOrder,
};

use super::error::DocgenError;
use super::fonts::Fonts;
use super::layout::{layout, Item, Rgb, PAGE_HEIGHT, PAGE_WIDTH};
use super::markup::Block;
use super::DocumentMeta;

/// The language of every document, for screen readers choosing a voice (`/Lang`).
const LANGUAGE: &str = "en-GB";

/// Renders blocks to PDF bytes: A4, embedded (subset) DejaVu, metadata from `meta`, dated
/// `made_at` (seconds since the Unix epoch: the clock's time when it was made).
pub fn render_pdf(
    fonts: &Fonts,
    meta: &DocumentMeta,
    blocks: &[Block],
    made_at: i64,
) -> Result<Vec<u8>, DocgenError> {
    render_pdf_counted(fonts, meta, blocks, made_at).map(|(bytes, _)| bytes)
}

/// As [`render_pdf`], also returning the number of pages (stored beside the PDF so lists can
/// say how long a document is without reading it).
pub fn render_pdf_counted(
    fonts: &Fonts,
    meta: &DocumentMeta,
    blocks: &[Block],
    made_at: i64,
) -> Result<(Vec<u8>, usize), DocgenError> {
    let pages = layout(fonts, meta, blocks);
    let page_count = pages.len();
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "coopkit".to_string();
    // printpdf dates a document 1970-01-01 unless told; a reader's "created" should be true.
    let made = OffsetDateTime::from_unix_timestamp(made_at)
        .map_err(|e| DocgenError::Pdf(format!("no date for the PDF: {e}")))?;
    info.creation_date = made;
    info.modification_date = made;
    info.metadata_date = made;
    let regular = doc.add_font(&fonts.regular);
    let bold = doc.add_font(&fonts.bold);
    let faces = Faces { regular, bold };
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut writer = PageWriter::new(&faces);
            for item in &page.items {
                writer.item(item);
            }
            PdfPage::new(
                Pt(PAGE_WIDTH).into(),
                Pt(PAGE_HEIGHT).into(),
                writer.finish(),
            )
        })
        .collect();
    let mut warnings = Vec::new();
    let unsaved = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut lopdf_doc = doc
        .with_pages(pdf_pages)
        .to_lopdf_document(&unsaved, &mut warnings);
    compress_streams(&mut lopdf_doc);
    describe_for_readers(&mut lopdf_doc)?;
    let mut bytes = Vec::new();
    lopdf_doc
        .save_to(&mut bytes)
        .map_err(|e| DocgenError::Pdf(format!("could not write the PDF: {e}")))?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(DocgenError::Pdf(format!(
            "printpdf produced no PDF ({} warnings)",
            warnings.len()
        )));
    }
    Ok((bytes, page_count))
}

/// What printpdf 0.12 leaves out of the catalog: the language, and that a viewer shows the
/// title rather than the file name. The PDF is not tagged: printpdf writes marked-content
/// operators without their properties, so no content can carry the MCID a structure tree
/// needs; the accessible version of every document is its HTML view.
fn describe_for_readers(doc: &mut lopdf::Document) -> Result<(), DocgenError> {
    let catalog = doc
        .catalog_mut()
        .map_err(|e| DocgenError::Pdf(format!("the PDF has no catalog: {e}")))?;
    catalog.set(
        "Lang",
        lopdf::Object::string_literal(LANGUAGE.as_bytes().to_vec()),
    );
    let mut preferences = lopdf::Dictionary::new();
    preferences.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", preferences);
    Ok(())
}

/// zlib level for page contents and font subsets. printpdf's own save uses 9 (the best),
/// which took a fifth of a document's making; level 6 is zlib's usual default and the files
/// come out only a little larger (see docs/performance.md).
const COMPRESSION_LEVEL: u32 = 6;

/// Deflates every stream that allows it and has no filter yet, keeping the plain bytes when
/// compressing would not make them smaller (as printpdf does). One compressor is reset between
/// streams: setting up a fresh one costs about as much as compressing a page.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut deflate = flate2::Compress::new(flate2::Compression::new(COMPRESSION_LEVEL), true);
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        deflate.reset();
        // Deflate can grow incompressible input slightly; room for that means one call.
        let mut compressed = Vec::with_capacity(stream.content.len() + 64);
        let finished = deflate.compress_vec(
            &stream.content,
            &mut compressed,
            flate2::FlushCompress::Finish,
        );
        let finished = matches!(finished, Ok(flate2::Status::StreamEnd));
        if finished && compressed.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

struct Faces {
    regular: FontId,
    bold: FontId,
}

/// Turns one page's items into drawing operations, setting the font and colours only when
/// they change and keeping runs of text lines in one text object, rather than repeating the
/// same settings for each of the hundreds of lines on a page.
struct PageWriter<'f> {
    faces: &'f Faces,
    ops: Vec<Op>,
    in_text: bool,
    /// Where the current text line starts, in PDF points, once a text object has one: the
    /// next line is placed relative to it (`Td`, two numbers) rather than absolutely (`Tm`,
    /// six), which shortens the page contents and the time spent writing them.
    line_start: Option<(f32, f32)>,
    /// The font (bold?, size) and colours in force, as PDF graphics state keeps them.
    font: Option<(bool, f32)>,
    fill: Option<Rgb>,
    outline: Option<(Rgb, f32)>,
}

impl<'f> PageWriter<'f> {
    fn new(faces: &'f Faces) -> Self {
        PageWriter {
            faces,
            ops: Vec::new(),
            in_text: false,
            line_start: None,
            font: None,
            fill: None,
            outline: None,
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Text {
                x,
                y,
                size,
                bold,
                colour,
                text,
            } => {
                if !self.in_text {
                    self.ops.push(Op::StartTextSection);
                    self.in_text = true;
                    self.line_start = None;
                }
                if self.font != Some((*bold, *size)) {
                    let font = if *bold {
                        &self.faces.bold
                    } else {
                        &self.faces.regular
                    };
                    self.ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font.clone()),
                        size: Pt(*size),
                    });
                    self.font = Some((*bold, *size));
                }
                self.set_fill(*colour);
                let at = point(*x, *y);
                // A new text object starts at the page's origin.
                let (from_x, from_y) = self.line_start.unwrap_or((0.0, 0.0));
                self.ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(at.x.0 - from_x),
                        y: Pt(at.y.0 - from_y),
                    },
                });
                self.line_start = Some((at.x.0, at.y.0));
                self.ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
            }
            Item::Line {
                points,
                width,
                colour,
            } => {
                self.end_text();
                self.set_outline(*colour, *width);
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points: points
                            .iter()
                            .map(|(x, y)| LinePoint {
                                p: point(*x, *y),
                                bezier: false,
                            })
                            .collect(),
                        is_closed: false,
                    },
                });
            }
            Item::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => return,
                };
                self.end_text();
                if let Some(f) = fill {
                    self.set_fill(*f);
                }
                if let Some(s) = stroke {
                    let width = self.outline.map_or(1.0, |(_, w)| w);
                    self.set_outline(*s, if fill.is_some() { width } else { 1.0 });
                }
                self.ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_HEIGHT - y - height),
                        width: Pt(*width),
                        height: Pt(*height),
                        mode: Some(mode),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
        }
    }

    fn set_fill(&mut self, colour: Rgb) {
        if self.fill != Some(colour) {
            self.ops.push(Op::SetFillColor {
                col: colour_of(colour),
            });
            self.fill = Some(colour);
        }
    }

    fn set_outline(&mut self, colour: Rgb, width: f32) {
        let (old_colour, old_width) = self.outline.unzip();
        if old_colour != Some(colour) {
            self.ops.push(Op::SetOutlineColor {
                col: colour_of(colour),
            });
        }
        if old_width != Some(width) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
        self.outline = Some((colour, width));
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn finish(mut self) -> Vec<Op> {
        self.end_text();
        self.ops
    }
}

/// Converts a top-left-origin position to printpdf's bottom-left origin.
fn point(x: f32, y: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - y),
    }
}

fn colour_of((r, g, b): Rgb) -> Color {
    Color::Rgb(PdfRgb {
        r: f32::from(r) / 255.0,
        g: f32::from(g) / 255.0,
        b: f32::from(b) / 255.0,
        icc_profile: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docgen::layout::tests::{long_markup, meta};
    use crate::docgen::markup::parse;

    /// Counts page objects (`/Type/Page`, not `/Pages`); printpdf writes no object streams.
    fn page_objects(pdf: &[u8]) -> usize {
        let needle = b"/Type/Page";
        pdf.windows(needle.len() + 1)
            .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
            .count()
    }

    #[test]
    fn a_long_document_becomes_a_pdf_with_the_laid_out_page_count() {
        let fonts = Fonts::load().unwrap();
        let blocks = parse(&long_markup()).unwrap();
        let pages = layout(&fonts, &meta(true), &blocks).len();
        let pdf = render_pdf(&fonts, &meta(true), &blocks, 0).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pages >= 20);
        assert_eq!(page_objects(&pdf), pages);
    }

    #[test]
    fn a_pdf_carries_the_time_it_was_made_and_its_language() {
        let fonts = Fonts::load().unwrap();
        let blocks = parse("# A title\n\nA paragraph.\n").unwrap();
        // 30 November 2026, 09:30:00 UTC.
        let pdf = render_pdf(&fonts, &meta(false), &blocks, 1_796_031_000).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/CreationDate(D:20261130093000"), "{text}");
        assert!(text.contains("/ModDate(D:20261130093000"));
        assert!(text.contains("/Lang(en-GB)"));
        assert!(text.contains("/DisplayDocTitle true"));
    }
}
