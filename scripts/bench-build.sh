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
# Each build is timed twice over: wall-clock, and CPU time (user + system, of
# cargo and the compilers it runs). On a machine shared with other builds
# the wall-clock of one build swings by 20%; its CPU time much less, so the
# CPU ratios are the ones to read. The ratios compare builds of one run,
# interleaved. Then each crate's incremental dependency graph is counted
# after one more edit: nodes and edges, which no noise moves. Results also
# go to target/bench-build/results.md.
#
# PIVOT_BENCH_OPTIMIZE_MACROS=1 builds the proc-macros (pivot-macros and the
# generator in it, serde_derive) optimized, as the workspace's own
# `[profile.dev.build-override]` does; unset, they build as a fresh crate's
# would, unoptimized.
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
if [ -n "${PIVOT_BENCH_OPTIMIZE_MACROS:-}" ]; then
  printf '\n[profile.dev.build-override]\nopt-level = 3\n' >>"$ws/Cargo.toml"
fi
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
  # awk, not head: head leaves early, and sort's last write then kills
  # the pipeline with SIGPIPE once the list passes a pipe buffer.
  page=$(find "$ws/spec" -name '*.txt' | sort | awk 'NR == 1')
  sed -i "2s/ #[0-9]*\$//; 2s/\$/ #$1/" "$page"
}

# "wall cpu" in seconds, for one build of a crate.
seconds() { # crate
  local timing
  timing=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$timing" \
    cargo build -q --manifest-path "$ws/Cargo.toml" -p "$1" >/dev/null 2>&1 ||
    { echo "build of $1 failed" >&2; exit 1; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$timing"
  rm -f "$timing"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fastest() { printf '%s\n' "$@" | sort -n | awk 'NR == 1'; }
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }

print_plain
# Each crate built alone once, as it is measured: a workspace-wide build
# would unify pivot-macros' features and leave the first measured builds
# recompiling dependencies.
for c in plain macro plain_nb macro_nb; do
  cargo build -q --manifest-path "$ws/Cargo.toml" -p "$c"
done

crates=(plain macro plain_nb macro_nb)
declare -A wall cpu
for i in $(seq "$runs"); do
  edit "$i"
  print_plain
  for c in "${crates[@]}"; do
    read -r w u < <(seconds "$c")
    wall[$c]="${wall[$c]:-} $w"
    cpu[$c]="${cpu[$c]:-} $u"
  done
done
declare -A mwall mcpu fwall fcpu cwall ccpu
for c in "${crates[@]}"; do
  # shellcheck disable=SC2086
  mwall[$c]=$(median ${wall[$c]})
  # shellcheck disable=SC2086
  mcpu[$c]=$(median ${cpu[$c]})
  # shellcheck disable=SC2086
  fwall[$c]=$(fastest ${wall[$c]})
  # shellcheck disable=SC2086
  fcpu[$c]=$(fastest ${cpu[$c]})
done
for c in "${crates[@]}"; do
  cargo clean -q --manifest-path "$ws/Cargo.toml" -p "$c" 2>/dev/null
  read -r cwall[$c] ccpu[$c] < <(seconds "$c")
done

# The size of each crate's incremental dependency graph after an edit: a
# count, not a time, so the machine's noise cannot move it. An incremental
# rebuild walks this graph (marking unchanged results green) and writes it
# out again, so its size tracks the rebuild's cost when the code changes
# little. `-Zincremental-info` is unstable; RUSTC_BOOTSTRAP allows it for
# these crates only, and changes their incremental session, so the first
# round rebuilds them and the second, after another edit, is counted.
wrapper=$work/incremental-info
cat >"$wrapper" <<'SH'
#!/usr/bin/env bash
name=
for arg in "$@"; do
  [ "${previous:-}" = --crate-name ] && name=$arg
  previous=$arg
done
case "$name" in
  plain | macro | plain_nb | macro_nb)
    RUSTC_BOOTSTRAP=1 exec "$@" -Zincremental-info 2>>"$PIVOT_BENCH_INFO/$name.log" ;;
  *) exec "$@" ;;
