"""Exports for leadership briefings: the Excel workbook and the printable one-page brief."""
