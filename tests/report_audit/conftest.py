from tests.annual_report.conftest import seeded  # noqa: F401  (the demo agency's 2024, built from records)
