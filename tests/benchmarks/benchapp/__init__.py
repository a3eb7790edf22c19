"""A minimal project-scoped resource, used only to measure the shared API machinery."""
