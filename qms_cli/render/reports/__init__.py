"""Generated reports as Markdown: the internal audit report and the satisfaction survey report
(the management review is composed from its sources in services/review/sections.py)."""
