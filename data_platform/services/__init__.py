"""Every write of the data platform goes through these modules (views, admin, tasks and tests)."""
