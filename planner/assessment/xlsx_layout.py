"""Sheet and column names of the Excel questionnaire, in both languages (reader and writer)."""

from __future__ import annotations

from typing import NamedTuple

from catalog.models.base import Lang


class Name(NamedTuple):
    key: str
    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

    def both(self) -> str:
        return f"{self.zh}/{self.en}"


SHEETS = {
    "guide": Name("guide", "说明", "Guide"),
    "organisation": Name("organisation", "组织", "Organisation"),
    "requirements": Name("requirements", "要求", "Requirements"),
    "table1": Name("table1", "表1", "Table 1"),
    "options": Name("options", "选项", "Options"),
}

ORG_COLUMNS = (
    Name("key", "键", "Key"),
    Name("field", "项目", "Field"),
    Name("value", "填写", "Value"),
)
ORG_FIELDS = (
    Name("format", "问卷格式", "Questionnaire format"),
    Name("lang", "语言", "Language"),
    Name("name", "组织名称", "Organisation name"),
    Name("industry", "行业类型", "Industry"),
    Name("main_scenarios", "主场景（逗号分隔）", "Main scenarios (comma separated)"),
)

REQ_COLUMNS = (
    Name("level", "等级", "Level"),
    Name("domain", "评价域", "Domain"),
    Name("subdomain", "子域", "Subdomain"),
    Name("clause", "条款", "Clause"),
    Name("requirement", "要求", "Requirement"),
    Name("answer", "答复", "Answer"),
    Name("evidence", "证据/说明", "Evidence"),
)
REQ_NEEDED = ("clause", "answer", "evidence")

T1_COLUMNS = (
    Name("group", "范围", "Scope"),
    Name("name", "名称", "Name"),
    Name("breadth", "广度", "Breadth"),
    Name("data_collection", "数据采集", "Data collection"),
    Name("model", "模型类型", "Model type"),
    Name("business_integration", "业务集成", "Business integration"),
    Name("notes", "说明", "Notes"),
)
T1_NEEDED = ("group", "breadth", "data_collection", "model", "business_integration")

# columns of the Options sheet: the dropdown lists
OPTION_LISTS = (
    Name("answer", "答复", "Answer"),
    Name("scenario_breadth", "主场景广度", "Main scenario breadth"),
    Name("organisation_breadth", "全组织广度", "Organisation breadth"),
    Name("data_collection", "数据采集", "Data collection"),
    Name("model", "模型类型", "Model type"),
    Name("business_integration", "业务集成", "Business integration"),
)


def column_letter(index: int) -> str:
    """1-based column index → 'A', 'B', …, 'Z', 'AA', … (as Excel names them)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def find(names: tuple[Name, ...], key: str) -> Name:
    return next(n for n in names if n.key == key)
