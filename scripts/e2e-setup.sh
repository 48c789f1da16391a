#!/usr/bin/env bash
# Installs what the end-to-end tests need: Chromium, ripgrep, the Kerberos headers a native module of
# code-server builds against, and code-server 4.100.3 (VS Code 1.100.3; later versions need Node 22+).
# Idempotent. Runs as root. Network: Debian apt and the npm registry only.
set -euo pipefail

cd "$(dirname "$0")/.."
CODE_SERVER_VERSION=4.100.3
CODE_SERVER_PREFIX=.e2e/code-server
CODE_SERVER_BIN="$CODE_SERVER_PREFIX/node_modules/.bin/code-server"

log() { printf '[e2e-setup] %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (apt-get install and code-server's native build need it)" >&2
  exit 2
fi

# 1. Debian packages.
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "apt packages present"
fi

# 2. @vscode/ripgrep 1.15.11 (bundled in code-server) downloads rg from GitHub unless its archive is cached.
#    GitHub is unreachable here, so seed the cache with Debian's rg.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$rg_archive" ]; then
  log "seeding ripgrep cache $rg_archive"
  mkdir -p "$rg_cache"
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$rg_archive" -C "$staging" rg
  rm -rf "$staging"
else
  log "ripgrep cache present"
fi

# 3. code-server in a project-local folder (ignored by git) so the project's package.json stays clean.
installed_version="$("$CODE_SERVER_BIN" --version 2>/dev/null || true)"
if [ "${installed_version%% *}" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "npm install code-server@$CODE_SERVER_VERSION into $CODE_SERVER_PREFIX (takes a few minutes)"
  mkdir -p "$CODE_SERVER_PREFIX"
  [ -f "$CODE_SERVER_PREFIX/package.json" ] || echo '{ "name": "trial-lens-e2e-code-server", "private": true }' > "$CODE_SERVER_PREFIX/package.json"
  npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --prefix "$CODE_SERVER_PREFIX" "code-server@$CODE_SERVER_VERSION"
  "$CODE_SERVER_BIN" --version
fi

log "ready: $CODE_SERVER_BIN, /usr/bin/chromium"
