"""A/B of gongkai/search code versions on a database built by search_bench.py (run by hand).

    GK_ROOT=/path/to/checkout DATABASE_URL=... .venv/bin/python bench/ab_probe.py OUT.json

Times search() and search(with_facets=True) for a fixed set of slow and typical searches:
one warm-up execution, then the median of three. Writes the timings and the results (count,
page ids, facets) so that two code versions can be compared on the same data.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("GK_ROOT", Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

SEARCHES = [
    ("政府", {}),
    ("工作", {}),
    ("开展情况", {}),
    ("政府信息公开申请", {}),
    ("部门要加强组织领", {}),
    ("以人民为", {"year": 2021}),
    ("部门要加强组织领", {"validity": "valid", "year": 2024}),
    ("政务服务", {"topic": 38}),
    ("东湖区红", {}),
    ("补贴的通", {}),
    ("红谷滩区黄田镇公", {"organ": 17}),
    ("连续缴纳", {"kind": "policy", "topic": 99, "validity": "expired"}),
]


def main() -> None:
    import django

    django.setup()
    import gongkai
    from gongkai.search.query import Filters, search

    out = {"code": str(Path(gongkai.__file__).parent), "searches": []}
    for q, f in SEARCHES:
        # the key "organ" (the search page's parameter) is Filters.unit
        filters = Filters(
            **{"kind": None, **{("unit" if k == "organ" else k): v for k, v in f.items()}}
        )
        row = {"q": q, "filters": f}
        for name, kwargs in (("search", {}), ("with_facets", {"with_facets": True})):
            search(q, filters, page_size=20, **kwargs)  # warm-up
            times = []
            for _ in range(3):
                t = time.perf_counter()
                results = search(q, filters, page_size=20, **kwargs)
                times.append((time.perf_counter() - t) * 1000)
            row[name] = round(statistics.median(times), 1)
            row[f"{name}_result"] = [
                results.count,
                [h.page_id for h in results.hits],
                {k: sorted(v) for k, v in results.facets.items()},
            ]
        print(
            f"{q} {f}: search {row['search']} ms, with facets {row['with_facets']} ms", flush=True
        )
        out["searches"].append(row)
    Path(sys.argv[1]).write_text(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
