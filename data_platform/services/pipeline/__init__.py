"""Declarative processing pipelines.

``planning`` checks a job's inputs and spec, ``spec`` builds the pipeline from
``steps`` (filter conditions in ``conditions``), ``io`` reads and writes versions
chunk by chunk and ``executor`` runs a job wherever an orchestrator starts it.
"""
