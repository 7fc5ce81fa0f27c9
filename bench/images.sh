#!/usr/bin/env bash
# Photos for slow networks: 100 large photos (50 JPEG of 4000 × 3000 from
# a phone camera, 50 PNG of 3000 × 2000), each shown in an article, built
# with the release binary twice: the first build encodes every version
# (WebP and JPEG/PNG at 480, 800 and 1200 px), the second takes them from
# the first's output. Prints the wall time and peak memory of each, the
# originals' weight and what a 390-px phone at 3× downloads.
#
#   bash bench/images.sh [COUNT]
#
# Installs GNU time if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
count=${1:-100}
work=$(mktemp -d /tmp/loa-images.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "Cài đặt: time" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 && apt-get install -y -q --no-install-recommends time >&2
fi
cargo build --release --quiet --bin loa --example photos
loa="$root/target/release/loa"

site="$work/site"
cp -r "$root/tests/fixtures/basic/." "$site/"
"$root/target/release/examples/photos" "$site/static/anh/lon" "$count"
{
  printf -- '---\ntitle: Ảnh hoạt động\ndate: 2026-01-01\n---\n'
  for f in "$site"/static/anh/lon/*; do
    printf '![Ảnh hoạt động](/anh/lon/%s)\n\n' "$(basename "$f")"
  done
} > "$site/content/bai-viet/anh-hoat-dong.md"

build() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$loa" --root "$site" build >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r secs kb < "$work/time"
  echo "$1: ${secs} s, ${kb%???} MB đỉnh · $(grep 'Ảnh cho điện thoại' "$work/out" | sed 's/Ảnh cho điện thoại: //')"
}
echo "$count ảnh, $(du -sm "$site/static/anh/lon" | cut -f1) MB ảnh gốc; máy $(nproc) lõi"
build "Lần dựng đầu"
build "Lần dựng lại (không đổi ảnh)"
python3 - "$site/public/anh/lon" <<'PY'
import os, sys, re
folder = sys.argv[1]
sizes = {}
for name in os.listdir(folder):
    m = re.match(r"(anh-\d+)\.[0-9a-f]{8}\.(\d+)\.webp$", name)
    if m and m.group(2) == "1200":
        sizes[m.group(1)] = os.path.getsize(os.path.join(folder, name))
originals = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder) if re.match(r"anh-\d+\.(jpg|png)$", n))
if sizes:
    print(f"Điện thoại 390 px (3×) tải bản 1200 px WebP: lớn nhất {max(sizes.values())//1024} KB, trung bình {sum(sizes.values())//len(sizes)//1024} KB, tổng {sum(sizes.values())//1048576} MB (ảnh gốc: {originals//1048576} MB)")
PY
