#!/usr/bin/env python3
"""A service's log lines (JSON or plain, on standard input), short enough to read in a CI log.

Usage: docker logs ... 2>&1 | log-digest.py [LINES]

Prints the first LINES lines (default 15) as "time level logger: message", then every kind of
message with how often it came, most frequent first (a kind: the message with every number, as in
ids and addresses, replaced by #).
"""
import json
import re
import sys
from collections import Counter

KIND = re.compile(r"\d+")


def readable(line):
    try:
        entry = json.loads(line)
    except ValueError:
        return line
    if not isinstance(entry, dict):
        return line
    logger = entry.get("loggerName", "").rsplit(".", 1)[-1]
    text = f"{entry.get('timestamp', '')[11:23]} {entry.get('level', '')} {logger}: {entry.get('message', '')}"
    if entry.get("exception"):
        exception = entry["exception"]
        text += f" [{exception.get('exceptionType', '')}: {exception.get('message', '')}]" if isinstance(exception, dict) else ""
    return text


def main(first):
    lines = [readable(line.rstrip("\n")) for line in sys.stdin if line.strip()]
    if not lines:
        print("    (nothing logged)")
        return
    for line in lines[:first]:
        print("    " + line[:400])
    if len(lines) > first:
        print(f"    ... {len(lines) - first} more lines")
    kinds = Counter(KIND.sub("#", line.split(" ", 1)[1] if line[:1].isdigit() else line)[:300] for line in lines)
    print("    by kind:")
    for kind, count in kinds.most_common(12):
        print(f"    {count:6d} x {kind}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
