#!/usr/bin/env bash
# Receipts and certificates embed a TrueType Chinese font (src/onedoor/documents/fonts.py): Debian's
# fonts-wqy-zenhei, WenQuanYi Zen Hei (CJK Unified Ideographs and Extension A). fonts-noto-cjk cannot replace
# it: its CFF outlines cannot be embedded by the PDF library. ONEDOOR_PDF_FONTS names other fonts instead.
set -euo pipefail
[ -n "${ONEDOOR_PDF_FONTS:-}" ] && exit 0
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "warning: no Chinese TrueType font for PDFs; install WenQuanYi Zen Hei or set ONEDOOR_PDF_FONTS" >&2
  exit 0
fi
echo "Installing Debian's fonts-wqy-zenhei (the Chinese font embedded in receipts and certificates)"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-wqy-zenhei >/dev/null
