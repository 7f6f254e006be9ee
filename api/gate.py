"""Back-pressure for answering: a fixed number of workers and a bounded queue in front of them.

Answering is CPU work; on 2 cores, running 50 questions at once makes each 25 times slower and
the tail unbounded. The gate lets `workers` questions run at once and `queue` more wait (in the
event loop, holding no thread); a question that finds the queue full, or waits longer than
`wait_seconds`, is refused at once with `Busy` (503) and a `Retry-After` estimated from recent
service times. So an answered question waits at most `wait_seconds` before it starts.
"""

from __future__ import annotations

import asyncio
import math
import time
import weakref
from collections.abc import Callable
from typing import TypeVar

from fastapi.concurrency import run_in_threadpool

from index.errors import Busy

T = TypeVar("T")
MAX_RETRY_AFTER = 60.0


class AnswerGate:
    def __init__(self, workers: int, queue: int, wait_seconds: float) -> None:
        self.workers = workers
        self.queue = queue
        self.wait_seconds = wait_seconds
        self.pending = 0  # running + waiting; touched only on the event loop
        self.refused = 0
        self._service_seconds = 1.0  # moving average of one answer's run time
        self._semaphores: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()  # one per loop: test clients each run their own
        if loop not in self._semaphores:
            self._semaphores[loop] = asyncio.Semaphore(self.workers)
        return self._semaphores[loop]

    def retry_after(self) -> float:
        """Seconds until the queue ahead has probably drained (at least 1)."""
        ahead = max(1, self.pending - self.workers + 1)
        return min(MAX_RETRY_AFTER, max(1.0, math.ceil(ahead * self._service_seconds / self.workers)))

    def _busy(self, why: str) -> Busy:
        self.refused += 1
        return Busy(f"the service is busy ({why}); try again shortly", retry_after=self.retry_after())

    async def run(self, work: Callable[[], T]) -> T:
        """Run `work` in a worker thread once a slot is free, or refuse with `Busy`."""
        if self.pending >= self.workers + self.queue:
            raise self._busy(f"{self.pending} questions in progress or waiting")
        self.pending += 1
        try:
            semaphore = self._semaphore()
            try:
                await asyncio.wait_for(semaphore.acquire(), self.wait_seconds)
            except TimeoutError:
                raise self._busy(f"no answer slot within {self.wait_seconds:g} s") from None
            started = time.monotonic()
            try:
                return await run_in_threadpool(work)
            finally:
                semaphore.release()
                self._service_seconds = 0.8 * self._service_seconds + 0.2 * (time.monotonic() - started)
        finally:
            self.pending -= 1
