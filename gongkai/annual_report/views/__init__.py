"""Views of the annual report: the back office (editor, approval, oversight) and the public
pages. Thin: they parse input, call ``operations`` / ``publication`` and render."""
