"""The watch service: file events and a periodic reconcile, feeding serialised incremental runs.

events (watchdog → hints) → debounce (hints → batches) → loop (settle, then
runner) → Checker.run; scheduler adds the periodic reconcile; lock keeps one
service per store; watcher wires them together; status reads store and lock.
"""
