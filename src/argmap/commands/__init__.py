"""Orchestration: what a command does, from the checked corpus to its results, top to bottom.

Each module here serves one command (docs/architecture.md); it returns results or raises, and
never parses arguments, prints or exits: that is cli/'s job.
"""
