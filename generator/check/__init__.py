"""Stage 2, check: documents become models (`schema`), cross-file rules (`rules`), the production gate (`production`).

Every check yields located problems instead of raising, so one run reports everything.
"""
