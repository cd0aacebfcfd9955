# SPDX-License-Identifier: MIT
"""Fan-out: every viewer sees the same bytes, a late joiner gets the scrollback first, input from
any viewer reaches the board, and a viewer that never reads is cut off without holding back the
others (measured in bytes delivered, not in time)."""

import threading
import time

from wsclient import OP_BINARY, Closed

SCROLLBACK = 64 * 1024


def pattern(n, seed=0):
    """[n] bytes that differ everywhere, so lost or reordered bytes show."""
    out = bytearray()
    i = seed
    while len(out) < n:
        out += b"%08d\r\n" % i
        i += 1
    return bytes(out[:n])


def read_n(ws, n, into, progress=None, slot=0):
    got = bytearray()
    try:
        while len(got) < n:
            op, payload = ws.recv()
            if op == OP_BINARY:
                got += payload
                if progress is not None:
                    progress[slot] = len(got)
    except Closed as e:
        into.append(e)
    into.append(bytes(got))


def test_three_viewers_see_the_same_output_and_a_late_joiner_gets_the_scrollback(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link)
    d.wait_state("b", "repl")
    viewers = [d.term("b") for _ in range(3)]
    assert viewers[2].hello["board"]["viewers"] == 3
    data = pattern(200 * 1024)
    results = [[] for _ in viewers]
    threads = [threading.Thread(target=read_n, args=(v, len(data), r)) for v, r in zip(viewers, results)]
    for t in threads:
        t.start()
    pty_board.write(data)
    for t in threads:
        t.join(30)
    for r in results:
        assert r[-1] == data

    late = d.term("b")
    assert late.hello["scrollback"] == SCROLLBACK
    got = []
    read_n(late, SCROLLBACK, got)
    assert got[-1] == data[-SCROLLBACK:]

    # Input from any viewer reaches the board, in order.
    viewers[1].send_bytes(b"from viewer 1\r")
    late.send_bytes(b"from the late one\r")
    assert pty_board.read_until(b"late one\r").endswith(b"from viewer 1\rfrom the late one\r")
    for v in viewers + [late]:
        v.close()


def test_a_viewer_that_never_reads_does_not_delay_the_others(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link, "--viewer-queue", str(1 << 20))
    d.wait_state("b", "repl")
    stuck = d.term("b", rcvbuf=4096)  # never reads again
    readers = [d.term("b") for _ in range(2)]
    total = 24 << 20  # far more than the stuck viewer's socket buffers and queue can hold
    window = 256 << 10  # the board runs at most this far ahead of the slowest *reading* viewer
    progress = [0] * len(readers)
    results = [[] for _ in readers]
    threads = [threading.Thread(target=read_n, args=(r, total, res, progress, i))
               for i, (r, res) in enumerate(zip(readers, results))]
    for t in threads:
        t.start()
    chunk = pattern(64 << 10)
    written = 0
    while written < total:
        # Paced by bytes delivered to the readers (a Python reader is slower than an unpaced
        # pty, and a viewer that lags a full queue is cut off by design); never by the clock.
        while written - min(progress) > window and all(t.is_alive() for t in threads):
            time.sleep(0.001)
        pty_board.write(chunk)
        written += len(chunk)
    for t in threads:
        t.join(120)
    for res in results:
        assert len(res[-1]) == total  # every byte reached the viewers that read
        assert res[-1][-len(chunk):] == chunk

    # The stuck viewer got a fraction and was cut off.
    stuck.sock.settimeout(10)
    got = []
    read_n(stuck, total, got)
    assert len(got[-1]) < total // 2
    assert "viewer_too_slow" in d.log()
    for r in readers:
        r.close()
