"""Japanese wording shared by every stage: era years, numbers, and Markdown-safe text.

No pipeline logic lives here; everything above may import it.
"""
