"""Kiwi in a child process, so that a short command's other start-up work overlaps Kiwi's.

Kiwi takes ~1 s of CPU to load its model and build its analyser, and holds the GIL throughout, so
a thread gains nothing. A `pressqa ask` or `chat` starts this process first (a fork, before its
heavy imports): Kiwi loads on a second core while the command imports numpy, FAISS, pydantic and
the answer layer and opens the index, then learns the index's names and builds its analyser as
soon as the command has read them. Analyses are then round trips of a few hundred microseconds.

The child runs the same Kiwi with the same options and user words, so its tokens are the ones an
in-process Kiwi gives (tests/test_tokens.py). If it dies, the parent falls back to a Kiwi of its
own. A long-lived process (the HTTP service, a sync) keeps Kiwi in-process: it pays once.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from collections.abc import Iterable
from multiprocessing.connection import Connection, Pipe
from typing import Any, NamedTuple

WARM_UP_TEXT = "가"  # any Hangul: the first analysis builds the analyser, whatever the text


class Token(NamedTuple):
    """The fields of a `kiwipiepy.Token` this project reads."""

    form: str
    tag: str
    start: int
    len: int


def _serve(conn: Connection, options: dict[str, Any]) -> None:
    """The child: create Kiwi, then answer requests until the parent closes its end.

    Requests: ("words", [...]) teaches user words (no reply), after which the analyser is built at
    once unless a request is already waiting; ("tokenize", text) replies with the tokens.
    """
    from kiwipiepy import Kiwi

    kiwi = Kiwi(**options)
    built = False
    while True:
        try:
            op, arg = conn.recv()
        except (EOFError, OSError):
            return
        if op == "words":
            for word in arg:
                kiwi.add_user_word(word, "NNP")
            if not built and not conn.poll():
                kiwi.tokenize(WARM_UP_TEXT)
                built = True
        elif op == "tokenize":
            try:
                reply: Any = [(t.form, t.tag, t.start, t.len) for t in kiwi.tokenize(arg)]
            except Exception as exc:  # a bad text must not kill the analyser the parent relies on
                reply = exc
            built = True
            conn.send(reply)


class KiwiProcess:
    """The parent's handle on the child: `tokenize` like a Kiwi, `add_user_words` to teach it."""

    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        self._words: list[str] = []  # everything taught, for a fallback Kiwi if the child dies
        self._local: Any = None
        self.answered = False  # a first analysis came back: Kiwi is loaded and built
        self._lock = threading.Lock()  # one request in flight: the server's threads may share it
        for stream in (sys.stdout, sys.stderr):  # the child must not inherit buffered output to write again
            if stream is not None:
                stream.flush()
        self._conn, child_conn = Pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the parent's code
            code = 0
            try:
                self._conn.close()
                _serve(child_conn, options)
            except BaseException:  # KeyboardInterrupt from the terminal's Ctrl-C included
                code = 1
            finally:
                os._exit(code)
        child_conn.close()
        atexit.register(self.close)

    def add_user_words(self, words: Iterable[str]) -> None:
        words = list(words)
        with self._lock:
            self._words.extend(words)
            if self._local is not None:
                for word in words:
                    self._local.add_user_word(word, "NNP")
                return
            try:
                self._conn.send(("words", words))
            except OSError:
                self._fall_back()

    def tokenize(self, text: str) -> list[Token]:
        with self._lock:
            if self._local is None:
                try:
                    self._conn.send(("tokenize", text))
                    reply = self._conn.recv()
                except (EOFError, OSError):
                    self._fall_back()
                else:
                    self.answered = True
                    if isinstance(reply, Exception):
                        raise reply
                    return [Token(*t) for t in reply]
            return [Token(t.form, t.tag, t.start, t.len) for t in self._local.tokenize(text)]

    def _fall_back(self) -> None:
        """The child is gone: a Kiwi in this process, taught every word the child was taught."""
        from kiwipiepy import Kiwi

        self.close()
        self._local = Kiwi(**self._options)
        for word in self._words:
            self._local.add_user_word(word, "NNP")

    def close(self) -> None:
        """Stop the child and reap it (so its CPU counts as this command's). Killed, not asked: it
        may still be loading Kiwi when a command ends early, and it holds nothing to save."""
        if self.pid <= 0:
            return
        pid, self.pid = self.pid, -1
        self._conn.close()
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
