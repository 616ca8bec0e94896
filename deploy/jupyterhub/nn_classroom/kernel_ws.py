"""Runs code cells in a kernel of a learner's server through the hub, as JupyterLab does: a session over the
REST API, then execute_request messages over the kernel's websocket (/user/<name>/api/kernels/<id>/channels)."""
import json
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect


class HubClient:
    """The hub's REST API and the learners' servers, with one API token (the classroom service's)."""

    def __init__(self, base, token):
        self.base, self.token = base.rstrip("/"), token
        self.http = AsyncHTTPClient(max_clients=64)

    async def call(self, method, path, body=None, ok=(200, 201, 202, 204)):
        request = HTTPRequest(self.base + path, method=method, request_timeout=600,
                              headers={"Authorization": f"token {self.token}"},
                              body=None if body is None and method == "GET" else json.dumps(body or {}),
                              allow_nonstandard_methods=True)
        response = await self.http.fetch(request, raise_error=False)
        if response.code not in ok:
            raise RuntimeError(f"{method} {path}: HTTP {response.code} {response.body[:300]!r}")
        return json.loads(response.body) if response.body else None

    async def kernel(self, user, notebook_path, kernel_name="java"):
        """A session for `notebook_path` (relative to the learner's ~/nn-workbook): its kernel runs in the
        notebook's folder. Returns a Kernel connected to it."""
        session = await self.call("POST", f"/user/{user}/api/sessions", {
            "path": notebook_path, "type": "notebook", "name": notebook_path.rsplit("/", 1)[-1],
            "kernel": {"name": kernel_name}})
        kid = session["kernel"]["id"]
        url = (self.base.replace("http", "ws", 1) + f"/user/{user}/api/kernels/{kid}/channels"
               f"?session_id={session['id']}")
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"}),
                                     max_message_size=256 << 20)
        return Kernel(ws, kid, session["id"])


class Kernel:
    def __init__(self, ws, kernel_id, session_id):
        self.ws, self.id, self.session = ws, kernel_id, session_id

    async def execute(self, code):
        """(status, text printed, error summary or None) of one cell."""
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": "classroom", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        text, error, status, idle = [], None, None, False
        while status is None or not idle:
            raw = await self.ws.read_message()
            if raw is None:
                raise RuntimeError("the kernel's websocket closed (the kernel or the server died)")
            if isinstance(raw, bytes):
                continue
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "stream":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                text.append(content.get("data", {}).get("text/plain", "") + "\n")
            elif kind == "error":
                error = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return status, "".join(text), error

    def close(self):
        self.ws.close()
