"""Ingestion: readers, genre extractors, graph building, validation and the ingest commands."""
