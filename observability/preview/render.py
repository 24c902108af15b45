#!/usr/bin/env python3
"""Draws a dashboard's panels from a live Prometheus into one PNG, for the pictures in docs/images (docs/operations.md).

The pictures in the README come from this, not from Grafana: they were made on a machine that
has Prometheus (Debian's package) but no Grafana. Each panel is drawn from its own targets, with
Grafana's variables filled in as "All", over the last minutes: the same queries Grafana sends.

    /usr/bin/python3 observability/preview/render.py http://localhost:9090 \
        observability/grafana/dashboards/shop-overview.json docs/images/dashboard-shop-overview.png

Needs matplotlib (Debian: python3-matplotlib).
"""
import json
import sys
import time
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

MINUTES = 10
STEP = 5


def fill_variables(expr):
    for name in ("${service}", "$service", "${instance}", "$instance"):
        expr = expr.replace(name, ".*")
    return expr.replace("$__rate_interval", "1m")


def query_range(prometheus, expr):
    end = time.time()
    params = urllib.parse.urlencode({"query": expr, "start": end - MINUTES * 60, "end": end, "step": STEP})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query_range?{params}", timeout=30) as answer:
        return json.load(answer)["data"]["result"]


def legend(target, metric):
    text = target.get("legendFormat") or ""
    if not text or text == "__auto":
        return ",".join(f"{k}={v}" for k, v in metric.items() if k != "__name__") or "value"
    for key, value in metric.items():
        text = text.replace("{{" + key + "}}", value).replace("{{ " + key + " }}", value)
    return text


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        if panel.get("type") == "row":
            yield panel
            yield from panel.get("panels", [])
        else:
            yield panel


def main(prometheus, dashboard_file, output):
    dashboard = json.load(open(dashboard_file))
    panels = [p for p in panels_of(dashboard) if p.get("type") != "row" and p.get("targets")]
    columns = 3
    rows = (len(panels) + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(18, 3.2 * rows), squeeze=False)
    figure.suptitle(f"{dashboard['title']} (last {MINUTES} minutes)", fontsize=16)
    for axis, panel in zip(axes.flat, panels):
        axis.set_title(panel.get("title", ""), fontsize=10)
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
        drawn = 0
        for target in panel["targets"]:
            if not target.get("expr"):
                continue
            for series in query_range(prometheus, fill_variables(target["expr"])):
                times = [float(t) - time.time() for t, _ in series["values"]]
                values = [float(v) for _, v in series["values"]]
                axis.plot([t / 60 for t in times], values, linewidth=1.2, label=legend(target, series["metric"])[:40])
                drawn += 1
        if drawn == 0:
            axis.text(0.5, 0.5, "No data here\n(Kubernetes only)" if "kube_" in json.dumps(panel) else "No data",
                      ha="center", va="center", transform=axis.transAxes, color="grey")
        elif drawn <= 8:
            axis.legend(fontsize=6, loc="upper left")
        axis.set_xlabel("minutes ago" + (f"   [{unit}]" if unit else ""), fontsize=7)
        axis.tick_params(labelsize=7)
        axis.grid(alpha=0.3)
    for axis in list(axes.flat)[len(panels):]:
        axis.axis("off")
    figure.tight_layout(rect=(0, 0, 1, 0.98))
    figure.savefig(output, dpi=70)


if __name__ == "__main__":
    main(*sys.argv[1:4])
