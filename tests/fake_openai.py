"""A fake OpenAI-compatible server on 127.0.0.1 with queued answers, for offline tests.

    with FakeOpenAI() as fake:
        fake.reply_json({"items": []}, usage=(120, 30))    # one chat.completions answer
        fake.error(429, retry_after=0.01)                    # then a rate limit ...
        settings = Settings(model="fake", base_url=fake.base_url, api_key="sk-test")
        ...
        fake.requests        # what the client sent: method, path, headers, parsed JSON body

Answers are served in order to POST /v1/chat/completions; with the queue empty the server
answers 500 "no queued answer" so a test that calls too often fails loudly. Never touches the
network beyond the loopback interface.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from reviewer.llm.settings import Settings


@dataclass
class Answer:
    status: int = 200
    body: Any = None  # dict -> JSON; bytes/str sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (client timeouts)


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw or b"null")

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.json.get("messages", [])


def completion(
    content: str | None = None,
    *,
    tool_args: str | None = None,
    finish_reason: str = "stop",
    usage: tuple[int, int] | None = (100, 20),
    model: str = "fake-model",
    choices: bool = True,
) -> dict[str, Any]:
    """A chat.completions response body."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_args is not None:
        message["content"] = None
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "Extraction", "arguments": tool_args},
            }
        ]
    body: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1700000000,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}]
        if choices
        else [],
    }
    if usage is not None:
        p, c = usage
        body["usage"] = {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}
    return body


class FakeOpenAI:
    def __init__(self) -> None:
        self.answers: deque[Answer] = deque()
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                with fake._lock:
                    fake.requests.append(
                        Request(
                            self.command,
                            self.path,
                            {k.lower(): v for k, v in self.headers.items()},
                            raw,
                        )
                    )
                    answer = fake.answers.popleft() if fake.answers else None
                if answer is None:
                    answer = Answer(500, {"error": {"message": "fake: no queued answer"}})
                if answer.delay:
                    time.sleep(answer.delay)
                body = answer.body
                if isinstance(body, (dict, list)):
                    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                elif isinstance(body, str):
                    data = body.encode("utf-8")
                else:
                    data = body or b""
                self.send_response(answer.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in answer.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_POST = _serve
            do_GET = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- lifecycle
    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    # -- queueing
    def reply(self, content: str | None = None, **kwargs: Any) -> None:
        """Queue a 200 chat completion whose message content is `content`."""
        headers = kwargs.pop("headers", {})
        self.answers.append(Answer(200, completion(content, **kwargs), headers))

    def reply_json(self, obj: Any, **kwargs: Any) -> None:
        self.reply(json.dumps(obj, ensure_ascii=False), **kwargs)

    def reply_tool(self, obj: Any, **kwargs: Any) -> None:
        self.answers.append(
            Answer(200, completion(tool_args=json.dumps(obj, ensure_ascii=False), **kwargs))
        )

    def raw(
        self, status: int, body: Any, headers: dict[str, str] | None = None, delay: float = 0.0
    ) -> None:
        """Queue any answer: a status, a body (dict -> JSON, str/bytes as is), headers."""
        self.answers.append(Answer(status, body, headers or {}, delay))

    def error(self, status: int, *, retry_after: float | None = None, message: str = "") -> None:
        headers = {"retry-after": str(retry_after)} if retry_after is not None else {}
        body = {"error": {"message": message or f"fake error {status}", "type": "fake"}}
        self.answers.append(Answer(status, body, headers))

    @property
    def chat_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A running FakeOpenAI; import this fixture into a test module to use it."""
    with FakeOpenAI() as fake:
        yield fake


def offline_settings(fake: FakeOpenAI, tmp_path: Path, *, api_key: str, **kw: Any) -> Settings:
    """Settings pointing at `fake`: JSON mode, no cache, no retry, one re-ask; `kw` overrides."""
    base: dict[str, Any] = dict(
        model="fake-model",
        base_url=fake.base_url,
        api_key=api_key,
        mode="json",
        cache=False,
        cache_dir=tmp_path / "cache",
        max_retries=0,
        reasks=1,
        timeout=10.0,
    )
    base.update(kw)
    return Settings(**base)
