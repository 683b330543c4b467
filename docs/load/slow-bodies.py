"""Bounded loopback load (README, Security): python3 docs/load/slow-bodies.py PORT CLIENTS SECONDS.

CLIENTS connections send a decision's headers and then its body a byte every
few seconds; meanwhile one client makes ordinary decisions and we time them. 127.0.0.1 only."""
import os, socket, sys, time, json, threading, http.client, statistics, uuid
port = int(sys.argv[1]); n = int(sys.argv[2]); seconds = float(sys.argv[3])
KEY = "lf-demo-MOBILE_APP-0b7e4c2a9d"
body = json.load(open(os.path.join(os.path.dirname(__file__), "..", "tour", "funong-api-example.json")))
slow = []
t0 = time.time()
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall((f"POST /api/v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {KEY}\r\n"
               f"Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{{").encode())
    slow.append(s)
print(f"{n} slow connections open in {time.time()-t0:.1f}s", flush=True)
stop = time.time() + seconds
def trickle():
    while time.time() < stop:
        for s in slow:
            try: s.sendall(b" ")
            except OSError: pass
        time.sleep(2)
threading.Thread(target=trickle, daemon=True).start()
lat = []; statuses = {}
while time.time() < stop:
    body["requestId"] = "slow-" + uuid.uuid4().hex[:20]
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
    t = time.time()
    try:
        c.request("POST", "/api/v1/decisions", json.dumps(body), {"X-Api-Key": KEY, "Content-Type": "application/json"})
        r = c.getresponse(); r.read(); st = r.status
    except Exception as e:
        st = type(e).__name__
    lat.append((time.time() - t) * 1000); statuses[st] = statuses.get(st, 0) + 1
    c.close()
    time.sleep(0.2)
closed = 0
for s in slow:
    try:
        s.settimeout(0.01); d = s.recv(64)
        if d == b"" or d.startswith(b"HTTP/1.1 408"): closed += 1
    except OSError: pass
    s.close()
lat.sort()
print(f"decisions: {len(lat)} statuses {statuses} p50 {statistics.median(lat):.0f} ms max {lat[-1]:.0f} ms; "
      f"slow connections answered 408/closed by the server: {closed} of {n}")
