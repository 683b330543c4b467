#!/usr/bin/env python3
"""Helpers of ./bench that wrk cannot do: a bounded loader, the publish-under-load probe and
the replay/simulation jobs. Loopback only; standard library only."""
import base64
import http.client
import json
import sys
import threading
import time

KEY = "lf-demo-MOBILE_APP-0b7e4c2a9d"


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


MANAGER = basic("manager", "demo-manager")
APPROVER = basic("approver", "demo-approver")
AUDITOR = basic("auditor", "demo-auditor")


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, body=None, auth=None, key=None):
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = auth
        if key:
            headers["X-Api-Key"] = key
        data = None if body is None else (body if isinstance(body, (bytes, str)) else json.dumps(body))
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                raw = r.read()
                return r.status, (json.loads(raw) if raw and raw[:1] in (b"{", b"[") else raw)
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise

    def ok(self, method, path, body=None, auth=None, key=None, expect=(200, 201, 202)):
        status, answer = self.call(method, path, body, auth, key)
        if status not in expect:
            raise SystemExit(f"{method} {path}: {status} {answer}")
        return answer


def load(port, template_file, count, run_id, threads=16):
    """POSTs `count` new decisions (unique requestIds) with `threads` keep-alive connections."""
    template = json.load(open(template_file))
    failed = [0]
    lock = threading.Lock()
    per = [count // threads + (1 if i < count % threads else 0) for i in range(threads)]

    def worker(no):
        c = Client(port)
        for i in range(per[no]):
            body = dict(template, requestId=f"load-{run_id}-{no}-{i}")
            status, _ = c.call("POST", "/api/v1/decisions", body, key=KEY)
            if status != 200:
                with lock:
                    failed[0] += 1

    started = time.time()
    ts = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    print(json.dumps({"loaded": count, "failed": failed[0], "seconds": round(time.time() - started, 1)}))


def new_version(c, code, note):
    """A new FUNONG-like version of `code`: a copy of version 1 with a note file, submitted and approved."""
    draft = c.ok("POST", f"/api/v1/products/{code}/versions", {"copyFrom": {"version": 1}}, auth=MANAGER)
    number = draft["version"]
    detail = c.ok("GET", f"/api/v1/products/{code}/versions/{number}", auth=MANAGER)
    files = dict(detail["files"])
    files[f"{code}/notes.drl"] = f"// {note}\npackage cn.ruralcredit.loanfactory.rules.notes;\n"
    c.ok("PUT", f"/api/v1/products/{code}/versions/{number}", {"lockVersion": detail["lockVersion"], "files": files},
         auth=MANAGER)
    c.ok("POST", f"/api/v1/products/{code}/versions/{number}/submit", {}, auth=MANAGER)
    c.ok("POST", f"/api/v1/products/{code}/versions/{number}/approve", {"acknowledgeNoSimulation": True}, auth=APPROVER)
    return number


def publish_probe(port, other_port, template_file, run_id, today, wait_before):
    """Prepares an approved version, waits `wait_before` s (load is running), publishes it and
    probes decisions on this node and on the other node until each decides on the new version."""
    c = Client(port)
    template = json.load(open(template_file))
    number = new_version(c, "FUNONG", f"bench {run_id}")
    time.sleep(wait_before)
    results = {"version": number}
    probes = {"this node": Client(port)}
    if other_port:
        probes["second node"] = Client(int(other_port))
    seen = {}
    lock = threading.Lock()
    start = [None]
    go = threading.Event()

    def probe(name, client):
        i = 0
        go.wait()
        while True:
            i += 1
            body = dict(template, requestId=f"probe-{run_id}-{name.replace(' ', '')}-{i}")
            status, answer = client.call("POST", "/api/v1/decisions", body, key=KEY)
            if status == 200 and answer["ruleSet"]["version"] == number:
                with lock:
                    seen[name] = round((time.perf_counter() - start[0]) * 1000, 1)
                return
            if status != 200:
                with lock:
                    seen.setdefault("probe failures", 0)
                    seen["probe failures"] = seen.get("probe failures", 0) + 1
            if time.perf_counter() - start[0] > 30:
                with lock:
                    seen[name] = None
                return

    ts = [threading.Thread(target=probe, args=(n, cl)) for n, cl in probes.items()]
    [t.start() for t in ts]
    start[0] = time.perf_counter()
    go.set()
    c.ok("POST", f"/api/v1/products/FUNONG/versions/{number}/publish", {"effectiveFrom": today}, auth=APPROVER)
    results["publish_ms"] = round((time.perf_counter() - start[0]) * 1000, 1)
    [t.join() for t in ts]
    results.update({f"first_decision_ms_{k.replace(' ', '_')}": v for k, v in seen.items()})
    print(json.dumps(results))


def job(port, kind, code, today):
    """Runs a replay campaign (kind=replay) or a simulation of a new version (kind=simulation) of
    `code` over today's decisions; prints its count and rates."""
    c = Client(port)
    if kind == "replay":
        j = c.ok("POST", "/api/v1/replays", {"productCode": code, "from": today, "to": today}, auth=AUDITOR)
        path = f"/api/v1/replays/{j['id']}"
        auth = AUDITOR
    else:
        number = new_version_draft(c, code)
        j = c.ok("POST", f"/api/v1/products/{code}/versions/{number}/simulations", {"from": today, "to": today},
                 auth=MANAGER)
        path = f"/api/v1/products/{code}/versions/{number}/simulations/{j['id']}"
        auth = MANAGER
    started = time.perf_counter()
    while True:
        v = c.ok("GET", path, auth=auth)
        view = v.get("job", v) if isinstance(v, dict) else v
        status = view.get("status")
        if status in ("DONE", "FAILED"):
            break
        if time.perf_counter() - started > 900:
            raise SystemExit(f"{kind} did not finish in 900 s: {view}")
        time.sleep(0.5)
    wall = time.perf_counter() - started
    p = view["progress"]
    print(json.dumps({"kind": kind, "status": status, "decisions": p["done"], "wall_s": round(wall, 2),
                      "per_s_wall": round(p["done"] / wall, 1), "per_s_processing": p["ratePerSecond"],
                      "failed": view.get("failed"), "error": view.get("error")}))


def new_version_draft(c, code):
    draft = c.ok("POST", f"/api/v1/products/{code}/versions", {"copyFrom": {"version": 1}}, auth=MANAGER)
    number = draft["version"]
    detail = c.ok("GET", f"/api/v1/products/{code}/versions/{number}", auth=MANAGER)
    files = dict(detail["files"])
    files[f"{code}/notes.drl"] = "// simulated by ./bench\npackage cn.ruralcredit.loanfactory.rules.notes;\n"
    c.ok("PUT", f"/api/v1/products/{code}/versions/{number}", {"lockVersion": detail["lockVersion"], "files": files},
         auth=MANAGER)
    return number


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "load":
        load(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5])
    elif cmd == "publish":
        publish_probe(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], float(sys.argv[7]))
    elif cmd == "job":
        job(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        raise SystemExit("unknown command " + cmd)
