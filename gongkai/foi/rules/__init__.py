"""The law of 依申请公开 as pure, typed functions. No Django import (checked by import-linter)."""
