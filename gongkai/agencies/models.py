"""机关 (the tenant), its 科室, staff roles, and supervisors over a region."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.core.rules.identifiers import InvalidIdentifier, normalise_credit_code


class Region(models.Model):
    """An administrative division (行政区划), e.g. 甘肃省 › 张掖市 › 甘州区."""

    code = models.CharField("行政区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT)
    # Materialised path "/620000/620700/" so "this region and below" is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.path = (self.parent.path if self.parent else "/") + f"{self.code}/"
        super().save(*args, **kwargs)


class AgencyKind(models.TextChoices):
    # 条例第四十九条: departments publish by 1月31日, 本级人民政府 reports by 3月31日.
    DEPARTMENT = "department", "部门"
    GOVERNMENT = "government", "人民政府"


def validate_credit_code(value: str) -> None:
    try:
        normalise_credit_code(value)
    except InvalidIdentifier as exc:
        raise ValidationError(str(exc)) from None


class Agency(models.Model):
    """A 行政机关 doing disclosure work: the tenant every record belongs to."""

    name = models.CharField("机关名称", max_length=100)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    kind = models.CharField("类型", max_length=16, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT)
    region = models.ForeignKey(Region, verbose_name="所属行政区划", null=True, blank=True, on_delete=models.PROTECT)
    slug = models.SlugField("网址标识", max_length=40, unique=True)
    # 条例第十二条: the 指南 gives the office's address, hours, telephone, fax and internet contact.
    office_name = models.CharField("信息公开工作机构", max_length=100, default="办公室")
    # 发文机关代字 for letter numbers, e.g. 张民宗 → 张民宗依复〔2026〕3号.
    doc_prefix = models.CharField("发文机关代字", max_length=20, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=6, blank=True)
    phone = models.CharField("电话", max_length=40, blank=True)
    fax = models.CharField("传真", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A 科室 (内设机构) of an agency."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="departments")
    name = models.CharField("科室名称", max_length=100)

    class Meta:
        verbose_name = "科室"
        verbose_name_plural = "科室"
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLERK = "clerk", "科员"
    SECTION_HEAD = "section_head", "科室负责人"
    DEPUTY_LEADER = "deputy_leader", "分管领导"
    PRINCIPAL_LEADER = "principal_leader", "主要领导"
    SECRECY_REVIEWER = "secrecy_reviewer", "保密审查员"
    OFFICE_ADMIN = "office_admin", "公开办管理员"


class Membership(models.Model):
    """One role of one user in one agency. A user may hold several roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=24, choices=Role.choices)
    department = models.ForeignKey(
        Department, verbose_name="科室", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class Supervision(models.Model):
    """A supervisor (政务公开办) sees every agency of a region and the regions below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisions")
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.CASCADE)

    class Meta:
        verbose_name = "监督范围"
        verbose_name_plural = "监督范围"
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="supervision_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.region}"
