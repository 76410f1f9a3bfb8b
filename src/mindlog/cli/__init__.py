"""The command line: the Typer commands (one module per area, gathered in cli.main) and the fast
path that skips Typer for the commands that run most often (cli.quick)."""
