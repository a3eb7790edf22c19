"""Ingestion from data sources: settings per kind, connection probes, database snapshots and
Kafka windows written as new dataset versions, and the platform's event producer."""
