#!/usr/bin/env python3
"""The compose stage's figures for "Scale it while it serves", from the load generator's request log.

Usage: scale-figures.py EVENTS REQUESTS FAILING

EVENTS: one line per event, tab-separated: start (epoch ms, when its command began), end (epoch ms,
when the command returned), window (s), kind (scale, restart or kill), name.
REQUESTS: the load generator's --request-log (due_epoch_ms,action,outcome,latency_ms).
FAILING: written here, one line per window that failed: start ms, end ms, name (tab-separated), for
the stage to print the gateway's log of those seconds.

Prints a Markdown table: per event, the requests due in the window after it began, how many failed
(by kind) and how many were slower than 1 s, and their p99; then the time between the windows and
all of it. Exit status 1 when a promise is broken:
- scale out or in: no failed request;
- restart or kill: no failed read, login or order (orders all carry an Idempotency-Key); a cancel
  (a POST without a key) may fail only with an answer that says so (502, 503, 504);
- between the windows: no failed request.
Requests slower than 1 s in and after a scale event are printed as NOT MET, and do not fail the stage:
on CI's 2 cores a few (about 1 %) of the requests while two JVMs start at once still take longer (the
issue that asks for none stays open with the figures; see the closing note of issue 32).
A failed request is one that got neither a 2xx nor a 409 (stock ran out: an answer, not a failure).
"""
import csv
import math
import sys
from collections import Counter

SLOW_MS = 1000
READS = {"browse", "search", "product", "list"}
CLEAR_ANSWERS = {"502", "503", "504"}


def failed(outcome):
    return not (outcome.isdigit() and (outcome.startswith("2") or outcome == "409"))


def p99(latencies):
    if not latencies:
        return 0.0
    ordered = sorted(latencies)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def kinds(requests):
    """'503:2, refused:1' — the failures by kind (status code, refused, reset, timeout, ...)."""
    counted = Counter(r["outcome"] for r in requests if failed(r["outcome"]))
    return ", ".join(f"{kind}:{count}" for kind, count in sorted(counted.items()))


def figures(requests):
    failures = [r for r in requests if failed(r["outcome"])]
    slow = [r for r in requests if r["latency"] > SLOW_MS]
    return failures, slow, p99([r["latency"] for r in requests])


def main(events_path, requests_path, failing_path):
    with open(events_path) as f:
        events = []
        for line in f:
            start, end, window, kind, name = line.rstrip("\n").split("\t")
            events.append({"start": int(start), "end": int(end), "window": int(window), "kind": kind, "name": name})
    with open(requests_path) as f:
        requests = [{"due": int(r["due_epoch_ms"]), "action": r["action"], "outcome": r["outcome"],
                     "latency": float(r["latency_ms"])} for r in csv.DictReader(f)]
    if not requests:
        print("FAILED: the request log is empty")
        return 1
    requests.sort(key=lambda r: r["due"])
    first, last = requests[0]["due"], requests[-1]["due"]

    broken = []
    not_met = []
    failing = []
    rows = []
    in_windows = set()
    for event in events:
        window_end = event["start"] + event["window"] * 1000
        if window_end > last:
            broken.append(f"{event['name']}: the load ended before its window did")
        inside = [r for r in requests if event["start"] <= r["due"] < window_end]
        in_windows.update(id(r) for r in inside)
        failures, slow, percentile = figures(inside)
        if event["kind"] == "scale":
            fatal = failures
            if slow:
                not_met.append(f"{event['name']}: {len(slow)} requests slower than 1 s ({by_action(slow)})")
        else:
            fatal = [r for r in failures if r["action"] != "cancel" or r["outcome"] not in CLEAR_ANSWERS]
        if fatal:
            broken.append(f"{event['name']}: {len(fatal)} failed ({kinds(fatal)}; "
                          f"{', '.join(f'{a} {n}' for a, n in sorted(Counter(r['action'] for r in fatal).items()))})")
        if fatal or (event["kind"] == "scale" and slow):
            failing.append((event["start"], window_end, event["name"]))
        tolerated = len(failures) - len(fatal)
        took = (event["end"] - event["start"]) / 1000
        rows.append((f"{event['name']} ({took:.1f} s)", f"{event['window']} s", len(inside),
                     f"{len(failures)}" + (f" ({kinds(failures)})" if failures else "")
                     + (f", of them {tolerated} cancels answered {'/'.join(sorted(CLEAR_ANSWERS))} (allowed)" if tolerated else ""),
                     len(slow), f"{percentile:.0f} ms"))

    # Between the windows: from the first request to the first event, and from each window's end to the next event.
    between = [r for r in requests if id(r) not in in_windows]
    failures, slow, percentile = figures(between)
    if failures:
        broken.append(f"between events: {len(failures)} failed ({kinds(failures)})")
        for r in failures:
            failing.append((r["due"] - 1000, r["due"] + 5000, "between events"))
    after_scale = []
    for r in slow:
        before = [e for e in events if e["start"] <= r["due"]]
        if before and before[-1]["kind"] == "scale":
            after_scale.append((r, before[-1]))
    if after_scale:
        not_met.append(f"between events: {len(after_scale)} requests slower than 1 s after a scale event "
                       f"({', '.join(sorted({e['name'] for _, e in after_scale}))}; {by_action([r for r, _ in after_scale])})")
    rows.append(("between events", "", len(between), f"{len(failures)}" + (f" ({kinds(failures)})" if failures else ""),
                 len(slow), f"{percentile:.0f} ms"))
    failures, slow, percentile = figures(requests)
    rows.append((f"all ({(last - first) / 1000:.0f} s)", "", len(requests),
                 f"{len(failures)}" + (f" ({kinds(failures)})" if failures else ""), len(slow), f"{percentile:.0f} ms"))

    print("| Event (30 s apart; its command took) | Window | Requests | Failed | Slower than 1 s | p99 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    actions = Counter(r["action"] for r in requests)
    print(f"(requests by action: {', '.join(f'{a} {n}' for a, n in sorted(actions.items()))}; "
          f"outcomes: {', '.join(f'{o} {n}' for o, n in sorted(Counter(r['outcome'] for r in requests).items()))})")

    # Overlapping windows (failures between events close to each other) are explained once.
    merged = []
    for start, end, name in sorted(failing):
        if merged and start <= merged[-1][1] and merged[-1][2] == name:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, name])
    between_windows = [m for m in merged if m[2] == "between events"]
    merged = [m for m in merged if m[2] != "between events"] + between_windows[:5]
    with open(failing_path, "w") as f:
        for start, end, name in merged:
            f.write(f"{start}\t{end}\t{name}\n")
    for reason in not_met:
        print(f"NOT MET (measured; does not fail the stage): {reason}")
    for reason in broken:
        print(f"BROKEN: {reason}")
    return 1 if broken else 0


def by_action(requests):
    return ", ".join(f"{a} {n}" for a, n in sorted(Counter(r["action"] for r in requests).items()))


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
