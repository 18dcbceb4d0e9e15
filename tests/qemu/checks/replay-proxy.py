#!/usr/bin/env python3
"""replay-proxy.py UPSTREAM_PORT READY_FILE: a replaying man in the middle
(case attest-agent). It asks the real agent at 127.0.0.1:UPSTREAM_PORT for
evidence once, over a nonce of its own, then answers every /evidence with
those captured bytes, whatever nonce the verifier sends; /eventlog and
/audit pass through untouched. It writes its own port to READY_FILE when
it listens. The verifier must say NOT TRUSTED, naming the nonce."""
import http.server
import os
import sys
import urllib.error
import urllib.request

UP = "http://127.0.0.1:%d" % int(sys.argv[1])


def get(path):
    try:
        with urllib.request.urlopen(UP + path, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


STATUS, CAPTURED = get("/evidence?nonce=" + "5a" * 32)
assert STATUS == 200, "the agent gave no evidence to capture"


class Replay(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/evidence"):
            status, body = 200, CAPTURED
        else:
            status, body = get(self.path)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


srv = http.server.HTTPServer(("127.0.0.1", 0), Replay)
srv.timeout = 60
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write("%d\n" % srv.server_address[1])
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
srv.serve_forever()