esac
SH
chmod +x "$wrapper"
export PIVOT_BENCH_INFO=$work/incremental-info.d
declare -A nodes edges
for round in 1 2; do
  rm -rf "$PIVOT_BENCH_INFO" && mkdir -p "$PIVOT_BENCH_INFO"
  edit "$((runs + round))"
  print_plain
  for c in "${crates[@]}"; do
    RUSTC_WRAPPER=$wrapper cargo build -q --manifest-path "$ws/Cargo.toml" -p "$c" >/dev/null 2>&1
  done
done
for c in "${crates[@]}"; do
  nodes[$c]=$(awk '/Total Node Count/ {print $NF}' "$PIVOT_BENCH_INFO/$c.log")
  edges[$c]=$(awk '/Total Edge Count/ {print $NF}' "$PIVOT_BENCH_INFO/$c.log")
done

row() { # label plain macro: "| label | wall plain / macro / ratio | cpu plain / macro / ratio |"
  local -n w=$2 u=$3
  echo "| $1 | ${w[$4]} s | ${w[$5]} s | $(ratio "${w[$5]}" "${w[$4]}")x | ${u[$4]} s | ${u[$5]} s | $(ratio "${u[$5]}" "${u[$4]}")x |"
}

{
  echo "### cargo build of $count pages ($(basename "$pages")), median of $runs edits${PIVOT_BENCH_OPTIMIZE_MACROS:+, proc-macros optimized}"
  echo
  echo "printed code (\`pivot show --all\`): $(wc -l <"$ws/plain/src/lib.rs") lines, $(wc -c <"$ws/plain/src/lib.rs") bytes; without builders $(wc -l <"$ws/plain_nb/src/lib.rs") lines"
  echo
  echo "| build | wall, pre-expanded | wall, models! | ratio | CPU, pre-expanded | CPU, models! | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  row "after an edit, builders (median)" mwall mcpu plain macro
  row "after an edit, no builders (median)" mwall mcpu plain_nb macro_nb
  row "after an edit, builders (fastest)" fwall fcpu plain macro
  row "after an edit, no builders (fastest)" fwall fcpu plain_nb macro_nb
  row "clean crate, builders" cwall ccpu plain macro
  row "clean crate, no builders" cwall ccpu plain_nb macro_nb
  echo
  echo "builders / no builders after an edit, models!: median wall $(ratio "${mwall[macro]}" "${mwall[macro_nb]}")x, CPU $(ratio "${mcpu[macro]}" "${mcpu[macro_nb]}")x; fastest CPU $(ratio "${fcpu[macro]}" "${fcpu[macro_nb]}")x"
  echo "builders / no builders after an edit, pre-expanded: median wall $(ratio "${mwall[plain]}" "${mwall[plain_nb]}")x, CPU $(ratio "${mcpu[plain]}" "${mcpu[plain_nb]}")x; fastest CPU $(ratio "${fcpu[plain]}" "${fcpu[plain_nb]}")x"
  echo
  echo "| dependency graph after an edit | pre-expanded | models! | pre-expanded, no builders | models!, no builders |"
  echo "|---|---:|---:|---:|---:|"
  echo "| nodes | ${nodes[plain]} | ${nodes[macro]} | ${nodes[plain_nb]} | ${nodes[macro_nb]} |"
  echo "| edges | ${edges[plain]} | ${edges[macro]} | ${edges[plain_nb]} | ${edges[macro_nb]} |"
  echo
  echo "builders / no builders, models!: nodes $(ratio "${nodes[macro]}" "${nodes[macro_nb]}")x, edges $(ratio "${edges[macro]}" "${edges[macro_nb]}")x"
  echo
  echo "every build after an edit, in order (wall / CPU seconds):"
  for c in "${crates[@]}"; do echo "- $c: wall${wall[$c]}; CPU${cpu[$c]}"; done
} | tee "$results"
