"""Run actions at the same moment on separate database connections."""

import threading

from django.db import connections


def race(*actions):
    """Run the actions in separate threads (separate connections), released at the same moment."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(i, act):
        try:
            barrier.wait()
            results[i] = ("ok", act())
        except Exception as exc:  # each thread reports what it got; the test judges
            results[i] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results
