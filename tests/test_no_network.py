"""The suite runs with the network blocked (pyproject addopts): only this machine is reachable."""

from __future__ import annotations

import pytest


def test_the_test_run_blocks_the_network_except_loopback(request: pytest.FixtureRequest) -> None:
    # Checked through the configuration, so this test itself never sends a packet anywhere.
    assert request.config.getoption("--block-network") is True
    allowed = set(request.config.getoption("--allowed-hosts").split(","))
    assert allowed <= {"127.0.0.1", "localhost", "::1"}
