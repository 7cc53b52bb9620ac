"""Stage 5, site: write the rendered files, run the engine (MkDocs) and swap the new site in; the preview
server, the chart fence MkDocs calls, and `new-city` (a starter project for another municipality)."""
