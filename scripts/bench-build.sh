#!/usr/bin/env bash
# Build cost of the macro: `cargo build` of a crate whose models come from
# `pivot_macros::models!`, right after a page is touched, against the same
# code pretty-printed by `pivot show` and compiled as an ordinary crate right
# after its source is touched. Two page sets: the pages of spec/ (the
# reference page) and 100 synthetic pages; the macro with and without
# builders, and the pre-expanded code without builders when
# `pivot show --no-builders` exists.
#
# usage: scripts/bench-build.sh [runs]     (default 10 runs per command)
#
# Uses hyperfine when installed (`apt-get install hyperfine`), else the median
# of repeated runs. Each table's commands run one after another in the same
# invocation, so the ratios hold even on a busy machine; absolute times don't.
# Results go to target/bench-build/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-10}
root=$PWD
work=$root/target/bench-build
# A target directory of its own, so other builds of the workspace neither
# wait on nor disturb these.
export CARGO_TARGET_DIR=$work/target
results=$work/results.md

cargo build -q --release -p pivot-cli
cargo build -q --release -p pivot-synthetic --example synth
pivot=$CARGO_TARGET_DIR/release/pivot
synth=$CARGO_TARGET_DIR/release/examples/synth

builders_flag=""
if "$pivot" show --no-builders spec/create_payment_session.txt >/dev/null 2>&1; then
  builders_flag="--no-builders"
fi

# The crate that uses the macro, as pivot-models does.
# Builders are on by default, as in pivot-models; `no-builders` turns them off.
write_macro_crate() { # name pages-dir [no-builders]
  local dir=$work/$1 features=""
  [[ ${3:-} == no-builders ]] && features=", default-features = false"
  rm -rf "$dir" && mkdir -p "$dir/src" "$dir/spec"
  cp "$2"/*.txt "$dir/spec/"
  manifest "$1" "pivot-macros = { path = \"../../../pivot-macros\"$features }" >"$dir/Cargo.toml"
  echo 'pivot_macros::models!("spec");' >"$dir/src/lib.rs"
}

# The same models as ordinary code, as `pivot show` prints them.
write_plain_crate() { # name pages-dir [pivot-show-flags]
  local dir=$work/$1
  rm -rf "$dir" && mkdir -p "$dir/src"
  manifest "$1" "" >"$dir/Cargo.toml"
  # The printed code trips lints that rustc skips in macro output; a person
  # pasting it would fix or allow them, so they are allowed here.
  echo '#![allow(unused_parens)]' >"$dir/src/lib.rs"
  # shellcheck disable=SC2086
  "$pivot" show ${3:-} "$2"/*.txt >>"$dir/src/lib.rs"
}

manifest() { # name extra-dependency
  cat <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
$2
TOML
}

mkdir -p "$work"
rm -rf "$work/synthetic-100"
"$synth" "$work/synthetic-100" 100

sets=("reference:$root/spec" "synthetic-100:$work/synthetic-100")
members=()
for set in "${sets[@]}"; do
  name=${set%%:*} pages=${set#*:}
  write_macro_crate "$name-macro" "$pages"
  write_plain_crate "$name-plain" "$pages"
  write_macro_crate "$name-macro-no-builders" "$pages" no-builders
  members+=("\"$name-macro\"" "\"$name-plain\"" "\"$name-macro-no-builders\"")
  if [[ -n $builders_flag ]]; then
    write_plain_crate "$name-plain-no-builders" "$pages" "$builders_flag"
    members+=("\"$name-plain-no-builders\"")
  fi
done
(IFS=,; printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "${members[*]}") >"$work/Cargo.toml"
cp Cargo.lock "$work/Cargo.lock"

# Everything built once, so each measured build compiles only the touched crate.
cargo build -q --manifest-path "$work/Cargo.toml" --workspace

median_seconds() { # prepare command
  local times=()
  for _ in $(seq "$runs"); do
    eval "$1"
    local start end
    start=$(date +%s.%N)
    eval "$2" >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

compare() { # title, then pairs of: label prepare command
  local title=$1
  shift
  echo "### $title" | tee -a "$results"
  if command -v hyperfine >/dev/null; then
    local args=()
    while (($#)); do
      args+=(--command-name "$1" --prepare "$2" "$3")
      shift 3
    done
    hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/table.md" "${args[@]}" >&2
    cat "$work/table.md" | tee -a "$results"
  else
    local base=""
    echo "| Command | Median [s] | Relative |" | tee -a "$results"
    echo "|:---|---:|---:|" | tee -a "$results"
    while (($#)); do
      local t
      t=$(median_seconds "$2" "$3")
      base=${base:-$t}
      printf '| %s | %s | %.2f |\n' "$1" "$t" "$(echo "$t / $base" | bc -l)" | tee -a "$results"
      shift 3
    done
  fi
  echo | tee -a "$results"
}

build() { echo "cargo build -q --manifest-path $work/Cargo.toml -p $1"; }

: >"$results"
for set in "${sets[@]}"; do
  name=${set%%:*}
  first_page=$(find "$work/$name-macro/spec" -name '*.txt' | sort | head -1)
  first_page_nb=$(find "$work/$name-macro-no-builders/spec" -name '*.txt' | sort | head -1)
  cases=(
    "pre-expanded (plain crate)" "touch $work/$name-plain/src/lib.rs" "$(build "$name-plain")"
    "models! macro" "touch $first_page" "$(build "$name-macro")"
    "models! macro, no builders" "touch $first_page_nb" "$(build "$name-macro-no-builders")"
  )
  if [[ -n $builders_flag ]]; then
    cases+=(
      "pre-expanded, no builders" "touch $work/$name-plain-no-builders/src/lib.rs"
      "$(build "$name-plain-no-builders")"
    )
  fi
  compare "$name: $(find "$work/$name-macro/spec" -name '*.txt' | wc -l) pages" "${cases[@]}"
done
if [[ -z $builders_flag ]]; then
  echo "(\`pivot show --no-builders\` does not exist yet: no pre-expanded crate without builders)" | tee -a "$results"
fi
