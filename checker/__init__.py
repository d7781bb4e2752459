"""Comparison, findings, source scores and the command line of claimcheck."""
__version__ = "0.1.0"
