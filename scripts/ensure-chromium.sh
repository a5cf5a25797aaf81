#!/usr/bin/env bash
# Makes sure Debian's chromium (browser tests, and its SwiftShader Vulkan driver for WebGPU in Node)
# and the Vulkan loader, CJK fonts (fonts-noto-cjk) and unzip are present. Installs them with apt-get
# where it can; otherwise says how.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -e /usr/lib/x86_64-linux-gnu/libvulkan.so.1 ] || [ -e /usr/lib/aarch64-linux-gnu/libvulkan.so.1 ] || need+=(libvulkan1)
# CJK fonts, so screenshots of ja/ko/zh text in browser tests are legible (not boxes)
has_cjk_fonts() {
  compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK*' >/dev/null || { command -v fc-list >/dev/null && fc-list ':lang=zh' family | grep -qi cjk; }
}
has_cjk_fonts || need+=(fonts-noto-cjk)
# unzip: tests open the studio's .zip exports with the system's unzip (an independent reader)
command -v unzip >/dev/null || need+=(unzip)
[ ${#need[@]} -eq 0 ] && exit 0
echo "ensure-chromium: installing ${need[*]} with apt-get" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "ensure-chromium: missing ${need[*]} and cannot install them here." >&2
  echo "  Install them as root:  apt-get update && apt-get install -y ${need[*]}" >&2
  echo "  (the browser tests use /usr/bin/chromium; WebGPU in Node uses its SwiftShader driver)" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "ensure-chromium: /usr/bin/chromium still missing after apt-get" >&2; exit 1; }
