"""The data's single definition: pydantic models, one module per data family.

`project.Project` registers every data file (path and model) in one place.
"""
