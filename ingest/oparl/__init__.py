"""Harvest OParl 1.0/1.1 APIs of council information systems into the graph."""
