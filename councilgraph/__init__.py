"""councilgraph: a knowledge graph and linked-open-data publisher for city-council documents."""

__version__ = "0.1.0"
