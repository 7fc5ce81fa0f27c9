#!/usr/bin/env bash
# Inputs made to stall a build: each in a small site of its own, built
# once with the release binary; the wall time and peak memory are printed.
# Target: each under 2 s and 500 MB, finished with its result (built, or a
# clear error).
#
#   bash bench/pathological.sh
#
# - 100,000 identical `## Mục` headings (heading ids made unique);
# - 100,000 `@/` links on one line (each located by line and column);
# - 100,000 nested <div> on one line (the HTML cleaner's depth);
# - a table of 20,000 columns in an 8 MB article (memory per cell);
# - 25,000 list items nested 300 deep (Markdown nesting);
# - 50,000 footnotes, 50,000 tags on one article.
# Installs GNU time if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/loa-pathological.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "Cài đặt: time" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 && apt-get install -y -q --no-install-recommends time >&2
fi
cargo build --release --quiet --bin loa
loa="$root/target/release/loa"

# One site per case: the bundled fixture plus the case's article.
make_case() {
  local name=$1
  mkdir -p "$work/$name"
  cp -r "$root/tests/fixtures/basic/." "$work/$name/"
  python3 - "$work/$name/content/bai-viet/benh-ly.md" "$name" <<'PY'
import sys
path, case = sys.argv[1], sys.argv[2]
head = "---\ntitle: Bệnh lý\ndate: 2026-01-01\n{extra}---\n"
extra, body = "", ""
if case == "headings":
    body = "".join("## Mục\n\nChữ.\n\n" for _ in range(100_000))
elif case == "links":
    body = " ".join("[a](@/bai-viet/ma-tuy.md)" for _ in range(100_000)) + "\n"
elif case == "divs":
    body = "<div>" * 100_000 + "chữ" + "</div>" * 100_000 + "\n"
elif case == "table":
    cols = 20_000
    row = "|" + "|".join("ô" for _ in range(cols)) + "|\n"
    rule = "|" + "|".join("-" for _ in range(cols)) + "|\n"
    body = "Bảng: Rộng\n\n" + row + rule
    while len(body.encode()) < 8_000_000:
        body += row
elif case == "lists":
    body = "".join("  " * (i % 300) + "- mục\n" for i in range(25_000))
elif case == "footnotes":
    body = "".join(f"Câu[^{i}].\n\n[^{i}]: Chú thích {i}.\n\n" for i in range(50_000))
elif case == "tags":
    extra = "tags: [" + ", ".join(f"thẻ {i}" for i in range(50_000)) + "]\n"
    body = "Chữ.\n"
open(path, "w", encoding="utf-8").write(head.format(extra=extra) + body)
PY
}

printf '%-10s %8s %9s  %s\n' "case" "time (s)" "peak (MB)" "result"
for name in headings links divs table lists footnotes tags; do
  make_case "$name"
  out="$work/$name.out"
  set +e
  # A case that stalls is stopped after two minutes and reported so.
  /usr/bin/time -f '%e %M' -o "$work/$name.time" timeout 120 "$loa" build --quiet --root "$work/$name" >"$out" 2>&1
  code=$?
  set -e
  read -r seconds kb <"$work/$name.time" || true
  # The exit status line GNU time adds on failure comes first.
  if ! [[ $seconds =~ ^[0-9.]+$ ]]; then read -r seconds kb < <(tail -n 1 "$work/$name.time"); fi
  if [ "$code" = 0 ]; then result="built"
  elif [ "$code" = 124 ]; then result="STALLED (stopped after 120 s)"
  else result="error: $(grep -m1 'lỗi' "$out" | cut -c1-90)"; fi
  printf '%-10s %8s %9d  %s\n' "$name" "$seconds" "$((kb / 1024))" "$result"
done
