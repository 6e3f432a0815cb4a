"""Command line: `crosscheck compare FILE... --out DIR`."""
