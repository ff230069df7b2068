"""How long the checks of a submission take: upload checks (image re-encoding, document type)
and the duplicate comparison, each next to a baseline measured in the same run.

    .venv/bin/python bench/contributions_checks.py [--repeat 30]

Needs no database: the duplicate comparison is timed on the rapidfuzz scoring itself (the query
that loads the practices of one municipality is an indexed filter).
"""

import argparse
import io
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krisenwissen.settings.dev")

import django  # noqa: E402

django.setup()

from PIL import Image  # noqa: E402

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from krisenwissen.contributions import uploads  # noqa: E402
from krisenwissen.contributions.duplicates import similarity  # noqa: E402


def photo(width: int, height: int) -> bytes:
    image = Image.effect_mandelbrot((width, height), (-2, -1.5, 1, 1.5), 100).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def timed(function, repeat: int) -> dict:
    times = []
    tracemalloc.start()
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, int(len(times) * 0.95))],
        "per_s": 1000 / statistics.mean(times),
        "peak_mb": peak / 1_048_576,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    repeat = parser.parse_args().repeat

    big = photo(4000, 3000)
    small = photo(1200, 900)
    pdf = b"%PDF-1.7\n" + os.urandom(5 * 1024 * 1024)
    titles = [f"Hitzetelefon Variante {n} für ältere Menschen im Sommer" for n in range(500)]
    rows = [
        ("baseline: Pillow decode 4000×3000 JPEG", lambda: Image.open(io.BytesIO(big)).load()),
        ("check_image 4000×3000 JPEG (re-encode)", lambda: uploads.check_image(SimpleUploadedFile("a.jpg", big))),
        ("check_image 1200×900 JPEG (re-encode)", lambda: uploads.check_image(SimpleUploadedFile("a.jpg", small))),
        ("baseline: read 5 MB", lambda: SimpleUploadedFile("a.pdf", pdf).read()),
        ("check_document 5 MB PDF", lambda: uploads.check_document(SimpleUploadedFile("a.pdf", pdf))),
        ("baseline: 500 × str ==", lambda: [t == "Hitzetelefon für Seniorinnen" for t in titles]),
        (
            "duplicates: 500 titles × token_set_ratio",
            lambda: [similarity("Hitzetelefon für Seniorinnen", t) for t in titles],
        ),
    ]
    print(f"{'operation':<46} {'p50 ms':>9} {'p95 ms':>9} {'ops/s':>9} {'peak MB':>8}")
    for label, function in rows:
        result = timed(function, repeat)
        print(
            f"{label:<46} {result['p50']:>9.2f} {result['p95']:>9.2f} {result['per_s']:>9.1f} {result['peak_mb']:>8.1f}"
        )


if __name__ == "__main__":
    main()
