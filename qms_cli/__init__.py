"""qms: an ISO 9001 quality management system of a Polish public office, kept in git."""

__version__ = "0.1.0"
