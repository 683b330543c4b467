#!/usr/bin/env python3
"""Writes docs/benchmarks.md from one ./bench run's results (target/bench)."""
import datetime
import json
import os
import platform
import subprocess
import sys

work, out, run_id = sys.argv[1], sys.argv[2], sys.argv[3]
R, L = {}, {}
for line in open(os.path.join(work, "results.txt")):
    kind, key, rest = line.rstrip("\n").split(" ", 2)
    (R if kind == "R" else L)[key] = json.loads(rest) if kind == "R" else rest


def sh(cmd):
    try:
        return subprocess.check_output(cmd, shell=True, text=True, stderr=subprocess.DEVNULL).strip()
    except subprocess.CalledProcessError:
        return "?"


def rate(r):
    return r["requests"] / (r["duration_us"] / 1e6)


def failed(r):
    return r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"]


def ms(us):
    return f"{us / 1000:.2f}"


def load_json(name):
    p = os.path.join(work, name)
    return json.load(open(p)) if os.path.exists(p) else None


commit = sh("git rev-parse --short HEAD")
dirty = sh("git status --porcelain --untracked-files=no")
lines = []
w = lines.append
w("# Benchmarks")
w("")
w(f"Written by `./bench` on {datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M')} UTC, commit `{commit}`"
  + (" (with uncommitted changes)" if dirty else "") + f", run `{run_id}`.")
cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
mem = sh("free -g | awk '/Mem:/{print $2}'")
java = sh("java -version 2>&1 | head -1")
wrkv = sh("wrk -v 2>&1 | head -1 | cut -d' ' -f2")
w(f"Machine: {sh('nproc')} cores ({cpu}), {mem} GB RAM, {platform.system()} {platform.release()}, {java}; "
  f"wrk {wrkv} on the same machine, loopback.")
w(f"Load average (1, 5, 15 min) at the start: {L.get('start', '?')}. Other builds share this machine: "
  "the load average beside each figure says how much.")
w("")
w("## HTTP: decisions vs the trivial endpoint (ratio first)")
w("")
w("Every POST is a new decision (requestId unique per run, wrk thread and request) stored durably "
  "(`innodb_flush_log_at_trx_commit=1`) before its 200. Trivial endpoint: `GET /q/health/live`.")
w("")
w("| connections | ratio decisions / trivial | decisions/s | trivial req/s | decision p50 ms | decision p99 ms | trivial p50 ms | failed decisions | failed trivial | load avg after |")
w("|---|---|---|---|---|---|---|---|---|---|")
for c in ("1", "16", "64"):
    d, t = R.get("decide-" + c), R.get("trivial-" + c)
    if not d or not t:
        continue
    w(f"| {c} | **{rate(d) / rate(t):.3f}×** | {rate(d):,.0f} | {rate(t):,.0f} | {ms(d['p50_us'])} | {ms(d['p99_us'])} | "
      f"{ms(t['p50_us'])} | {failed(d)} of {d['requests']:,} | {failed(t)} of {t['requests']:,} | {L.get('decide-' + c, '?')} |")
w("")
w("Targets (issue 11): ratio ≥ 0.1× at 16 and 64 connections, p99 ≤ 25 ms at 16, p50 ≤ 1.0 ms at 1 connection.")
w("")
jfr = load_json("jfr.json")
if jfr:
    w(f"Profile of the 16-connection decision run (JFR, `settings=profile`, {jfr['samples']:,} execution samples of "
      "the service's threads): share of samples whose stack passes through")
    w("")
    w("| where | % of samples |")
    w("|---|---|")
    for k, v in jfr["through"]:
        w(f"| {k} | {v} |")
    w("")
    w("Top frames by self time: " + "; ".join(f"`{k}` {v} %" for k, v in jfr["top_self"][:8]) + ".")
    w("")
w("## Engine (JMH, in process)")
w("")
jmh = load_json("jmh.json")
base = load_json("jmh-baseline.json")
base_ref = open(os.path.join(work, "baseline.ref")).read().strip() if os.path.exists(os.path.join(work, "baseline.ref")) else None


def samples(m):
    h = m.get("rawDataHistogram")
    return sum(int(c) for fork in h for it in fork for _, c in it) if h else "?"


