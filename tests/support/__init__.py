"""Helpers shared by the tests: PDF factories, a generated second strategy, index copies, the CLI."""
