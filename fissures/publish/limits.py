"""The limits a build puts on one cell: how long it may run and how much output it may publish.

Kept apart (standard library only) so that the command line can show them without loading the executor.
"""

CELL_TIMEOUT = 600  # seconds one cell may run (``--cell-timeout``; a notebook's metadata execution.timeout sets its own)
MAX_OUTPUT = 1_000_000  # bytes of output one cell may publish (``--max-output``)
