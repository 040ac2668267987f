"""Exports for newsrooms and researchers: CSV files to open in a spreadsheet (`exports.spreadsheets`), and JSON-LD in
which every citation is a W3C Web Annotation with PROV attribution (`exports.annotations`)."""
