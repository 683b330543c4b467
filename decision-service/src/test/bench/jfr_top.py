#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples: the top frames by self time and the share of
samples whose stack passes through a few places of the decision path. Uses the JDK's `jfr` tool."""
import collections
import json
import subprocess
import sys

rec = sys.argv[1]
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", rec],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
top = collections.Counter()
through = collections.Counter()
places = {
    "engine (DecisionEngine.evaluateHere)": "DecisionEngine.evaluateHere",
    "group commit writer (DecisionWriter)": "DecisionWriter.",
    "JSON (jackson)": "com.fasterxml.jackson",
    "record hash (RecordHash.of)": "RecordHash.of",
    "request validation (DecisionRequestReader)": "DecisionRequestReader.",
    "catalog snapshot (CatalogCache)": "CatalogCache.",
    "HTTP / Vert.x / Netty": "io.netty",
    "security (API key, rate limit)": "decision.security",
    "JDBC driver (mariadb)": "org.mariadb.jdbc",
}
n = 0
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    if not frames:
        continue
    n += 1
    f0 = frames[0]["method"]
    top[f0["type"]["name"] + "." + f0["name"]] += 1
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    for label, marker in places.items():
        if any(marker in x for x in names):
            through[label] += 1
print(json.dumps({"samples": n,
                  "through": [[k, round(100 * v / n, 1)] for k, v in through.most_common()],
                  "top_self": [[k, round(100 * v / n, 1)] for k, v in top.most_common(12)]}))
