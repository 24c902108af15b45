#!/usr/bin/env python3
"""How the two cores were shared between the containers, for a CI log: a window that broke a promise
shows who had the CPU then (a login waits as long as user-service waits for a core).

Usage: cpu-use.py sample FILE          every second, each container's CPU time so far, until killed or its parent ends
       cpu-use.py window FILE FROM TO  each container's average share of a core from FROM to TO (epoch ms)

Reads the containers' cgroups (v1 or v2, cgroupfs or systemd), which costs nothing measurable,
unlike `docker stats`; names come from `docker ps` every 5 s.
"""
import glob
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

# Where Docker keeps a container's CPU time: (glob, unit in ns, how to read it).
CGROUPS = [
    ("/sys/fs/cgroup/cpuacct/docker/*/cpuacct.usage", 1, None),
    ("/sys/fs/cgroup/cpu,cpuacct/docker/*/cpuacct.usage", 1, None),
    ("/sys/fs/cgroup/cpuacct/system.slice/docker-*.scope/cpuacct.usage", 1, None),
    ("/sys/fs/cgroup/docker/*/cpu.stat", 1000, "usage_usec"),
    ("/sys/fs/cgroup/system.slice/docker-*.scope/cpu.stat", 1000, "usage_usec"),
]
CONTAINER_ID = re.compile(r"(?:docker[-/])([0-9a-f]{64})")


def usage():
    """{container id: CPU time in ns}"""
    found = {}
    for pattern, unit, field in CGROUPS:
        for path in glob.glob(pattern):
            match = CONTAINER_ID.search(path)
            if not match:
                continue
            try:
                with open(path) as f:
                    text = f.read()
            except OSError:
                continue  # the container just went away
            if field:
                values = dict(line.split() for line in text.splitlines() if line.strip())
                found[match.group(1)] = int(values.get(field, 0)) * unit
            else:
                found[match.group(1)] = int(text.strip()) * unit
    return found


def names():
    listed = subprocess.run(["docker", "ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}}"],
                            capture_output=True, text=True).stdout
    return dict(line.split(" ", 1) for line in listed.splitlines() if " " in line)


def sample(path):
    known = {}
    parent = os.getppid()
    with open(path, "a", buffering=1) as out:
        for tick in range(sys.maxsize):
            if os.getppid() != parent:
                return  # the stage ended without stopping it (it failed)
            if tick % 5 == 0:
                known.update(names())
            now = int(time.time() * 1000)
            for container, ns in usage().items():
                out.write(f"{now}\t{known.get(container, container[:12])}\t{ns}\n")
            time.sleep(1)


def window(path, start, end):
    seen = defaultdict(list)
    with open(path) as f:
        for line in f:
            at, name, ns = line.rstrip("\n").split("\t")
            if start - 1000 <= int(at) <= end + 1000:
                seen[name].append((int(at), int(ns)))
    shares = []
    for name, points in seen.items():
        if len(points) >= 2 and points[-1][0] > points[0][0]:
            cores = (points[-1][1] - points[0][1]) / 1e6 / (points[-1][0] - points[0][0])
            shares.append((cores, name))
    if not shares:
        print("    (no CPU samples for these seconds)")
        return
    print("    CPU, average cores: " + ", ".join(f"{name} {cores:.2f}" for cores, name in sorted(shares, reverse=True)
                                             if cores >= 0.01))


if __name__ == "__main__":
    if sys.argv[1:2] == ["sample"] and len(sys.argv) == 3:
        sample(sys.argv[2])
    elif sys.argv[1:2] == ["window"] and len(sys.argv) == 5:
        window(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
