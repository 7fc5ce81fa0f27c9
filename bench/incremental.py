"""Time from saving one article to its new page on disk, under `loa serve`.

Usage: incremental.py LOA SITE OUT. Starts `loa serve` on SITE (output in
OUT), waits for the first build, then appends a line to one article five
times, each time measuring until the article's page on disk holds it.
"""
import os
import signal
import statistics
import subprocess
import sys
import time

loa, site, out = sys.argv[1:4]
server = subprocess.Popen(
    [loa, "serve", "--port", "0", "--out", out, "--root", site],
    stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env={**os.environ, "NO_COLOR": "1"},
)
for line in server.stderr:
    if "Đang xem trước" in line:
        break
articles = sorted(
    os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content", "bai-viet")) for f in fs if f.endswith(".md")
)
source = articles[len(articles) // 2]
slug = os.path.splitext(os.path.basename(source))[0]
page = os.path.join(out, "bai-viet", slug, "index.html")
original = open(source, encoding="utf-8").read()
times = []
try:
    for n in range(5):
        marker = f"Dòng thử số {n} lúc {time.time()}"
        started = time.perf_counter()
        with open(source, "w", encoding="utf-8") as f:
            f.write(f"{original}\n{marker}\n")
        while True:
            try:
                with open(page, encoding="utf-8") as f:
                    if marker in f.read():
                        break
            except FileNotFoundError:
                pass
            time.sleep(0.001)
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(6)  # let the search index catch up, as while editing
finally:
    with open(source, "w", encoding="utf-8") as f:
        f.write(original)
    server.send_signal(signal.SIGINT)
    server.wait(timeout=60)
print(
    f"loa serve, {len(articles)} bài: lưu một bài → trang mới trên đĩa: "
    f"trung vị {statistics.median(times):.0f} ms, lâu nhất {max(times):.0f} ms "
    f"({', '.join(f'{t:.0f}' for t in times)} ms)"
)
