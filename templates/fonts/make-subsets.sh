#!/usr/bin/env bash
# Makes the two DejaVu Sans faces coopkit embeds from the full DejaVu Sans 2.37 (Debian's
# fonts-dejavu-core ships exactly those files). Needs fonttools: pip install fonttools
#
#   templates/fonts/make-subsets.sh [FOLDER WITH DejaVuSans.ttf AND DejaVuSans-Bold.ttf]
#
# Why a subset: every document parses both faces and printpdf copies their tables for each
# PDF, so the full 760 KB files cost time and memory on every render. The subset keeps the
# scripts our layout can set correctly (left to right, no shaping): Latin with every
# extension (English, Welsh ŵ ŷ ẁ, Polish, Vietnamese...), Greek, Cyrillic, Armenian,
# Georgian, punctuation, currency (£ €), arrows, maths, bullets, check marks and ligatures.
# Hinting, kerning and OpenType layout tables go: the layout does not use them. The licence
# (LICENSE-DejaVu.txt) allows modified fonts whose names contain neither "Bitstream" nor
# "Vera"; the subsets keep the name "DejaVu Sans".
set -euo pipefail
cd "$(dirname "$0")"
SOURCE=${1:-/usr/share/fonts/truetype/dejavu}
RANGES="U+0000-007F,U+00A0-024F,U+02B0-036F,U+0370-03FF,U+0400-052F,U+0530-058F,U+10A0-10FF,\
U+1E00-1EFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-218F,U+2190-21FF,U+2200-22FF,\
U+2460-24FF,U+25A0-25FF,U+2700-27BF,U+FB00-FB06,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$SOURCE/$face.ttf" --unicodes="$RANGES" --layout-features='' --no-hinting \
    --drop-tables+=kern,FFTM,MATH,GSUB,GPOS,GDEF --name-IDs='*' --name-languages='*' \
    --notdef-outline --recommended-glyphs --output-file="$face.ttf"
done
ls -l DejaVuSans.ttf DejaVuSans-Bold.ttf
