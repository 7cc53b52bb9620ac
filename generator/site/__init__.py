"""Stage 5, site: write the rendered files, run the engine (MkDocs), swap the new site in; preview server."""
