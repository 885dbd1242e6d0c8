#!/usr/bin/env bash
# Build cost of the models, side by side in one run: a crate whose lib.rs is
# `pivot_macros::models!("spec")`, against the same code printed by
# `pivot show --all` and compiled as an ordinary crate; each with builders
# (the default) and without (`--no-builders`, pivot-macros without its
# `builders` feature).
#
# Each measured build follows a REAL edit: one word of the first page's
# summary changes (and the printed code is printed again), so both sides
# recompile their crate. A `touch` would let incremental compilation reuse
# everything on the pre-expanded side, which flatters it. Then a clean build
# of each crate, its dependencies already built.
#
# usage: scripts/bench-build.sh [runs] [pages-dir]
#
#   runs       edits, each followed by one build of every crate (default 3)
#   pages-dir  the pages (default spec/); they are copied, `pivot fix`
#              repairs known damage in the copy, and pages `pivot check`
#              still rejects are left out. For the real pages:
#              scripts/bench-build.sh 3 ../shared/pivot-docs/pages
#
# Absolute times depend on the machine's load; the ratios compare builds of
# one run, interleaved, so they hold on a busy machine. Results also go to
# target/bench-build/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
pages=$(cd "${2:-spec}" && pwd)
root=$PWD
work=$root/target/bench-build
# A target directory of its own, so other builds neither wait on nor disturb these.
export CARGO_TARGET_DIR=$work/target
results=$work/results.md

cargo build -q --release -p pivot-cli
pivot=$CARGO_TARGET_DIR/release/pivot

ws=$work/ws
rm -rf "$ws" && mkdir -p "$ws/spec"
cp "$pages"/*.txt "$ws/spec/"
"$pivot" fix "$ws/spec" >/dev/null 2>&1 || true
for page in "$ws"/spec/*.txt; do
  "$pivot" check "$page" >/dev/null 2>&1 || rm "$page"
done
count=$(find "$ws/spec" -name '*.txt' | wc -l)

crate() { # name extra-dependency
  mkdir -p "$ws/$1/src"
  cat >"$ws/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
pivot-runtime = { path = "$root/pivot-runtime" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
$2
TOML
}
crate macro "pivot-macros = { path = \"$root/pivot-macros\" }"
crate macro_nb "pivot-macros = { path = \"$root/pivot-macros\", default-features = false }"
crate plain ""
crate plain_nb ""
for c in macro macro_nb; do
  echo 'pivot_macros::models!("../spec");' >"$ws/$c/src/lib.rs"
done
printf '[workspace]\nresolver = "3"\nmembers = ["macro", "macro_nb", "plain", "plain_nb"]\n' >"$ws/Cargo.toml"
cp Cargo.lock "$ws/Cargo.lock"

# The printed code trips lints rustc skips in macro output; a person pasting
# it would allow them too.
print_plain() {
  (echo '#![allow(unused_parens)]'; "$pivot" show --all "$ws"/spec/*.txt 2>/dev/null) >"$ws/plain/src/lib.rs"
  (echo '#![allow(unused_parens)]'; "$pivot" show --no-builders "$ws"/spec/*.txt 2>/dev/null) >"$ws/plain_nb/src/lib.rs"
}

# A real edit: one word of the first page's summary (its second line).
edit() { # marker
  local page
  page=$(find "$ws/spec" -name '*.txt' | sort | head -1)
  sed -i "2s/ #[0-9]*\$//; 2s/\$/ #$1/" "$page"
}

seconds() { # crate
  local start end
  start=$(date +%s.%N)
  cargo build -q --manifest-path "$ws/Cargo.toml" -p "$1" >/dev/null 2>&1 ||
    { echo "build of $1 failed" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }

print_plain
# Each crate built alone once, as it is measured: a workspace-wide build
# would unify pivot-macros' features and leave the first measured builds
# recompiling dependencies.
for c in plain macro plain_nb macro_nb; do
  cargo build -q --manifest-path "$ws/Cargo.toml" -p "$c"
done

crates=(plain macro plain_nb macro_nb)
declare -A times
for i in $(seq "$runs"); do
  edit "$i"
  print_plain
  for c in "${crates[@]}"; do times[$c]="${times[$c]:-} $(seconds "$c")"; done
done
declare -A med clean
for c in "${crates[@]}"; do
  # shellcheck disable=SC2086
  med[$c]=$(median ${times[$c]})
done
for c in "${crates[@]}"; do
  cargo clean -q --manifest-path "$ws/Cargo.toml" -p "$c" 2>/dev/null
  clean[$c]=$(seconds "$c")
done

{
  echo "### cargo build of $count pages ($(basename "$pages")), median of $runs edits"
  echo
  echo "printed code (\`pivot show --all\`): $(wc -l <"$ws/plain/src/lib.rs") lines, $(wc -c <"$ws/plain/src/lib.rs") bytes; without builders $(wc -l <"$ws/plain_nb/src/lib.rs") lines"
  echo
  echo "| build | pre-expanded | models! | models! / pre-expanded |"
  echo "|---|---:|---:|---:|"
  echo "| after an edit, builders | ${med[plain]} s | ${med[macro]} s | $(ratio "${med[macro]}" "${med[plain]}")x |"
  echo "| after an edit, no builders | ${med[plain_nb]} s | ${med[macro_nb]} s | $(ratio "${med[macro_nb]}" "${med[plain_nb]}")x |"
  echo "| clean crate, builders | ${clean[plain]} s | ${clean[macro]} s | $(ratio "${clean[macro]}" "${clean[plain]}")x |"
  echo "| clean crate, no builders | ${clean[plain_nb]} s | ${clean[macro_nb]} s | $(ratio "${clean[macro_nb]}" "${clean[plain_nb]}")x |"
  echo
  echo "builders / no builders, models! after an edit: $(ratio "${med[macro]}" "${med[macro_nb]}")x; pre-expanded: $(ratio "${med[plain]}" "${med[plain_nb]}")x"
  echo "every build, in order: $(for c in "${crates[@]}"; do printf '%s:%s; ' "$c" "${times[$c]# }"; done)"
} | tee "$results"
