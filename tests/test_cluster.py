"""`--engine dask` on a real scheduler and workers on 127.0.0.1: same bytes as a local run."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI_TIMEOUT_S, cli_env
from test_batch import BLOG, MIRROR, NEWS, files_under, summary
from test_cli import PNG_BYTES

pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")

START_TIMEOUT_S = 60
SCHEDULER_OPTS = ("--no-dashboard", "--scheduler-file")
WORKER_OPTS = ("--host", "127.0.0.1", "--no-dashboard")


def wait_for(condition: Any, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not start within {START_TIMEOUT_S} s")
        time.sleep(0.1)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop one process we started, and the processes it started, by process id."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    _, alive = psutil.wait_procs(children, timeout=10)
    for child in alive:
        child.kill()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and a `dask worker` with two single-threaded processes, as the README
    tells users to start them on their machines, here all on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("dask")
    info = tmp / "scheduler.json"
    log = (tmp / "dask.log").open("wb")
    dask = [sys.executable, "-m", "dask"]
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(
            subprocess.Popen(
                [*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", *SCHEDULER_OPTS, info],
                stdout=log,
                stderr=log,
                env=cli_env(),
                cwd=tmp,
            )
        )
        wait_for(info.exists, "the dask scheduler")
        wait_for(lambda: "address" in info.read_text() and json.loads(info.read_text()), "info")
        address = str(json.loads(info.read_text())["address"])
        started.append(
            subprocess.Popen(
                [*dask, "worker", address, "--nworkers", "2", "--nthreads", "1", *WORKER_OPTS],
                stdout=log,
                stderr=log,
                env=cli_env(),
                cwd=tmp,
            )
        )
        yield address
    finally:
        for proc in reversed(started):
            stop(proc)
        log.close()


def run(args: list[Any], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env={**cli_env(), **env},
        timeout=CLI_TIMEOUT_S,
        check=False,
    )


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """Enough pages that dask shards hold several, a failure, and a WARC file if possible."""
    site = tmp_path / "site"
    for i in range(48):
        folder = site / f"d{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        source = (NEWS, BLOG, MIRROR)[i % 3]
        shutil.copy(source, folder / f"p{i:02d}{source.suffix}")
    (site / "d1" / "broken.html").write_bytes(PNG_BYTES)
    try:
        from test_warc import CRAWL, write_warc

        write_warc(site / "d2" / "crawl.warc.gz", CRAWL)
    except ImportError:  # warcio is not installed: the tree has pages only
        pass
    return site


def test_tree_is_byte_identical_to_a_local_run(scheduler: str, tree: Path) -> None:
    cwd = tree.parent
    local = run(["site", "-o", "local", "-j", "2"], cwd)
    remote = run(["site", "-o", "remote", "--engine", "dask", "--scheduler", scheduler], cwd)
    assert local.returncode == remote.returncode == 4, remote.stderr.decode()
    assert remote.stdout == b""
    assert summary(remote) == summary(local)
    assert files_under(cwd / "remote") == files_under(cwd / "local")
    for name in files_under(cwd / "local"):
        assert (cwd / "remote" / name).read_bytes() == (cwd / "local" / name).read_bytes(), name
    failure = [line for line in remote.stderr.decode().splitlines() if "broken.html" in line]
    assert failure == [failure[0]] and failure[0].startswith("cleaner: site/d1/broken.html: ")


def test_jsonl_is_byte_identical_to_a_local_run(scheduler: str, tree: Path) -> None:
    cwd = tree.parent
    local = run(["site", "--jsonl", "local.jsonl", "-j", "2", "--to", "markdown"], cwd)
    # The scheduler comes from the environment this time, as dask's own tools read it.
    remote = run(
        ["site", "--jsonl", "remote.jsonl", "--engine", "dask", "--to", "markdown"],
        cwd,
        DASK_SCHEDULER_ADDRESS=scheduler,
    )
    assert local.returncode == remote.returncode == 4, remote.stderr.decode()
    assert (cwd / "remote.jsonl").read_bytes() == (cwd / "local.jsonl").read_bytes()
    assert not [p.name for p in cwd.iterdir() if p.name.startswith(".")], "parts left behind"


def test_rerun_on_the_cluster_skips_up_to_date_outputs(scheduler: str, tree: Path) -> None:
    cwd = tree.parent
    args = ["site", "-o", "out", "--engine", "dask", "--scheduler", scheduler]
    assert run(args, cwd).returncode == 4
    again = run(args, cwd)
    assert summary(again)["done"] == 0 and summary(again)["skipped"] >= 48


def test_local_cluster_without_a_scheduler(tmp_path: Path) -> None:
    for i in range(4):
        shutil.copy(NEWS, tmp_path / f"p{i}.html")
    env = {k: v for k, v in cli_env().items() if k != "DASK_SCHEDULER_ADDRESS"}
    pages = [f"p{i}.html" for i in range(4)]
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", *pages, "-o", "out", "--engine", "dask", "-j", "2"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    # Dask's own logging (workers starting, ports) stays off stderr: one summary line.
    assert len(proc.stderr.decode().strip().splitlines()) == 1, proc.stderr.decode()
    assert files_under(tmp_path / "out") == {f"p{i}.md" for i in range(4)}
