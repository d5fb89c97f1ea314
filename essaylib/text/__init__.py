"""MyST's structure of a text, and escaping for each place text lands."""
