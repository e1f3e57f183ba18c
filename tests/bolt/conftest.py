"""Starts `plenary serve` for the driver tests.

`PLENARY_BIN` names the binary (the Rust runner `tests/it/bolt.rs` sets it);
without it the debug build is used. Each server listens on a free port and
is stopped with SIGTERM at the end of the module.
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def plenary_bin():
    return os.environ.get("PLENARY_BIN") or os.path.join(ROOT, "target", "debug", "plenary")


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [plenary_bin(), "serve", "--bolt", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline()
        m = re.search(r"bolt://([\d.]+:\d+)", line)
        if not m:
            err = self.proc.stderr.read()
            raise RuntimeError(f"plenary serve did not start: {line!r} {err!r}")
        self.address = m.group(1)
        self.uri = f"bolt://{self.address}"

    def rss_peak_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise
        return self.proc.returncode


AUTH = ("neo4j", "s3cret")


@pytest.fixture(scope="module")
def server():
    s = Server("--empty", "--auth", ":".join(AUTH))
    yield s
    assert s.stop() == 0, "the server did not stop cleanly on SIGTERM"


@pytest.fixture(scope="module")
def readonly_server():
    s = Server("--read-only", "--no-auth")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def driver(server):
    from neo4j import GraphDatabase

    with GraphDatabase.driver(server.uri, auth=AUTH) as d:
        yield d


@pytest.fixture
def clean(driver):
    """An empty graph before the test."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    return driver
