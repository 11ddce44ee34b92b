#!/usr/bin/env bash
# Times `coopkit render` (release build, a whole process: start, fonts, templates, check,
# layout, PDF) against LibreOffice headless converting the same document's HTML to PDF, in one
# run on the same machine. Prints a Markdown table of medians for docs/performance.md.
#
# Needs LibreOffice, hyperfine and python3; this script installs nothing. On Debian or Ubuntu:
#   sudo apt-get install -y libreoffice-writer-nogui hyperfine
# Usage: benches/compare_libreoffice.sh   (RUNS=20 LO_RUNS=5 to change the repeats)
set -euo pipefail
cd "$(dirname "$0")/.."

LO=$(command -v libreoffice || command -v soffice || true)
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }
if [ -z "$LO" ]; then
  echo "LibreOffice is not installed. Install it with: sudo apt-get install -y libreoffice-writer-nogui" >&2
  exit 1
fi
RUNS=${RUNS:-20}
LO_RUNS=${LO_RUNS:-5}

cargo build --release --bin coopkit >&2
BIN=target/release/coopkit
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PROFILE="file://$WORK/lo-profile"

# Median wall time in ms of a command over RUNS runs (after WARMUP), from hyperfine's JSON.
median_ms() { # runs warmup command...
  local runs=$1 warmup=$2; shift 2
  hyperfine -N --style none --runs "$runs" --warmup "$warmup" --export-json "$WORK/t.json" "$*" >/dev/null 2>&1
  python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 1))' "$WORK/t.json"
}

time_coopkit() { # kind example
  median_ms "$RUNS" 3 "$BIN" render "$1" --answers "docs/examples/$2.json" --out "$WORK/$2.pdf" \
    --html "$WORK/$2.html" --reference PCEC-2026-0014
}

time_libreoffice() { # example
  # The warm-up run creates LibreOffice's profile, which a real server would keep.
  median_ms "$LO_RUNS" 1 "$LO" -env:UserInstallation="$PROFILE" --headless \
    --convert-to pdf:writer_web_pdf_Export --outdir "$WORK/lo" "$WORK/$1.html"
}

echo "| document | coopkit render (ms, median of $RUNS) | LibreOffice HTML → PDF (ms, median of $LO_RUNS) | LibreOffice ÷ coopkit | pages (coopkit / LibreOffice) |"
echo "| --- | ---: | ---: | ---: | --- |"
for pair in "rules rules-society" "rules rules-company" "rules rules-consortium" "business-plan business-plan"; do
  set -- $pair
  ours=$(time_coopkit "$1" "$2")
  theirs=$(time_libreoffice "$2")
  ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }')
  pages_ours=$(pdfinfo "$WORK/$2.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  pages_lo=$(pdfinfo "$WORK/lo/$2.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  echo "| $2 | $ours | $theirs | ${ratio}× | ${pages_ours:-?} / ${pages_lo:-?} |"
done
