"""What callers ask the org service to do, one module per area (imperative names).

Update commands use ``UNCHANGED`` for "leave as it is", since ``None`` is a
real value for some fields (no boundary, no parent, no grid).
"""
