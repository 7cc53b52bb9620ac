"""Generator for the Asaka regional-revitalization strategy site.

Pipeline: load all YAML → validate into one located report → compute →
render Markdown and assets → build with MkDocs (`python -m generator build`).
"""
