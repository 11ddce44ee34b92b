#!/usr/bin/env bash
# Times `coopkit render` (release build, a whole process: start, fonts, templates, check,
# layout, PDF) against LibreOffice headless converting the same document's HTML to PDF, in one
# run on the same machine. Prints a Markdown table of medians for docs/performance.md.
#
# Needs LibreOffice; this script installs nothing. On Debian or Ubuntu:
#   sudo apt-get install -y libreoffice-writer-nogui
# Usage: benches/compare_libreoffice.sh   (RUNS=20 LO_RUNS=5 to change the repeats)
set -euo pipefail
cd "$(dirname "$0")/.."

LO=$(command -v libreoffice || command -v soffice || true)
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

now_ms() { date +%s%3N; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

time_coopkit() { # kind example
  local kind=$1 example=$2
  for _ in $(seq "$RUNS"); do
    local start; start=$(now_ms)
    "$BIN" render "$kind" --answers "docs/examples/$example.json" --out "$WORK/$example.pdf" \
      --html "$WORK/$example.html" --reference PCEC-2026-0014 2>/dev/null
    echo $(( $(now_ms) - start ))
  done | median
}

time_libreoffice() { # example
  local example=$1
  # One untimed run creates LibreOffice's profile, which a real server would keep.
  "$LO" -env:UserInstallation="$PROFILE" --headless --convert-to pdf:writer_web_pdf_Export \
    --outdir "$WORK/lo" "$WORK/$example.html" >/dev/null 2>&1
  for _ in $(seq "$LO_RUNS"); do
    local start; start=$(now_ms)
    "$LO" -env:UserInstallation="$PROFILE" --headless --convert-to pdf:writer_web_pdf_Export \
      --outdir "$WORK/lo" "$WORK/$example.html" >/dev/null 2>&1
    echo $(( $(now_ms) - start ))
  done | median
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
