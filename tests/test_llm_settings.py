"""Settings: environment and flags, the default mode per endpoint, and what is never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.llm.settings import DUMMY_KEY, Settings, endpoint_of, redact_url


@pytest.mark.parametrize(
    ("url", "mode"),
    [
        (None, "tools"),
        ("https://api.openai.com/v1", "tools"),
        ("https://api.deepseek.com", "json"),
        ("https://dashscope.aliyuncs.com/compatible-mode/v1", "json"),
        ("http://127.0.0.1:8080/v1", "json_schema"),
        ("http://localhost:11434/v1", "json_schema"),
        ("http://192.168.1.20:1234/v1", "json_schema"),
        ("http://[::1]:8000/v1", "json_schema"),
        ("https://llm.intranet.example.gov.cn/v1", "json"),
    ],
)
def test_default_mode_depends_on_the_endpoint(url, mode):
    assert Settings(model="m", base_url=url).resolved_mode == mode


def test_a_mode_flag_wins_over_the_default():
    s = Settings(model="m", base_url="http://127.0.0.1:8080/v1", mode="json")
    assert s.resolved_mode == "json"
    assert Settings(model="m", mode="MD-JSON").resolved_mode == "md_json"


def test_deepseek_is_not_sent_a_seed():
    assert endpoint_of("https://api.deepseek.com/v1").seed is False
    assert Settings(model="m", base_url="https://api.deepseek.com").public()["seed"] is None


def test_from_env_reads_variables_and_flags_win():
    env = {
        "OPENAI_API_KEY": "sk-env",
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "REVIEWER_MODEL": "qwen",
        "REVIEWER_CACHE_DIR": "/tmp/rc",
    }
    s = Settings.from_env(env, model="other", timeout=5.0, mode=None)
    assert (s.model, s.base_url, s.api_key, s.timeout) == (
        "other",
        env["OPENAI_BASE_URL"],
        "sk-env",
        5.0,
    )
    assert s.cache_dir == Path("/tmp/rc")


def test_cache_dir_follows_xdg_then_home():
    assert Settings.from_env({"XDG_CACHE_HOME": "/x"}).cache_dir == Path("/x/reviewer")
    assert Settings.from_env({}).cache_dir == Path("~/.cache/reviewer").expanduser()


def test_no_model_means_rules_only():
    assert "no model configured" in Settings.from_env({}).unavailable_reason()


def test_a_remote_endpoint_needs_a_key_a_local_one_does_not():
    assert "OPENAI_API_KEY" in Settings(model="m").unavailable_reason()
    local = Settings(model="m", base_url="http://localhost:8080/v1")
    assert local.unavailable_reason() is None
    assert local.effective_key == DUMMY_KEY


def test_the_key_is_never_in_repr_or_public_meta():
    s = Settings(model="m", api_key="sk-secret-123456", base_url="https://u:pw@h.example/v1?k=1")
    assert "sk-secret" not in repr(s)
    assert "sk-secret" not in str(s.public())
    assert "pw" not in s.endpoint_url and "k=1" not in s.endpoint_url


def test_redact_url_keeps_scheme_host_port_path():
    assert redact_url("http://user:pass@127.0.0.1:8080/v1/") == "http://127.0.0.1:8080/v1"


def test_unknown_mode_is_reported_not_raised_later():
    assert "unknown mode" in Settings(model="m", api_key="k", mode="xml").unavailable_reason()
