"""The command line: the only place that uses typer and rich."""
