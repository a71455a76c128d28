"""Applicant types: exactly the columns of 表三 (annual-report-format.md §4.1)."""

from __future__ import annotations

from enum import StrEnum


class ApplicantKind(StrEnum):
    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICES = "legal_services"
    OTHER_ORG = "other_org"

    @property
    def label(self) -> str:
        return APPLICANT_KIND_LABELS[self]

    @property
    def is_person(self) -> bool:
        return self is ApplicantKind.NATURAL_PERSON


# The labels are the 表三 column headers; the ledger (ledger-format.md §1) uses the same words.
APPLICANT_KIND_LABELS: dict[ApplicantKind, str] = {
    ApplicantKind.NATURAL_PERSON: "自然人",
    ApplicantKind.COMMERCIAL: "商业企业",
    ApplicantKind.RESEARCH: "科研机构",
    ApplicantKind.PUBLIC_INTEREST: "社会公益组织",
    ApplicantKind.LEGAL_SERVICES: "法律服务机构",
    ApplicantKind.OTHER_ORG: "其他",
}

# Column order of 表三 and of the schema's "columns" (without the 总计 column).
APPLICANT_COLUMNS: tuple[ApplicantKind, ...] = tuple(ApplicantKind)


def kind_from_label(text: str) -> ApplicantKind:
    """Accept the Chinese label or the key; raise ValueError with a Chinese message."""
    value = (text or "").strip().replace(" ", "")
    for kind, label in APPLICANT_KIND_LABELS.items():
        if value in (label, kind.value):
            return kind
    allowed = " / ".join(APPLICANT_KIND_LABELS.values())
    raise ValueError(f"申请人类型“{text}”不在允许的取值内（{allowed}）")
