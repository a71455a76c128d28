"""Pure rules shared by every app: no Django import here (checked by import-linter)."""
