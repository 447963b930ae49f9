#!/usr/bin/env bash
# size-lab.sh [case-dir ...]: dfopt's size estimates against real builds (issue 22).
# For each case's `before/` variant: `dfopt fix --unsafe` a copy, build both with the lab (../shared/lab/compare.sh:
# buildah, no cache, local bases only), and print a markdown row: estimated saving (fix --format json), measured
# saving (before size minus fixed size) and the relative error of the estimate. Slow (minutes per case on 2 cores):
# not part of npm test. Needs root and the lab's base images (../shared/lab/setup.sh); LAB_STORAGE_ROOT/LAB_WORK
# are passed on to the lab, so a private store keeps this run apart from other lab users.
# SIZE_LAB_OUT=<dir> keeps each case's fixed Dockerfile, fix JSON and lab JSON in <dir>/<case>/; a later run with the
# same SIZE_LAB_OUT reuses a case's measurement (no build) when the fix still writes the byte-identical Dockerfile,
# so a change to the estimates alone is checked in seconds. SIZE_LAB_REBUILD=1 builds every case anyway.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lab=$(cd "$root/../shared/lab" && pwd)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("$lab"/cases/* "$root"/lab/cases/*)
work=$(mktemp -d "${TMPDIR:-/tmp}/dfopt-size-lab-XXXXXX")
trap 'rm -rf "$work"' EXIT
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

echo '| case | fixes applied | estimated saving (MB) | measured saving (MB) | relative error | same output |'
echo '|---|---|---:|---:|---:|---|'
for dir in "${cases[@]}"; do
  name=$(basename "$dir")
  [ -f "$dir/before/Dockerfile" ] || continue
  rm -rf "$work/before" "$work/fixed" "$work/compare.err"
  cp -a "$dir/before" "$work/before"
  cp -a "$dir/before" "$work/fixed"
  chmod -R u+w "$work/before" "$work/fixed"
  node "$root/bin/dfopt.js" fix --unsafe --format json "$work/fixed/Dockerfile" >"$work/fix.json" 2>"$work/fix.err"
  est=$(jq -r '.[0].estimatedSavingBytes // empty' "$work/fix.json")
  applied=$(jq -r '.[0].applied | to_entries | map("\(.key) ×\(.value)") | join(", ")' "$work/fix.json")
  keep=${SIZE_LAB_OUT:+$SIZE_LAB_OUT/$name}
  if ! cmp -s "$work/before/Dockerfile" "$work/fixed/Dockerfile"; then
    if [ -n "$keep" ] && [ -z "${SIZE_LAB_REBUILD:-}" ] && cmp -s "$keep/fixed.Dockerfile" "$work/fixed/Dockerfile" \
      && cmp -s "$keep/before.Dockerfile" "$work/before/Dockerfile" && [ -s "$keep/compare.json" ]; then
      cp "$keep/compare.json" "$work/compare.json"
      echo "$name: measurement reused from $keep (same fixed Dockerfile)" >&2
    else
      "$lab/compare.sh" "$work/before" "$work/fixed" >"$work/compare.json" 2>"$work/compare.err"
    fi
    if [ -n "$keep" ]; then
      mkdir -p "$keep"
      cp "$work/before/Dockerfile" "$keep/before.Dockerfile"
      cp "$work/fixed/Dockerfile" "$keep/fixed.Dockerfile"
      cp "$work/fix.json" "$keep/fix.json"
      [ "$work/compare.json" -ef "$keep/compare.json" ] || cp "$work/compare.json" "$keep/compare.json"
      [ ! -f "$work/compare.err" ] || cp "$work/compare.err" "$keep/compare.err"
    fi
    measured=$(jq -r 'if .before.built and .after.built then (.before.size_bytes - .after.size_bytes) else empty end' "$work/compare.json")
    same=$(jq -r '.outputs_identical and .rc_identical' "$work/compare.json")
  else
    measured=0 same=true
  fi
  est_text='no estimate'
  [ -z "$est" ] || est_text=$(mb "$est")
  if [ -z "$measured" ]; then
    echo "| $name | ${applied:-none} | $est_text | build failed | | |"
    continue
  fi
  err=''
  if [ -n "$est" ] && [ "$measured" != 0 ]; then err=$(awk -v e="$est" -v m="$measured" 'BEGIN { printf "%+.0f %%", (e - m) / m * 100 }'); fi
  echo "| $name | ${applied:-none} | $est_text | $(mb "$measured") | ${err:-n/a} | $same |"
done
