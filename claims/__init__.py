"""Documents in, normalised claim records out.  Imports nothing from checker or reports."""
