"""`--engine dask`: run the batch's shards on a dask.distributed cluster, local or remote."""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager

from .errors import InputError, UsageError

MISSING_DASK = "--engine dask needs dask.distributed: pip install 'cleaner-md[dask]'"
CONNECT_TIMEOUT_S = 30
# Workers may still be starting when the client connects (a cluster brought up by a script).
WORKERS_TIMEOUT_S = 60


@contextmanager
def dask_executor(scheduler: str | None, jobs: int) -> Iterator[tuple[Executor, int]]:
    """An executor on the scheduler at `scheduler` or $DASK_SCHEDULER_ADDRESS, else on a
    local cluster of `jobs` single-threaded worker processes; and the number of workers.

    Workers read inputs and write outputs by the paths the client gives them, so a remote
    cluster needs the input and output folders at the same paths on every machine.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(MISSING_DASK) from None
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    # Dask logs cluster life (workers starting, ports, shutdowns) at INFO and WARNING on
    # stderr; batch stderr carries failures and the summary only.
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # A client closing on a loaded machine can time out on its connection's last message;
    # asyncio then reports the unread timeout when the process exits, after the summary
    # line, which must stay last (the pages are written and counted by then).
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    # distributed's constructors are untyped (no-untyped-call below); the rest is typed.
    with ExitStack() as stack:
        # Its warnings (a port taken, a worker restarting) are not the user's business here.
        stack.enter_context(warnings.catch_warnings())
        warnings.filterwarnings("ignore", module="distributed")
        try:
            if address:
                client = stack.enter_context(
                    Client(  # type: ignore[no-untyped-call]
                        address, timeout=f"{CONNECT_TIMEOUT_S}s", set_as_default=False
                    )
                )
            else:
                cluster = stack.enter_context(
                    LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=max(1, jobs),
                        threads_per_worker=1,  # pages are CPU-bound Python: one per process
                        processes=True,
                        host="127.0.0.1",
                        # The scheduler serves HTTP (health checks) even without a dashboard,
                        # at :8787 unless told otherwise; any free local port will do.
                        dashboard_address="127.0.0.1:0",
                        silence_logs=logging.ERROR,
                    )
                )
                client = stack.enter_context(
                    Client(cluster, set_as_default=False)  # type: ignore[no-untyped-call]
                )
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            where = address or "a local cluster"
            raise InputError(f"cannot use the dask scheduler at {where}: {exc}") from None
        workers = sum(client.nthreads().values())
        executor = client.get_executor(pure=False)
        try:
            yield executor, max(1, workers)
        finally:
            executor.shutdown(wait=False)
