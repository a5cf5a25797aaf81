#!/usr/bin/env bash
# Runs a command with WebGPU in Node (Dawn) pointed at chromium's SwiftShader Vulkan driver when no
# other Vulkan driver is configured. On a machine with a real GPU, set VK_ICD_FILENAMES yourself.
set -euo pipefail
bash "$(dirname "$0")/ensure-chromium.sh"
export VK_ICD_FILENAMES="${VK_ICD_FILENAMES:-/usr/lib/chromium/vk_swiftshader_icd.json}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
exec "$@"
