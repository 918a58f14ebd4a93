"""The task queue: long computations and mail run in a worker, never in a web request."""
