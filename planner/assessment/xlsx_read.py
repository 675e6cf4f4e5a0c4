"""Read a filled Excel questionnaire; every error names the sheet, the row and the column."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog import Catalog, load_catalog
from catalog.errors import DataError, Issue, TextValueError
from planner.assessment.items import items_by_id, sections
from planner.assessment.models import (
    FORMAT,
    ORGANISATION_GROUP,
    AssessedOrganisation,
    Assessment,
    GroupAnswer,
    ItemAnswer,
)
from planner.assessment.rules import (
    ASPECTS,
    NEEDS_REASON,
    NOT_APPLICABLE,
    ScoringRules,
    load_rules,
)
from planner.assessment.vocab import Vocabulary, group_names
from planner.assessment.xlsx_layout import (
    ORG_COLUMNS,
    REQ_COLUMNS,
    REQ_NEEDED,
    SHEETS,
    T1_COLUMNS,
    T1_NEEDED,
    Name,
    column_letter,
)
from planner.model.extras import require

if TYPE_CHECKING:  # openpyxl (the xlsx extra) is imported when a workbook is read
    from openpyxl.worksheet.worksheet import Worksheet


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


class _Sheet:
    """A sheet with its columns located by header (either language)."""

    def __init__(self, ws: Worksheet, columns: dict[str, int], headers: dict[str, str]) -> None:
        self.ws, self.columns, self.headers = ws, columns, headers

    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        out = []
        for r, values in enumerate(self.ws.iter_rows(min_row=2, values_only=True), start=2):
            cells = {
                key: values[c - 1] if c - 1 < len(values) else None
                for key, c in self.columns.items()
            }
            out.append((r, cells))
        return out


class _Reader:
    def __init__(self, path: Path, catalog: Catalog, rules: ScoringRules) -> None:
        self.path, self.catalog, self.rules = path, catalog, rules
        self.vocab = Vocabulary(catalog, rules)
        self.problems: list[Issue] = []

    def fail(
        self,
        sheet: _Sheet | str,
        zh: str,
        en: str,
        row: int | None = None,
        key: str | None = None,
    ) -> None:
        """An issue at a cell (or a row, or a sheet) of the workbook."""
        title = sheet if isinstance(sheet, str) else sheet.ws.title
        column = heading = None
        if key is not None and isinstance(sheet, _Sheet):
            column, heading = column_letter(sheet.columns[key]), sheet.headers[key]
        self.problems.append(
            Issue.of(
                zh, en, file=str(self.path), sheet=title, row=row, column=column, heading=heading
            )
        )

    def sheet(
        self, wb: Any, name: Name, columns: tuple[Name, ...], needed: tuple[str, ...]
    ) -> _Sheet | None:
        ws = next((wb[t] for t in (name.zh, name.en) if t in wb.sheetnames), None)
        if ws is None:
            self.problems.append(
                Issue.of(
                    f"缺少工作表 {name.zh}（{name.en}）",
                    f"missing sheet {name.zh} ({name.en})",
                    file=str(self.path),
                )
            )
            return None
        header = [_text(c.value) for c in ws[1]] if ws.max_row >= 1 else []
        found: dict[str, int] = {}
        titles: dict[str, str] = {}
        for col in columns:
            for i, text in enumerate(header, start=1):
                if text is not None and text.casefold() in (col.zh.casefold(), col.en.casefold()):
                    found[col.key], titles[col.key] = i, text
                    break
        missing = [c for c in columns if c.key in needed and c.key not in found]
        for col in missing:
            self.fail(
                ws.title, f"缺少列 {col.zh}（{col.en}）", f"missing column {col.zh} ({col.en})", 1
            )
        return None if missing else _Sheet(ws, found, titles)

    # -- organisation --------------------------------------------------------------------
    def organisation(self, sheet: _Sheet) -> AssessedOrganisation | None:
        values: dict[str, tuple[int, str | None]] = {}
        for r, cells in sheet.rows():
            key = _text(cells["key"])
            if key is not None:
                values[key] = (r, _text(cells["value"]))
        fmt = values.get("format")
        if fmt is not None and fmt[1] not in (None, FORMAT):
            self.fail(
                sheet,
                f"未知问卷格式 {fmt[1]!r}（{FORMAT}）",
                f"unknown questionnaire format {fmt[1]!r} ({FORMAT})",
                fmt[0],
                "value",
            )
        if "industry" not in values or values["industry"][1] is None:
            self.fail(
                sheet,
                "缺少行业（键为 industry 的行）",
                "missing the industry (row with key 'industry')",
            )
            return None
        row, industry_id = values["industry"]
        try:
            industry = self.catalog.industry(str(industry_id))
        except KeyError as exc:
            known_industries = ", ".join(i.id for i in self.catalog.industries)
            self.fail(
                sheet,
                f"未知行业 {industry_id!r}（已知：{known_industries}）",
                str(exc.args[0]),
                row,
                "value",
            )
            return None
        scenarios: tuple[str, ...] | None = None
        if "main_scenarios" in values and values["main_scenarios"][1]:
            row, text = values["main_scenarios"]
            scenarios = tuple(
                s.strip() for s in str(text).replace("，", ",").split(",") if s.strip()
            )
            known = [m.id for m in industry.main_scenarios]
            for s in scenarios:
                if s not in known:
                    self.fail(
                        sheet,
                        f"未知主场景 {s!r}（已知：{', '.join(known)}）",
                        f"unknown main scenario {s!r} (known: {', '.join(known)})",
                        row,
                        "value",
                    )
        name = values.get("name", (0, None))[1]
        return AssessedOrganisation(name=name, industry=industry.id, main_scenarios=scenarios)

    # -- requirements --------------------------------------------------------------------
    def requirements(self, sheet: _Sheet) -> dict[str, ItemAnswer]:
        items = items_by_id(self.catalog)
        headings = {e.clause for s in sections(self.catalog) for e in s.entries if e.item is None}
        headings |= {s.clause for s in sections(self.catalog) if s.entries[0].label}
        answers: dict[str, ItemAnswer] = {}
        seen: dict[str, int] = {}
        for r, cells in sheet.rows():
            clause = _text(cells["clause"])
            answer, evidence = _text(cells["answer"]), _text(cells["evidence"])
            if clause is None:
                if answer is not None:
                    self.fail(sheet, "有答复但没有条款", "an answer without a clause", r, "answer")
                continue
            if clause not in items:
                if clause in headings:
                    if answer is not None:
                        self.fail(
                            sheet,
                            f"{clause} 是标题：请答复其下各要求项",
                            f"{clause} is a heading: answer the items under it",
                            r,
                            "answer",
                        )
                else:
                    self.fail(
                        sheet,
                        f"未知要求项 {clause!r}",
                        f"unknown requirement item {clause!r}",
                        r,
                        "clause",
                    )
                continue
            if clause in seen:
                self.fail(
                    sheet,
                    f"要求项 {clause} 已在第 {seen[clause]} 行给出",
                    f"item {clause} already given in row {seen[clause]}",
                    r,
                    "clause",
                )
                continue
            seen[clause] = r
            try:
                parsed = self.vocab.parse("answer", answer)
            except TextValueError as exc:
                self.fail(sheet, exc.zh, exc.en, r, "answer")
                continue
            if parsed == NOT_APPLICABLE:  # the evidence column gives the reason, required
                if evidence is None:
                    zh, en = NEEDS_REASON
                    self.fail(sheet, f"{clause}：{zh}", f"{clause}: {en}", r, "evidence")
                    continue
                answers[clause] = ItemAnswer(answer=parsed, evidence=evidence, reason=evidence)
                continue
            answers[clause] = ItemAnswer(answer=parsed, evidence=evidence)
        for section in sections(self.catalog):
            if not any(item.id in seen for item in section.items):
                self.fail(
                    sheet,
                    f"缺少部分 {section.level} {section.subdomain}（{section.clause} "
                    f"{section.name.zh}）：其各要求项都没有对应的行",
                    f"missing section {section.level} {section.subdomain} ({section.clause} "
                    f"{section.name.en}): no row for any of its items",
                )
        return answers

    # -- Table 1 -------------------------------------------------------------------------
    def table1(self, sheet: _Sheet, org: AssessedOrganisation) -> dict[str, GroupAnswer]:
        industry = self.catalog.industry(org.industry)
        scenarios = org.main_scenarios or tuple(m.id for m in industry.main_scenarios)
        groups = (*scenarios, ORGANISATION_GROUP)
        names = group_names(self.catalog, org.industry)
        out: dict[str, GroupAnswer] = {}
        for r, cells in sheet.rows():
            group = _text(cells["group"])
            if group is None:
                continue
            if group not in groups:
                self.fail(
                    sheet,
                    f"未知主场景 {group!r}（已知：{', '.join(groups)}）",
                    f"unknown main scenario {group!r} (known: {', '.join(groups)})",
                    r,
                    "group",
                )
                continue
            if group in out:
                self.fail(sheet, f"{group} 重复给出", f"{group} given twice", r, "group")
                continue
            fields: dict[str, str | None] = {"notes": _text(cells.get("notes"))}
            for key in ("breadth", *ASPECTS):
                try:
                    fields[key] = (
                        self.vocab.parse(self.vocab.kind_of(group, key), cells[key]) or "none"
                    )
                except TextValueError as exc:
                    self.fail(sheet, exc.zh, exc.en, r, key)
            out[group] = GroupAnswer.model_validate(fields)
        for group in groups:
            if group not in out:
                self.fail(
                    sheet,
                    f"缺少 {group!r}（{names[group].zh}）的行",
                    f"missing row for {group!r} ({names[group].en})",
                )
        return out


def read_questionnaire_xlsx(
    path: str | Path, catalog: Catalog | None = None, rules: ScoringRules | None = None
) -> Assessment:
    """An Assessment from a filled Excel questionnaire; DataError listing every problem."""
    path = Path(path)
    catalog = catalog or load_catalog()
    rules = rules or load_rules()
    openpyxl = require("openpyxl", "xlsx")
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(
            [Issue.of(f"无法读取工作簿：{exc}", f"cannot read the workbook: {exc}", file=str(path))]
        ) from exc
    reader = _Reader(path, catalog, rules)
    org_sheet = reader.sheet(wb, SHEETS["organisation"], ORG_COLUMNS, ("key", "value"))
    req_sheet = reader.sheet(wb, SHEETS["requirements"], REQ_COLUMNS, REQ_NEEDED)
    t1_sheet = reader.sheet(wb, SHEETS["table1"], T1_COLUMNS, T1_NEEDED)
    org = reader.organisation(org_sheet) if org_sheet else None
    answers = reader.requirements(req_sheet) if req_sheet else {}
    table1 = reader.table1(t1_sheet, org) if t1_sheet and org else {}
    if reader.problems or org is None:
        raise DataError(reader.problems)
    return Assessment(organisation=org, answers=answers, table1=table1)
