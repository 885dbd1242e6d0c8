#!/usr/bin/env bash
# What builders cost at build time: `cargo build` of a crate that is
# pivot-models' macro call alone, right after a page is touched, with builders
# (the default) and without (`--no-default-features`, as pivot-models has it);
# validate() is in both. Everything else is built once beforehand, so each
# measured build compiles only the models crate.
#
# usage: scripts/bench-builders.sh [runs] [pages-dir]
#
#   runs       builds per variant (default 10)
#   pages-dir  the pages to generate from (default spec/); any folder of
#              pages works, e.g. ../shared/pivot-docs/pages for a large API
#              (pages the generator rejects are left out)
#
# The two variants alternate in one invocation (hyperfine when installed,
# else the median of the runs), so the ratio holds on a busy machine even
# when absolute times do not.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-10}
pages=$(cd "${2:-spec}" && pwd)
root=$PWD
work=$root/target/bench-builders
export CARGO_TARGET_DIR=$work/target

rm -rf "$work/models" && mkdir -p "$work/models/src" "$work/models/spec"
cp "$pages"/*.txt "$work/models/spec/"
cat >"$work/models/Cargo.toml" <<TOML
[package]
name = "bench-models"
version = "0.0.0"
edition = "2024"
publish = false

[features]
default = ["builders"]
builders = ["pivot-macros/builders"]

[dependencies]
pivot-macros = { path = "$root/pivot-macros", default-features = false }
pivot-runtime = { path = "$root/pivot-runtime" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[workspace]
TOML
echo 'pivot_macros::models!("spec");' >"$work/models/src/lib.rs"
cp Cargo.lock "$work/models/Cargo.lock"
manifest=$work/models/Cargo.toml

# Leave out the pages the generator rejects, so the crate compiles.
rejected=$(cargo build -q --manifest-path "$manifest" 2>&1 |
  grep -oE '^error: spec/[^:]+\.txt' | sed 's|^error: ||' | sort -u || true)
for page in $rejected; do rm -f "$work/models/$page"; done
count=$(find "$work/models/spec" -name '*.txt' | wc -l)

with="cargo build -q --manifest-path $manifest"
without="$with --no-default-features"
$with
$without
touch_page="touch $(find "$work/models/spec" -name '*.txt' | sort | head -1)"

echo "### cargo build of the models of $count page(s), after touching a page"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" \
    --command-name "without builders" --prepare "$touch_page" "$without" \
    --command-name "with builders" --prepare "$touch_page" "$with"
else
  median() { # command
    for _ in $(seq "$runs"); do
      $touch_page
      local start end
      start=$(date +%s.%N)
      $1 >/dev/null
      end=$(date +%s.%N)
      echo "$end - $start" | bc
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  }
  base=$(median "$without")
  builders=$(median "$with")
  echo "without builders: ${base}s (median of $runs)"
  echo "with builders:    ${builders}s"
  printf 'ratio: %.2f\n' "$(echo "$builders / $base" | bc -l)"
fi
