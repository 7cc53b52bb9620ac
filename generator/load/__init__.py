"""Stage 1, load: files become located documents (plain data plus line/column of every value).

Strict YAML and CSV reading with planner-facing problems; nothing here knows the models.
"""
