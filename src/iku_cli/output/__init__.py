"""Showing and writing results: the terminal views, JSON, CSV and the XLSX workbooks (LKjIP report,
findings, trend, templates, annotated copies), each chosen through one format registry (``formats``)."""