if jmh:
    w("Each product's seed scenarios in turn (approved, declined at stage A, referred, every tier): a new "
      "decision's session, every stage, the full fired-rule trace, on a rule thread under the time cap. "
      "JMH sample mode, µs per decision" + (f"; *before*: the same benchmark on the engine of `{base_ref}` "
                                             "(before issue 11), built and run in this same run." if base else "."))
    w("")
    before = {b["params"]["product"]: b["primaryMetric"] for b in (base or [])}
    if base:
        w("| product | median µs | median before µs | median now / before | mean µs | mean before µs | p99 µs | samples |")
        w("|---|---|---|---|---|---|---|---|")
    else:
        w("| product | median µs | mean µs | p90 µs | p99 µs | samples |")
        w("|---|---|---|---|---|---|")
    for b in jmh:
        m = b["primaryMetric"]
        p = m["scorePercentiles"]
        prod = b["params"]["product"]
        if base and prod in before:
            bp = before[prod]
            w(f"| {prod} | {p['50.0']:.1f} | {bp['scorePercentiles']['50.0']:.1f} | "
              f"**{p['50.0'] / bp['scorePercentiles']['50.0']:.2f}** | {m['score']:.1f} | {bp['score']:.1f} | "
              f"{p['99.0']:.1f} | {samples(m)} |")
        else:
            w(f"| {prod} | {p['50.0']:.1f} | {m['score']:.1f} | {p['90.0']:.1f} | {p['99.0']:.1f} | {samples(m)} |")
    w("")
    w(f"Load average after the JMH runs: {L.get('jmh', '?')}" + (f"; after the baseline runs: {L.get('jmh-baseline', '?')}." if base else "."))
    w("Target (issue 11): the median at most half of before, with the full fired-rule trace.")
else:
    w("Not run (BENCH_SKIP_JMH=1).")
w("")
w("## Publish under load")
w("")
pub, pl = load_json("publish.json"), R.get("publish-load")
pl = pl or load_json("publish-load.json")
if pub:
    w(f"16 connections deciding on node 1 for the whole run; 5 s in, version {pub['version']} of FUNONG (approved "
      "beforehand) is published on node 1. Probes decide in a loop on node 1 and on a second service instance "
      "(its own JVM and port, the same MariaDB) until each answers on the new version.")
    w("")
    w("| | ms |")
    w("|---|---|")
    w(f"| publish request answered | {pub.get('publish_ms')} |")
    w(f"| first decision on the new version, node 1 | {pub.get('first_decision_ms_this_node')} |")
    w(f"| first decision on the new version, node 2 | {pub.get('first_decision_ms_second_node')} |")
    w("")
    if pl:
        w(f"Failed requests of the load meanwhile: **{failed(pl)}** of {pl['requests']:,} "
          f"({rate(pl):,.0f} decisions/s, p99 {ms(pl['p99_us'])} ms); probe failures: {pub.get('first_decision_ms_probe_failures', 0) or 0}. "
          f"Load average after: {L.get('publish', '?')}.")
w("")
w("## Replay and simulation")
w("")
ld, rp, sm = load_json("load.json"), load_json("replay.json"), load_json("simulation.json")
if ld:
    w(f"{ld['loaded']:,} FUXIN decisions stored for it ({ld['failed']} failed, {ld['seconds']} s with 16 clients, "
      f"load average after {L.get('load', '?')}).")
    w("")
    w("| job | decisions | status | wall s | decisions/s (wall) | decisions/s (processing) | load avg after |")
    w("|---|---|---|---|---|---|---|")
    for name, j in (("replay campaign", rp), ("simulation", sm)):
        if j:
            w(f"| {name} | {j['decisions']:,} | {j['status']} | {j['wall_s']} | {j['per_s_wall']:,} | {j['per_s_processing']} | "
              f"{L.get('replay' if name.startswith('replay') else 'simulation', '?')} |")
    w("")
    w("Target (issue 11): ≥ 5,000 decisions/s each.")
w("")
w("## How to run")
w("")
w("`./bench` (10–15 minutes on this machine; BENCH_SECONDS per wrk run, default 15; BENCH_SKIP_JMH=1 leaves out the engine). Raw outputs in `target/bench/`.")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
