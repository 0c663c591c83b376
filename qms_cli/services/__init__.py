"""Use cases that combine the layers."""
