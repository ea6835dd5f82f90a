#!/usr/bin/env bash
# Installs the Debian packages GradStep links against when pkg-config cannot find them.
# Usage: install-deps.sh DEB_PACKAGE... -- PKG_CONFIG_MODULE...
set -euo pipefail
packages=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do packages+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
modules=("$@")

missing=0
if ! command -v pkg-config >/dev/null 2>&1; then
  missing=1
else
  for m in "${modules[@]}"; do
    pkg-config --exists "$m" || { missing=1; break; }
  done
fi
[ "$missing" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "gradstep needs the Debian packages: ${packages[*]}" >&2
  echo "Install them as root:  apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "Installing ${packages[*]} ..."
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}"
