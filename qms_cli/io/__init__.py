"""The only layer that reads and writes files and parses YAML."""
