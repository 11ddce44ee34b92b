//! Writes laid-out pages as a PDF with printpdf. The only file that imports printpdf (and
//! lopdf and flate2, which it uses to write and compress the file).
//!
//! printpdf's API has changed a great deal between releases (0.7, 0.8, 0.9, 0.12), so it is
//! confined here: layout produces plain positioned items and this file only translates them
//! into drawing operations. printpdf's origin is the bottom-left corner, ours the top-left.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb as PdfRgb, TextItem, WindingOrder,
};

use super::error::DocgenError;
use super::fonts::Fonts;
use super::layout::{layout, Item, Rgb, PAGE_HEIGHT, PAGE_WIDTH};
use super::markup::Block;
use super::DocumentMeta;

/// Renders blocks to PDF bytes: A4, embedded (subset) DejaVu, metadata from `meta`.
pub fn render_pdf(
    fonts: &Fonts,
    meta: &DocumentMeta,
    blocks: &[Block],
) -> Result<Vec<u8>, DocgenError> {
    render_pdf_counted(fonts, meta, blocks).map(|(bytes, _)| bytes)
}

/// As [`render_pdf`], also returning the number of pages (stored beside the PDF so lists can
/// say how long a document is without reading it).
pub fn render_pdf_counted(
    fonts: &Fonts,
    meta: &DocumentMeta,
    blocks: &[Block],
) -> Result<(Vec<u8>, usize), DocgenError> {
    let pages = layout(fonts, meta, blocks);
    let page_count = pages.len();
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "coopkit".to_string();
    let regular = doc.add_font(&fonts.regular);
    let bold = doc.add_font(&fonts.bold);
    let faces = Faces { regular, bold };
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let ops = page
                .items
                .iter()
                .flat_map(|item| ops(item, &faces))
                .collect();
            PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), ops)
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

/// zlib level for page contents and font subsets. printpdf's own save uses 9 (the best),
/// which took a fifth of a document's making; level 6 is zlib's usual default and the files
/// come out only a little larger (see docs/performance.md).
const COMPRESSION_LEVEL: u32 = 6;

/// Deflates every stream that allows it and has no filter yet, keeping the plain bytes when
/// compressing would not make them smaller (as printpdf does).
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::new(COMPRESSION_LEVEL),
        );
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed {
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

struct Faces {
    regular: FontId,
    bold: FontId,
}

fn ops(item: &Item, faces: &Faces) -> Vec<Op> {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            colour,
            text,
        } => {
            let font = if *bold { &faces.bold } else { &faces.regular };
            vec![
                Op::StartTextSection,
                Op::SetFillColor {
                    col: colour_of(*colour),
                },
                Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(*size),
                },
                Op::SetTextCursor { pos: point(*x, *y) },
                Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                },
                Op::EndTextSection,
            ]
        }
        Item::Line {
            points,
            width,
            colour,
        } => vec![
            Op::SetOutlineColor {
                col: colour_of(*colour),
            },
            Op::SetOutlineThickness { pt: Pt(*width) },
            Op::DrawLine {
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
            },
        ],
        Item::Rect {
            x,
            y,
            width,
            height,
            fill,
            stroke,
        } => {
            let mut ops = Vec::new();
            let mode = match (fill, stroke) {
                (Some(f), Some(s)) => {
                    ops.push(Op::SetFillColor { col: colour_of(*f) });
                    ops.push(Op::SetOutlineColor { col: colour_of(*s) });
                    PaintMode::FillStroke
                }
                (Some(f), None) => {
                    ops.push(Op::SetFillColor { col: colour_of(*f) });
                    PaintMode::Fill
                }
                (None, Some(s)) => {
                    ops.push(Op::SetOutlineColor { col: colour_of(*s) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(1.0) });
                    PaintMode::Stroke
                }
                (None, None) => return ops,
            };
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(PAGE_HEIGHT - y - height),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(mode),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
            ops
        }
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
        let pdf = render_pdf(&fonts, &meta(true), &blocks).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pages >= 20);
        assert_eq!(page_objects(&pdf), pages);
    }
}
