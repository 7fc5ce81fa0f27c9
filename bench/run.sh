#!/usr/bin/env bash
# The benchmark: loa against Hugo on the same generated corpus.
#
#   bash bench/run.sh            # 1,000 and 10,000 articles (+ 100 plans)
#   BENCH_SIZES="1000" bash bench/run.sh
#   BENCH_RUNS=5 bash bench/run.sh  # builds per tool and size (default 3)
#   BENCH_LARGE=0 bash bench/run.sh  # skip the 100,000-article run of loa alone
#
# For each size: clean builds by loa and by Hugo, taking turns, each into a
# new output folder (deleting a large folder slows the next file creations on
# some file systems; all are deleted at the end), the median reported (Debian's `hugo`, with the
# minimal equivalent theme in bench/hugo/: article pages, paginated lists,
# categories, tags, home, feed, sitemap) of the same articles; wall time, peak
# memory, pages per second, output size, and the ratios. Then, on the largest
# size, the time `loa serve` takes from saving one article to the new page on
# disk. Then loa alone on 100,000 articles (BENCH_LARGE; Hugo is not run
# there): time, peak memory and memory per 1,000 articles.
# Installs GNU time, Hugo and Python if missing (Debian, as root).
# Start it at least five minutes after deleting a large folder (such as a
# previous run's outputs): some file systems create files slower for a while.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=${BENCH_SIZES:-"1000 10000"}
large=${BENCH_LARGE:-100000}
plans=${BENCH_PLANS:-100}
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/loa-bench.XXXXXX)}

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v hugo >/dev/null 2>&1 || need+=(hugo)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v bc >/dev/null 2>&1 || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  echo "Cài đặt: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 && apt-get install -y -q --no-install-recommends "${need[@]}" >&2
fi

cargo build --release --quiet --bin loa --example corpus
loa="$root/target/release/loa"
corpus="$root/target/release/examples/corpus"

# Runs a command, prints "seconds peak_kb".
measure() {
  local out=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>&1
  cat "$out"
}
pages() { find "$1" -name '*.html' | wc -l; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
bytes() { du -sb "$1" | cut -f1; }

rm -rf "$work"/out-* "$work"/hugo-cache-*
printf '%-6s %-5s %8s %9s %8s %9s %8s %11s\n' "bài" "công cụ" "giây" "MB RAM" "trang" "trang/s" "MB ra" "MB/1000 bài"
declare -A loa_s loa_kb hugo_s hugo_kb
for n in $sizes; do
  site="$work/site-$n"
  rm -rf "$site"
  "$corpus" "$site" "$n" "$plans" >/dev/null 2>&1
  hugo_site="$work/hugo-$n"
  rm -rf "$hugo_site"
  mkdir -p "$hugo_site/content"
  cp -r "$root/bench/hugo/." "$hugo_site/"
  ln -s "$site/content/bai-viet" "$hugo_site/content/bai-viet"

  ls=(); lkb=(); hs=(); hkb=()
  for i in $(seq 1 "$runs"); do
    read -r s kb < <(measure "$work/time" "$loa" build --quiet --root "$site" --out "$work/out-loa-$n-$i")
    ls+=("$s"); lkb+=("$kb")
    read -r s kb < <(measure "$work/time" hugo --quiet --source "$hugo_site" \
      --destination "$work/out-hugo-$n-$i" --cacheDir "$work/hugo-cache-$n-$i")
    hs+=("$s"); hkb+=("$kb")
  done
  loa_s[$n]=$(median "${ls[@]}"); loa_kb[$n]=$(median "${lkb[@]}")
  hugo_s[$n]=$(median "${hs[@]}"); hugo_kb[$n]=$(median "${hkb[@]}")
  for tool in loa hugo; do
    if [ $tool = loa ]; then s=${loa_s[$n]}; kb=${loa_kb[$n]}; else s=${hugo_s[$n]}; kb=${hugo_kb[$n]}; fi
    out="$work/out-$tool-$n-1"
    p=$(pages "$out"); b=$(bytes "$out")
    printf '%-6s %-7s %8s %9d %8d %9.0f %8.1f %11.1f\n' "$n" $tool "$s" $((kb / 1024)) "$p" \
      "$(echo "$p / $s" | bc -l)" "$(echo "$b / 1048576" | bc -l)" "$(echo "$kb / 1024 / ($n / 1000)" | bc -l)"
  done
  echo "       (loa: ${ls[*]} s; Hugo: ${hs[*]} s)"
done

echo
for n in $sizes; do
  printf '%s bài: loa nhanh hơn Hugo %.1f lần, dùng %.2f lần bộ nhớ của Hugo\n' "$n" \
    "$(echo "${hugo_s[$n]} / ${loa_s[$n]}" | bc -l)" "$(echo "${loa_kb[$n]} / ${hugo_kb[$n]}" | bc -l)"
done
set -- $sizes
if [ $# -ge 2 ]; then
  first=$1; last=${!#}
  printf 'Tăng nội dung %d lần: thời gian của loa tăng %.1f lần\n' $((last / first)) \
    "$(echo "${loa_s[$last]} / ${loa_s[$first]}" | bc -l)"
fi

echo
largest=${!#}
python3 "$root/bench/incremental.py" "$loa" "$work/site-$largest" "$work/serve-$largest"
rm -rf "$work"/out-* "$work"/hugo-cache-*

if [ "$large" -gt 0 ]; then
  echo
  site="$work/site-$large"
  rm -rf "$site"
  "$corpus" "$site" "$large" "$plans" >/dev/null 2>&1
  read -r s kb < <(measure "$work/time" "$loa" build --quiet --root "$site" --out "$work/out-loa-$large")
  printf '%d bài (chỉ loa): %s giây, bộ nhớ đỉnh %d MB, %.1f MB cho mỗi 1.000 bài\n' "$large" "$s" \
    $((kb / 1024)) "$(echo "$kb / 1024 / ($large / 1000)" | bc -l)"
  set -- $sizes
  last=${!#}
  printf 'Tăng nội dung %d lần (%d → %d bài): thời gian của loa tăng %.1f lần\n' $((large / last)) \
    "$last" "$large" "$(echo "$s / ${loa_s[$last]}" | bc -l)"
  rm -rf "$work/out-loa-$large" "$site"
fi
