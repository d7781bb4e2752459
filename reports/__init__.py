"""Renderings of a checker report: JSON, HTML and CI formats.  Reads records, never computes them."""
