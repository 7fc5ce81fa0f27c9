#!/usr/bin/env bash
# The importer's benchmark: `loa import plan` on a 30-page plan, from its
# text, its Word file, its OpenDocument file and its PDF.
#
#   bash bench/import.sh            # 5 runs per format, the median reported
#   BENCH_RUNS=9 bash bench/import.sh
#
# The plan is the bundled seed of Thị trấn Thanh Miện (about 10 pages)
# written three times over with its sections renumbered I. to XV.;
# LibreOffice lays it out as Word and OpenDocument files and exports the
# PDF, whose pages are counted. Target: under 1 s each.
# Installs GNU time and LibreOffice (libreoffice-writer-nogui) if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${BENCH_RUNS:-5}
work=$(mktemp -d /tmp/loa-import-bench.XXXXXX)

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "Cài đặt: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 && apt-get install -y -q --no-install-recommends "${need[@]}" >&2
fi

cargo build --release --quiet --bin loa
loa="$root/target/release/loa"

python3 - "$root/tests/fixtures/seeds/001-cai-nghien-thi-tran-thanh-mien.txt" "$work" <<'PY'
import re, sys, html
seed, work = sys.argv[1], sys.argv[2]
text = open(seed, encoding="utf-8").read()
head, body = text.split("\nI. PHẠM VI", 1)
body = "I. PHẠM VI" + body
body, tail = body.split("Trên đây là Kế hoạch", 1)
romans = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV".split()
parts = []
for copy in range(3):
    def renumber(m):
        return romans[romans.index(m.group(1)) + 5 * copy] + ". "
    parts.append(re.sub(r"^(I|II|III|IV|V)\. ", renumber, body, flags=re.M))
plan = head + "\n" + "\n".join(parts) + "Trên đây là Kế hoạch" + tail
open(f"{work}/ke-hoach-30-trang.txt", "w", encoding="utf-8").write(plan)
paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", plan)]
doc = ['<!doctype html><html><head><meta charset="utf-8"><style>p{font-family:"Times New Roman";font-size:14pt}</style></head><body>']
doc += [f"<p>{html.escape(p)}</p>" for p in paras if p]
doc.append("</body></html>")
open(f"{work}/ke-hoach-30-trang.html", "w", encoding="utf-8").write("\n".join(doc))
PY
profile="-env:UserInstallation=file://$work/profile"
soffice "$profile" --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/ke-hoach-30-trang.html" >/dev/null 2>&1
soffice "$profile" --headless --convert-to odt --outdir "$work" "$work/ke-hoach-30-trang.html" >/dev/null 2>&1
soffice "$profile" --headless --convert-to pdf --outdir "$work" "$work/ke-hoach-30-trang.docx" >/dev/null 2>&1
pdf_pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$work/ke-hoach-30-trang.pdf")
words=$(wc -w < "$work/ke-hoach-30-trang.txt")

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
site="$work/site"
"$loa" init "$site" >/dev/null 2>&1
echo "Kế hoạch mẫu: $words chữ, $pdf_pages trang A4 (bản PDF)."
printf '%-6s %10s %9s %8s\n' "tệp" "KB" "giây" "MB RAM"
for ext in txt docx odt pdf; do
  file="$work/ke-hoach-30-trang.$ext"
  secs=(); kbs=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$loa" import plan "$file" --root "$site" --slug bench --force >/dev/null 2>&1
    read -r s kb < "$work/t"
    secs+=("$s"); kbs+=("$kb")
  done
  printf '%-6s %10d %9s %8d\n' "$ext" $(( $(stat -c %s "$file") / 1024 )) "$(median "${secs[@]}")" $(( $(median "${kbs[@]}") / 1024 ))
done
rm -rf "$work"
