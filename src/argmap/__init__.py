"""argmap: check YAML argument maps and compile them into diagrams, tables and sites."""

__version__ = "0.1.0"
