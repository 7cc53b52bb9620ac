"""Generator for a municipality's regional-revitalization strategy site (総合戦略・人口ビジョン).

Pipeline: load all YAML → validate into one located report → compute →
render Markdown and assets → build with MkDocs (`python -m generator build`).
"""
