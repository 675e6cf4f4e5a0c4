"""The questionnaire as YAML: a blank one with the requirement texts as comments, and its reader.

Errors name the file, the key path and the line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from catalog import Catalog, load_catalog
from catalog.errors import DataError, Issue, TextValueError
from catalog.models.base import Lang
from catalog.models.maturity import LEVEL_IDS
from catalog.yamlio import Key, YamlDocument, validate_data
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

TITLE = {
    "zh": "capplan 数字化转型成熟度评估问卷（T/AIITRE 10004—2023 第5章要求与表1）",
    "en": "capplan digital transformation maturity questionnaire (T/AIITRE 10004—2023 "
    "clause 5 requirements and Table 1)",
}
HOWTO = {
    "zh": [
        "requirements：逐项填写 answer（met 满足 / partly_met 部分满足 / not_met 不满足，留空为未答复，",
        '按不满足计），evidence 可填写证据或说明。也可简写为 "5.2.2.1 a": met。',
        "对本行业不适用的要求项答 not_applicable（不适用），并在 reason 中写明理由（必填）；",
        "不适用项不计为满足，也不阻碍等级。",
        "table1：每个主场景及全组织（organisation）填写达到的广度与三方面达到的深度（选项见各行注释）。",
    ],
    "en": [
        "requirements: answer each item (met / partly_met / not_met; blank = not answered, counted",
        'as not met); evidence takes optional notes. Shorthand: "5.2.2.1 a": met.',
        "An item that does not apply to the industry: answer not_applicable and give the reason",
        "(required) in reason; it never counts as met and never holds a level back.",
        "table1: per main scenario and for the whole organisation, the breadth reached and the",
        "depth reached in each of the three aspects (options in the comments).",
    ],
}


ADVISORY = {"zh": "〔建议项〕", "en": "[advisory] "}


def advisory_clauses(rules: ScoringRules) -> set[str]:
    """The conditional items that do not hold a level back (policy advisory)."""
    conditional = rules.conditional_items
    return set(conditional.clauses) if conditional.policy == "advisory" else set()


def _q(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def questionnaire_yaml(
    industry: str,
    lang: Lang = "zh",
    catalog: Catalog | None = None,
    rules: ScoringRules | None = None,
    assessment: Assessment | None = None,
) -> str:
    """A questionnaire for an industry (blank, or pre-filled with an assessment's answers)."""
    catalog = catalog or load_catalog()
    rules = rules or load_rules()
    vocab = Vocabulary(catalog, rules)
    names = group_names(catalog, industry)
    advisory = advisory_clauses(rules)
    scenarios = tuple(m.id for m in catalog.industry(industry).main_scenarios)
    if assessment is not None and assessment.organisation.main_scenarios:
        scenarios = assessment.organisation.main_scenarios
    out = [f"# {TITLE[lang]}"] + [f"# {line}" for line in HOWTO[lang]]
    out += [f"format: {FORMAT}", f"lang: {lang}", "organisation:"]
    org_name = assessment.organisation.name if assessment else None
    out += [f"  name: {_q(org_name)}", f"  industry: {industry}"]
    out.append(f"  main_scenarios: [{', '.join(scenarios)}]")
    out.append("requirements:")
    level = None
    for section in sections(catalog):
        if section.level != level:
            level = section.level
            name = catalog.level(level).name.get(lang)
            out.append(f"  {level}:  # {name}")
        whole = section.entries[0].label == ""  # the clause itself is the requirement
        intro = "" if whole else f" — {_comment(section.intro.get(lang))}"
        out.append(f"    # {section.clause} {section.name.get(lang)}{intro}")
        out.append(f"    {section.subdomain}:")
        for entry in section.entries:
            pad = "  " * entry.indent
            label = entry.label.split()[-1] if entry.label else ""
            text = _comment(entry.text.get(lang))
            mark = ADVISORY[lang] if entry.clause in advisory else ""
            out.append(f"      # {pad}{label + ') ' if label else ''}{mark}{text}")
            if entry.item is None:
                continue
            given = assessment.answers.get(entry.clause) if assessment else None
            answer = given.answer if given else None
            evidence = given.evidence if given else None
            reason = f", reason: {_q(given.reason)}" if given and given.reason else ""
            out.append(
                f"      {_q(entry.clause)}: {{answer: {_q(answer)}, evidence: {_q(evidence)}"
                f"{reason}}}"
            )
    out.append("table1:")
    for group in (*scenarios, ORGANISATION_GROUP):
        kind = vocab.kind_of(group, "breadth")
        out.append(
            f"  # {names[group].get(lang)} — breadth: {' | '.join(dict(vocab.options[kind]))}"
        )
        group_answer = (assessment.table1.get(group) if assessment else None) or GroupAnswer()
        out.append(f"  {group}:")
        out.append(f"    breadth: {group_answer.breadth}")
        for aspect in ASPECTS:
            options = " | ".join(f"{o} ({t.get(lang)})" for o, t in vocab.options[aspect])
            out.append(f"    {aspect}: {getattr(group_answer, aspect)}  # {options}")
        out.append(f"    notes: {_q(group_answer.notes)}")
    return "\n".join(out) + "\n"


# -- reading ----------------------------------------------------------------------------------


class _Reader:
    def __init__(self, doc: YamlDocument, catalog: Catalog, rules: ScoringRules) -> None:
        self.doc, self.catalog, self.rules = doc, catalog, rules
        self.vocab = Vocabulary(catalog, rules)
        self.problems: list[Issue] = []

    def fail(self, path: Key, zh: str, en: str) -> None:
        self.problems.append(self.doc.issue(path, zh, en))

    def mapping(self, data: Any, path: Key, what: str) -> dict[str, Any] | None:
        if data is None:  # a key without a value: an empty section
            return {}
        if not isinstance(data, dict):
            self.fail(path, f"{what} 应为映射（键: 值）", f"{what} must be a mapping")
            return None
        return {str(k): v for k, v in data.items()}

    def organisation(self, data: Any) -> AssessedOrganisation | None:
        block = self.mapping(data, ("organisation",), "organisation")
        if block is None:
            return None
        try:
            org = validate_data(AssessedOrganisation, block, self.doc, ("organisation",))
        except DataError as exc:
            self.problems += exc.issues
            return None
        try:
            industry = self.catalog.industry(org.industry)
        except KeyError as exc:
            known_industries = ", ".join(i.id for i in self.catalog.industries)
            self.fail(
                ("organisation", "industry"),
                f"未知行业 {org.industry!r}（已知：{known_industries}）",
                str(exc.args[0]),
            )
            return None
        known = [m.id for m in industry.main_scenarios]
        for i, scenario in enumerate(org.main_scenarios or ()):
            if scenario not in known:
                self.fail(
                    ("organisation", "main_scenarios", i),
                    f"未知主场景 {scenario!r}（已知：{', '.join(known)}）",
                    f"unknown main scenario {scenario!r} (known: {', '.join(known)})",
                )
        return org

    def requirements(self, data: Any) -> dict[str, ItemAnswer]:
        block = self.mapping(data, ("requirements",), "requirements")
        if block is None:
            return {}
        answers: dict[str, ItemAnswer] = {}
        for level in block:
            if level not in LEVEL_IDS:
                self.fail(
                    ("requirements", level),
                    f"未知等级 {level!r}（L1–L5）",
                    f"unknown level {level!r} (L1–L5)",
                )
        for level in LEVEL_IDS:
            if level not in block:
                self.fail(
                    ("requirements",),
                    f"缺少部分 requirements.{level}",
                    f"missing section requirements.{level}",
                )
                continue
            subs = self.mapping(block[level], ("requirements", level), f"requirements.{level}")
            if subs is not None:
                answers.update(self.level(level, subs))
        return answers

    def level(self, level: str, subs: dict[str, Any]) -> dict[str, ItemAnswer]:
        items = items_by_id(self.catalog)
        own = [s for s in sections(self.catalog) if s.level == level]
        known = {s.subdomain for s in own}
        for sub in subs:
            if sub not in known:
                self.fail(
                    ("requirements", level, sub), f"未知子域 {sub!r}", f"unknown subdomain {sub!r}"
                )
        answers: dict[str, ItemAnswer] = {}
        for section in own:
            path: Key = ("requirements", level, section.subdomain)
            if section.subdomain not in subs:
                self.fail(
                    ("requirements", level),
                    f"缺少部分 requirements.{level}.{section.subdomain}"
                    f"（{section.clause} {section.name.zh}）",
                    f"missing section requirements.{level}.{section.subdomain} "
                    f"({section.clause} {section.name.en})",
                )
                continue
            given = subs[section.subdomain]
            block = self.mapping(given, path, section.subdomain)
            for item_id, value in (block or {}).items():
                where: Key = (*path, item_id)
                item = items.get(item_id)
                if item is None:
                    self.fail(
                        where, f"未知要求项 {item_id!r}", f"unknown requirement item {item_id!r}"
                    )
                elif (item.level, item.subdomain) != (level, section.subdomain):
                    self.fail(
                        where,
                        f"要求项 {item_id!r} 属于 {item.level} {item.subdomain}，"
                        f"不属于 {level} {section.subdomain}",
                        f"item {item_id!r} belongs to {item.level} {item.subdomain}, "
                        f"not {level} {section.subdomain}",
                    )
                else:
                    answer = self.answer(value, where)
                    if answer is not None:
                        answers[item_id] = answer
        return answers

    def answer(self, value: Any, where: Key) -> ItemAnswer | None:
        evidence = reason = None
        item = where
        if isinstance(value, dict):
            extra = set(map(str, value)) - {"answer", "evidence", "reason"}
            if extra:
                self.fail(
                    where,
                    f"不认识的键 {sorted(extra)}（可用：answer、evidence、reason）",
                    f"unknown key(s) {sorted(extra)} (answer, evidence, reason)",
                )
            evidence, reason = value.get("evidence"), value.get("reason")
            value = value.get("answer")
            where = (*where, "answer")
        try:
            answer = self.vocab.parse("answer", value)
        except TextValueError as exc:
            self.fail(where, exc.zh, exc.en)
            return None
        why = None if reason is None else str(reason).strip() or None
        if answer == NOT_APPLICABLE and why is None:
            self.fail(item, *NEEDS_REASON)
            return None
        text = None if evidence is None else str(evidence)
        return ItemAnswer(answer=answer, evidence=text, reason=why)

    def table1(self, data: Any, org: AssessedOrganisation | None) -> dict[str, GroupAnswer]:
        block = self.mapping(data, ("table1",), "table1")
        if block is None or org is None:
            return {}
        industry = self.catalog.industry(org.industry)
        groups = (*(org.main_scenarios or (m.id for m in industry.main_scenarios)), "organisation")
        out: dict[str, GroupAnswer] = {}
        for group, value in block.items():
            if group not in groups:
                self.fail(
                    ("table1", group),
                    f"未知主场景 {group!r}（已知：{', '.join(groups)}）",
                    f"unknown main scenario {group!r} (known: {', '.join(groups)})",
                )
                continue
            answers = self.mapping(value, ("table1", group), f"table1.{group}")
            if answers is None:
                continue
            fields: dict[str, str | None] = {}
            for key, raw in answers.items():
                if key == "notes":
                    fields["notes"] = None if raw is None else str(raw)
                    continue
                if key not in ("breadth", *ASPECTS):
                    self.fail(
                        ("table1", group, key),
                        f"不认识的键 {key!r}（可用：breadth、{'、'.join(ASPECTS)}、notes）",
                        f"unknown key {key!r} (breadth, {', '.join(ASPECTS)}, notes)",
                    )
                    continue
                try:
                    fields[key] = self.vocab.parse(self.vocab.kind_of(group, key), raw) or "none"
                except TextValueError as exc:
                    self.fail(("table1", group, key), exc.zh, exc.en)
            out[group] = GroupAnswer.model_validate(fields)
        for group in groups:
            if group not in block:
                self.fail(
                    ("table1",), f"缺少部分 table1.{group}", f"missing section table1.{group}"
                )
        return out


def read_questionnaire_yaml(
    path: str | Path, catalog: Catalog | None = None, rules: ScoringRules | None = None
) -> Assessment:
    doc = YamlDocument.from_path(Path(path))
    return parse_questionnaire_yaml(doc, catalog, rules)


def parse_questionnaire_yaml(
    doc: YamlDocument, catalog: Catalog | None = None, rules: ScoringRules | None = None
) -> Assessment:
    """An Assessment from a filled YAML questionnaire; DataError listing every problem."""
    catalog = catalog or load_catalog()
    rules = rules or load_rules()
    if not isinstance(doc.data, dict):
        raise DataError(
            [doc.issue((), "顶层应为映射（键: 值）", "expected a mapping at the top level")]
        )
    reader = _Reader(doc, catalog, rules)
    data = {str(k): v for k, v in doc.data.items()}
    for key in data:
        if key not in ("format", "lang", "organisation", "requirements", "table1"):
            reader.fail((key,), f"未知部分 {key!r}", f"unknown section {key!r}")
    if "format" in data and data["format"] != FORMAT:
        reader.fail(
            ("format",),
            f"未知问卷格式 {data['format']!r}（{FORMAT}）",
            f"unknown questionnaire format {data['format']!r} ({FORMAT})",
        )
    if data.get("lang") not in (None, "zh", "en"):
        reader.fail(
            ("lang",),
            f"问卷语言应为 zh 或 en，而不是 {data['lang']!r}",
            f"the questionnaire's language must be zh or en, not {data['lang']!r}",
        )
    for key in ("organisation", "requirements", "table1"):
        if key not in data:
            reader.fail((), f"缺少部分 {key}", f"missing section {key}")
    org = reader.organisation(data["organisation"]) if "organisation" in data else None
    answers = reader.requirements(data["requirements"]) if "requirements" in data else {}
    table1 = reader.table1(data["table1"], org) if "table1" in data else {}
    if reader.problems or org is None:
        raise DataError(reader.problems)
    return Assessment(organisation=org, answers=answers, table1=table1)
