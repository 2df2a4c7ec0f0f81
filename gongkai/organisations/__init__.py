"""Organisations (the tree of government units) and the staff who act for them."""
