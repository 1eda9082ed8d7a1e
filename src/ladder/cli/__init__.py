"""Command-line interface (typer).  One module per command group, registered in main."""
