"""The published registry format, from the one column definition (columns.py): a template workbook and the docs."""
import io

from ..vocabulary import vocabulary
from .columns import TABLES

KIND_WORDS = {"text": "文字", "code": "代码", "bool": "是/否", "flag": "是/否", "date": "日期 YYYY-MM-DD",
              "yuan": "整数(元)", "year": "四位年度", "tags": "领域代码列表"}


def template_workbook() -> bytes:
    """An Excel workbook to fill in: one sheet per table (headers and one example row) and a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    book = Workbook()
    guide = book.active
    guide.title = "说明"
    guide.append(["工作表", "列", "列名(机读)", "必填", "类型", "说明"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for table in TABLES.values():
        for column in table.columns:
            guide.append([table.label, column.label, column.name, "是" if column.required else "",
                          KIND_WORDS[column.kind], column.description])
    guide.append([])
    guide.append(["代码取值", "认定类别(kind)、项目类别、领域等取值见 eligibility/data/vocabulary.yaml;"
                              "同一企业在各表中以统一社会信用代码关联;空白单元格表示未填报(未知),不是零或否。"])
    for table in TABLES.values():
        sheet = book.create_sheet(table.label)
        sheet.append([column.header for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        if table.name == "enterprises":
            sheet.append([column.example for column in table.columns])
        else:
            sheet.append([column.example if column.name != "credit_code" else TABLES["enterprises"].columns[0].example
                          for column in table.columns])
        for index, column in enumerate(table.columns):
            sheet.column_dimensions[chr(ord("A") + index)].width = max(14, len(column.header) * 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def columns_markdown() -> str:
    """The tables and columns as Markdown, for the README."""
    lines = []
    for table in TABLES.values():
        lines.append(f"**{table.name}**({table.label})\n")
        lines.append("| 列名 | 中文列名 | 必填 | 类型 | 说明 |")
        lines.append("| --- | --- | --- | --- | --- |")
        for c in table.columns:
            lines.append(f"| `{c.name}` | {c.label} | {'是' if c.required else ''} | {KIND_WORDS[c.kind]} | "
                         f"{c.description.replace('|', '/')} |")
        lines.append("")
    kinds = len(vocabulary()["recognition_kinds"])
    lines.append(f"认定类别({kinds} 种)、项目类别和领域的代码见 `eligibility/data/vocabulary.yaml`。")
    return "\n".join(lines)
