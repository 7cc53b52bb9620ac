"""Stage 3, compute: numbers only — KPI progress and grades, population projections and scenarios.

No display text is made here; `render` words the results.
"""
