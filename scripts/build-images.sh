#!/usr/bin/env bash
# Builds the judge images: bastion-judge-runtime, then bastion-judge-<lang> for each language.
# An image is rebuilt only when its recipe changed: the hash of its folder (plus runner.c and
# replay.c for the runtime, plus the runtime image id for the languages, plus the base image name and id)
# is stored as the label bastion.recipe and compared before building.
#
#   scripts/build-images.sh                 # runtime + all languages
#   scripts/build-images.sh c python        # runtime + just these
#   BASTION_BASE_IMAGE=debian:bookworm-slim scripts/build-images.sh
#
# One line per image on stdout; the full log of each build is in /tmp/bastion-build-<name>.log.
#
# Staged into the build contexts first (git-ignored, judge-images/.gitignore), and so part of the hashes:
#   runtime/.staged/ast-grep       the ast-grep binary of the npm package @ast-grep/cli (run `npm ci` first)
#   runtime/.staged/rules/         libs/security/rules (ast-grep rules, sgconfig.yml)
#   javascript/.staged/eslint/     ESLint + eslint-plugin-security, `npm ci` of javascript/eslint/package-lock.json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGES="$ROOT/judge-images"
BASE="${BASTION_BASE_IMAGE:-bastion-base:bookworm}"
ALL_LANGS=(c cpp python java javascript go rust)
RUNTIME_TAG="bastion-judge-runtime:latest"

if [ "$#" -gt 0 ]; then LANGS=("$@"); else LANGS=("${ALL_LANGS[@]}"); fi
for l in "${LANGS[@]}"; do
  if [ ! -f "$IMAGES/$l/Dockerfile" ]; then echo "unknown language: $l (no $IMAGES/$l/Dockerfile)" >&2; exit 2; fi
done

image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }

# hash of every file under the given paths (path names and contents)
tree_hash() {
  local p
  for p in "$@"; do
    (cd "$IMAGES" && find "$p" -type f ! -name '*.log' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
  done | sha256sum | cut -c1-32
}

base_id="$(image_id "$BASE")"
if [ -z "$base_id" ]; then
  echo "base image $BASE not found (run scripts/base-image.sh)" >&2
  exit 1
fi

# build <name> <tag> <recipe-hash> <docker build args...>
build() {
  local name="$1" tag="$2" recipe="$3"; shift 3
  local have log="/tmp/bastion-build-$name.log"
  have="$(docker image inspect -f '{{ index .Config.Labels "bastion.recipe" }}' "$tag" 2>/dev/null || true)"
  if [ "$have" = "$recipe" ]; then
    echo "$tag: up to date"
    return 0
  fi
  local t0=$SECONDS old
  old="$(image_id "$tag")"
  if docker build --label "bastion.recipe=$recipe" --build-arg "BASE_IMAGE=$BASE" -t "$tag" "$@" >"$log" 2>&1; then
    echo "$tag: built in $((SECONDS - t0))s"
    # best effort: drop the image this one replaced (kept if still used by a container or child image)
    if [ -n "$old" ] && [ "$old" != "$(image_id "$tag")" ]; then docker image rm "$old" >/dev/null 2>&1 || true; fi
  else
    echo "$tag: BUILD FAILED (log: $log)" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
}

# stage_file <src> <dst>: copies only when the content differs (keeps the build context stable)
stage_file() {
  if ! cmp -s "$1" "$2"; then mkdir -p "$(dirname "$2")"; cp "$1" "$2.tmp" && mv -f "$2.tmp" "$2"; fi
}

stage_runtime() {
  local arch bin dst="$IMAGES/runtime/.staged"
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  bin="$ROOT/node_modules/@ast-grep/cli-linux-$arch-gnu/ast-grep"
  if [ ! -x "$bin" ]; then echo "ast-grep binary not found at $bin (run npm ci)" >&2; exit 1; fi
  mkdir -p "$dst"
  if command -v strip >/dev/null; then
    strip -o "$dst/ast-grep.new" "$bin"
    stage_file "$dst/ast-grep.new" "$dst/ast-grep"
    rm -f "$dst/ast-grep.new"
  else
    stage_file "$bin" "$dst/ast-grep"
  fi
  chmod 0755 "$dst/ast-grep"
  rm -rf "$dst/rules.new" && cp -r "$ROOT/libs/security/rules" "$dst/rules.new"
  if ! diff -rq "$dst/rules.new" "$dst/rules" >/dev/null 2>&1; then rm -rf "$dst/rules" && mv "$dst/rules.new" "$dst/rules"; fi
  rm -rf "$dst/rules.new"
}

stage_eslint() {
  local src="$IMAGES/javascript/eslint" dst="$IMAGES/javascript/.staged/eslint"
  if [ ! -d "$dst/node_modules" ] || ! cmp -s "$src/package-lock.json" "$dst/package-lock.json"; then
    rm -rf "$dst" && mkdir -p "$dst"
    cp "$src/package.json" "$src/package-lock.json" "$dst/"
    if ! (cd "$dst" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund >/tmp/bastion-build-eslint-npm.log 2>&1); then
      rm -rf "$dst"
      echo "npm ci of $src failed (log: /tmp/bastion-build-eslint-npm.log)" >&2
      exit 1
    fi
  fi
  stage_file "$src/eslint.config.mjs" "$dst/eslint.config.mjs"
}

stage_runtime
for l in "${LANGS[@]}"; do if [ "$l" = javascript ]; then stage_eslint; fi; done

runtime_recipe="$(printf '%s\n' "runtime" "$BASE" "$base_id" "$(tree_hash runtime runner/runner.c runner/replay.c runner/intcheck.h)" | sha256sum | cut -c1-32)"
build runtime "$RUNTIME_TAG" "$runtime_recipe" -f "$IMAGES/runtime/Dockerfile" "$IMAGES"

runtime_id="$(image_id "$RUNTIME_TAG")"
status=0
for l in "${LANGS[@]}"; do
  recipe="$(printf '%s\n' "$l" "$BASE" "$base_id" "$runtime_id" "$(tree_hash "$l")" | sha256sum | cut -c1-32)"
  build "$l" "bastion-judge-$l:latest" "$recipe" --build-arg "RUNTIME_IMAGE=$RUNTIME_TAG" "$IMAGES/$l" || status=1
done
exit $status
