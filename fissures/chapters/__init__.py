"""What each chapter alone chooses: which events, which box, which labels, and the words around its figures.

One module per chapter (``argument`` for 01-the-argument, ``timeline`` for 02, ``border`` for 03,
``moscow`` for 04, ``claims`` for 05, ``after`` for 06). Each function returns what one cell of
the chapter shows, in every edition (``fissures.html.localized``), so a notebook's code cell is a
single call. The mechanisms they use (maps, timelines, tables, numbers) live in the package.
"""
