# SPDX-License-Identifier: MIT
"""A client of replhubd's file routes (daemon/API.md "Files", "exec", "Operations") for the
integration tests."""

import http.client
import json
import urllib.parse


class FileApi:
    def __init__(self, port, board_id):
        self.port, self.board_id = port, board_id

    def url(self, path, query=""):
        return "/api/v1/boards/%s/fs%s%s" % (self.board_id, urllib.parse.quote(path),
                                             "?" + query if query else "")

    def call(self, method, url, body=None, headers=None, timeout=120):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request(method, url, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, data, resp

    def json(self, method, url, body=None):
        status, data, _ = self.call(method, url,
                                    json.dumps(body).encode() if body is not None else None)
        return status, json.loads(data) if data else None

    def put(self, path, data):
        status, body, _ = self.call("PUT", self.url(path), data)
        return status, json.loads(body)

    def get(self, path, query=""):
        return self.call("GET", self.url(path, query))

    def listing(self, path="/"):
        """A directory's listing as the API gives it."""
        status, data, _ = self.get(path)
        assert status == 200, data
        return json.loads(data)

    def entries(self, path="/"):
        """A directory's entries by name."""
        return {e["name"]: e for e in self.listing(path)["entries"]}

    def post(self, path, body):
        return self.json("POST", self.url(path), body)

    def exec(self, code):
        return self.json("POST", "/api/v1/boards/%s/exec" % self.board_id, {"code": code})

    def ops(self):
        return self.json("GET", "/api/v1/boards/%s/ops" % self.board_id)[1]["ops"]
