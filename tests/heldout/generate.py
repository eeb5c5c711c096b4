"""Lay out the hand-written held-out issues (content.py) as raw gazette text and write their answer keys.

    python tests/heldout/generate.py        # rewrites tests/heldout/*/issue.txt, gold.json (and original.*)

The layouts imitate what PDF-to-text converters produce (see tests/heldout/README.md). The answer keys' line
numbers come from the layout itself (each emitted line is tagged with the document it belongs to), and
check_gold() prints the first and last line of every document so a person can verify them.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import content as C

HERE = Path(__file__).resolve().parent
CN = "〇一二三四五六七八九"


def cn_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))

    def num(n):
        if n < 10:
            return CN[n]
        return ("十" if n < 20 else CN[n // 10] + "十") + (CN[n % 10] if n % 10 else "")

    return "".join(CN[int(ch)] for ch in str(y)) + f"年{num(m)}月{num(d)}日"


def ar_date(iso: str, spaced=False) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y} 年 {m} 月 {d} 日" if spaced else f"{y}年{m}月{d}日"


PLACES = {
    "qingshan": {
        "P": "青山县",
        "short": "县",
        "u": "县",
        "head": "县长",
        "gov": "青山县人民政府",
        "office": "青山县人民政府办公室",
        "towns": "各乡镇人民政府",
        "town": "柳河镇",
        "town2": "石门乡",
        "town_kind": "镇",
        "town_abbr": "柳",
        "seat": "城关镇",
        "prov": "内蒙古自治区",
        "prov_short": "区",
        "prov_no": ("内政发[2023]5号", "内政发〔2023〕5号"),
        "prov_ban": "内政办发〔2019〕21号",
        "prov_fin": "内财农〔2023〕312号",
        "agri": "农牧局",
        "agri_prov": "农牧厅",
        "rural": "农村牧区",
        "names": ["马晓东", "李  娜", "周建国", "王  彬", "赵红梅", "孙立军", "刘  洋", "郑海涛"],
    },
    "shili": {
        "P": "示例旗",
        "short": "旗",
        "u": "旗",
        "head": "旗长",
        "gov": "示例旗人民政府",
        "office": "示例旗人民政府办公室",
        "towns": "各苏木乡镇人民政府",
        "town": "乌兰镇",
        "town2": "巴音苏木",
        "town_kind": "镇",
        "town_abbr": "乌",
        "seat": "乌兰镇",
        "prov": "内蒙古自治区",
        "prov_short": "区",
        "prov_no": ("内政发（2023）5号", "内政发〔2023〕5号"),
        "prov_ban": "内政办发〔2019〕21号",
        "prov_fin": "内财农〔2023〕312号",
        "agri": "农牧局",
        "agri_prov": "农牧厅",
        "rural": "农村牧区",
        "names": ["吕耀峰", "任桂娥", "刘  剑", "高  玮", "包金花", "其其格", "韩  涛", "乌日娜"],
    },
    "dongling": {
        "P": "河源市东岭区",
        "short": "区",
        "u": "区",
        "head": "区长",
        "gov": "河源市东岭区人民政府",
        "office": "河源市东岭区人民政府办公室",
        "towns": "各镇人民政府、街道办事处",
        "town": "东岭区新桥镇",
        "town2": "东岭区白沙街道",
        "town_kind": "镇",
        "town_abbr": "新",
        "seat": "东岭街道",
        "prov": "广东省",
        "prov_short": "省",
        "prov_no": ("粤府〔2023〕5号", "粤府〔2023〕5号"),
        "prov_ban": "粤府办〔2019〕21号",
        "prov_fin": "粤财农〔2023〕312号",
        "agri": "农业农村局",
        "agri_prov": "农业农村厅",
        "rural": "农村",
        "names": ["陈伟明", "黄丽华", "张志强", "林  峰", "何秀英", "罗建新", "邓  军", "曾国平"],
    },
}


def issue_qingshan():
    c = PLACES["qingshan"]
    d = [
        C.business_plan(c, "政府文件", "青政发〔2023〕12号", "青政发〔2023〕12号", "2023-07-12", cn_date("2023-07-12")),
        C.joint_measures(
            c,
            "政府文件",
            "青政发〔2023〕15号",
            "青政发〔2023〕15号",
            "2023-08-02",
            "2023年8月2日",
            title_lines=[
                "青山县人民政府 青山县人民法院 青山县人民检察院",
                "关于印发《青山县行政执法与刑事司法衔接工作办法》的通知",
            ],
        ),
        C.approval(c, "政府文件", "青政字〔2023〕31号", "青政字〔2023〕31号", "2023-08-20", cn_date("2023-08-20")),
        C.announcement(c, "政府文件", "青政发〔2023〕20号", "青政发〔2023〕20号", "2023-09-01", "2023年9月1日"),
        C.roster(c, "政府办文件", "青政办字（2023）7号", "青政办字〔2023〕7号", "2023-07-20", "2023年7月20日"),
        C.coal_to_power(
            c, "政府办文件", "青政办发[2023]3号", "青政办发〔2023〕3号", "2023-09-15", cn_date("2023-09-15")
        ),
        C.subsidy(c, "部门文件", "青财农〔2023〕21号", "青财农〔2023〕21号", "2023-08-10", "2023年8月10日"),
        C.meeting(c, "政府会议", "2023-07-28", 5),
        C.interpretation(c, "政策解读"),
        C.chronicle(c, "大事记", (7, 8, 9)),
    ]
    issue = {
        "gazette_title": "青山县人民政府公报",
        "publisher": "青山县人民政府",
        "year": 2023,
        "issue_label": "2023年第7-9期合刊",
        "issue_numbers": [7, 8, 9],
        "total_number": 45,
        "date": "2023-10-08",
        "has_toc": True,
    }
    return issue, d


def issue_shili():
    c = PLACES["shili"]
    d = [
        C.business_plan(c, "政府文件", "示政发〔2023〕6号", "示政发〔2023〕6号", "2023-02-27", cn_date("2023-02-27")),
        C.joint_measures(c, "政府文件", "示政发〔2023〕8号", "示政发〔2023〕8号", "2023-03-06", "2023年3月6日"),
        C.approval(c, "政府文件", "示政字［2023］31号", "示政字〔2023〕31号", "2023-03-20", cn_date("2023-03-20")),
        C.announcement(c, "政府文件", "示政发〔2023〕11号", "示政发〔2023〕11号", "2023-03-15", cn_date("2023-03-15")),
        C.roster(c, "政府办文件", "示政办字（2023）7号", "示政办字〔2023〕7号", "2023-03-10", "2023 年 3 月 10 日"),
        C.coal_to_power(
            c, "政府办文件", "示政办发[2023]3号", "示政办发〔2023〕3号", "2023-03-28", cn_date("2023-03-28")
        ),
        C.subsidy(c, "部门文件", "示财农〔2023〕 21 号", "示财农〔2023〕21号", "2023-04-03", "2023年4月3日"),
        C.chronicle(c, "大事记", (1, 2, 3)),
    ]
    issue = {
        "gazette_title": "示例旗人民政府公报",
        "publisher": "示例旗人民政府",
        "year": 2023,
        "issue_label": "2023年第2期",
        "issue_numbers": [2],
        "total_number": None,
        "date": None,
        "has_toc": True,
    }
    return issue, d


def issue_dongling():
    c = PLACES["dongling"]
    d = [
        C.business_plan(c, "区政府文件", "岭府〔2023〕12号", "岭府〔2023〕12号", "2023-06-12", "2023年6月12日"),
        C.approval(c, "区政府文件", "岭府函[2023]31号", "岭府函〔2023〕31号", "2023-06-25", cn_date("2023-06-25")),
        C.announcement(c, "区政府文件", "岭府告〔2023〕2号", "岭府告〔2023〕2号", "2023-07-03", "2023年7月3日"),
        C.joint_measures(c, "区政府文件", "岭府〔2023〕15号", "岭府〔2023〕15号", "2023-07-06", "二〇二三年七月六日"),
        C.roster(c, "区政府办公室文件", "岭府办〔2023〕7号", "岭府办〔2023〕7号", "2023-06-16", cn_date("2023-06-16")),
        C.coal_to_power(
            c, "区政府办公室文件", "岭府办函（2023）3号", "岭府办函〔2023〕3号", "2023-07-10", "2023年7月10日"
        ),
        C.subsidy(c, "部门文件", "岭财农〔2023〕21号", "岭财农〔2023〕21号", "2023-07-14", "2023年7月14日"),
        C.meeting(c, "政府会议", "2023-06-09", 4),
        C.interpretation(c, "政策解读"),
        C.chronicle(c, "大事记", (5, 6, 7), toc_title="东岭区人民政府大事记（5—7月）"),
    ]
    issue = {
        "gazette_title": "东岭区人民政府公报",
        "publisher": "河源市东岭区人民政府",
        "year": 2023,
        "issue_label": "2023年第4期",
        "issue_numbers": [4],
        "total_number": 16,
        "date": "2023-08-31",
        "has_toc": True,
    }
    return issue, d


class Out:
    """Lines being emitted, each tagged with the document it belongs to (or None) and a noise kind."""

    def __init__(self):
        self.lines, self.doc, self.noise = [], [], []

    def add(self, text, doc=None, noise=None):
        self.lines.append(text)
        self.doc.append(doc)
        self.noise.append(noise)
        return len(self.lines)  # 1-based line number

    def text(self):
        return "\n".join(self.lines) + "\n"


def pages(docs, first=1, step=(4, 6, 3, 5)):
    """A page number for each document, as a 目录 prints it."""
    out, p = [], first
    for i, d in enumerate(docs):
        out.append(p)
        p += step[i % len(step)] + len(d["items"]) // 6
    return out


def wrap(text, width):
    """Cut text into lines of width characters; a closing punctuation mark never begins a line (it stays on the
    line before, as typesetters do)."""
    out = []
    for i in range(0, len(text), width):
        chunk = text[i : i + width]
        if out and chunk[0] in "，。、；：）》”,.;:)":
            out[-1] += chunk[0]
            chunk = chunk[1:]
        if chunk:
            out.append(chunk)
    return out or [""]


# ---------------------------------------------------------------- layout (a): plain, one paragraph per line
def plain(issue, docs, out_dir):
    o = Out()
    g = issue["gazette_title"]
    nums = pages(docs)
    o.add("", noise=None)
    o.add(g, noise="cover block")
    o.add("QINGSHAN XIAN RENMIN ZHENGFU GONGBAO", noise="cover block")
    o.add("")
    o.add("2023年第 7-9 期合刊", noise="cover block")
    o.add("总第45期", noise="cover block")
    o.add("青山县人民政府办公室 编印        二〇二三年十月八日", noise="cover block")
    o.add("")
    o.add("目  录", noise="目录")
    toc, section, k = [], None, 0
    for d, page in zip(docs, nums, strict=False):
        if d["section"] != section:
            section = d["section"]
            o.add("")
            o.add(section, noise="目录")
        t = d["toc_title"]
        toc.append({"section": section, "title": t, "page": page})
        if d["kind"] == "大事记":
            o.add(f"- {t}..... {page}", noise="目录")
            continue
        k += 1
        entry = f"{k}.{t}"
        cut = 28 if len(entry) > 34 else len(entry)
        o.add(entry[:cut], noise="目录")
        if entry[cut:]:
            o.add(f"{entry[cut:]}..... {page}", noise="目录")
        else:
            o.lines[-1] += f"..... {page}"
    o.add("")
    for i, d in enumerate(docs):
        o.add("")
        for j, (role, text) in enumerate(d["items"]):
            if role == "row":
                o.add(text, doc=i)
                continue
            if (j and d["items"][j - 1][0] != "title") or role != "title":
                o.add("", doc=i)
            if role == "p" and i == 5 and j == 9:  # a running header inside a document
                o.add(g, doc=i, noise="running header (gazette title alone on a line)")
                o.add("", doc=i)
            o.add(text, doc=i)
    o.add("")
    o.add("青山县人民政府办公室  地址：城关镇政府路1号  电话：0471-5212345", noise="back-cover address line")
    return o, toc


# ---------------------------------------------------------------- layout (b): hard-wrapped with page furniture
BANNER = "示例旗人民政府公报"


class Pager:
    """Hard-wrapped PDF text: ~24-character lines, no blank lines between them; at each page end a vertical
    banner (one character per line, the first with blank lines between its characters), three blank lines and a
    running footer with the page number; the first line of every page begins with one space."""

    def __init__(self, o, height=21, page=0):
        self.o, self.height, self.page, self.used, self.fresh, self.breaks = o, height, page, 0, True, 0
        self.section, self.spaced_done = None, False

    def line(self, text, doc=None, noise=None):
        if self.used >= (self.height if self.page else 2 * self.height):  # the 目录 page is set smaller
            self.end_page(inside=True)
        if self.fresh:
            text = " " + text
            self.fresh = False
        self.used += 1
        return self.o.add(text, doc, noise)

    def end_page(self, inside=False):
        """Close a page. Inside a document the page ends with the gazette's running footer (and, the first time,
        a banner with blank lines between its characters); at a document's end with a banner before or after a
        footer that names the gazette or the section."""
        o, self.breaks = self.o, self.breaks + 1
        if self.page == 0:  # the cover and 目录 page: no banner, no number
            o.add("")
            o.add("")
            o.add("")
            self.page, self.used, self.fresh = 1, 0, True
            return
        spaced = inside and not self.spaced_done
        with_banner = spaced or not inside
        after = not inside and self.breaks % 3 == 0
        kind = (
            "vertical banner with blank lines between its characters"
            if spaced
            else "vertical banner, one character per line"
        )

        def banner():
            for n, ch in enumerate(BANNER):
                if spaced and n:
                    o.add("", noise=kind)
                o.add(ch, noise=kind)

        if with_banner and not after:
            banner()
        o.add("")
        o.add("")
        o.add("")
        if inside or self.page % 2 or not self.section:
            o.add(
                f"示例旗人民政府公报 2023·2 - {self.page} -", noise="running footer (gazette title, issue, page number)"
            )
        else:
            o.add(f"{self.section}  - {self.page} -", noise="section running footer with page number")
        if with_banner and after:
            banner()
        self.spaced_done = self.spaced_done or spaced
        self.page += 1
        self.used, self.fresh = 0, True


def hard_wrapped(issue, docs, out_dir, nums=None):
    if nums is None:  # first pass: on which page does each document begin?
        nums = hard_wrapped(issue, docs, out_dir, [0] * len(docs))[3]
    o = Out()
    pg = Pager(o)
    starts = []
    pg.line("示例旗人民政府公报", noise="cover block")
    pg.line("2023", noise="cover block")
    pg.line("示例旗2期", noise="cover block")
    pg.line("示例旗人民政府办公室主办", noise="cover block")
    pg.line("目  录", noise="目录")
    toc, section = [], None
    for d, page in zip(docs, nums, strict=False):
        if d["section"] != section:
            section = d["section"]
            pg.line(section, noise="目录")
        t = d["toc_title"]
        toc.append({"section": section, "title": t, "page": page})
        for _n, part in enumerate(wrap(f"{page:02d} {t}", 26)):
            pg.line(part, noise="目录")
    pg.end_page()
    for i, d in enumerate(docs):
        pg.section = d["section"]
        starts.append(pg.page)
        for role, text in d["items"]:
            if role in ("title", "title2", "title3"):
                for part in wrap(text, 21):
                    pg.line(part, doc=i)
            elif role in ("no", "sign", "date", "row"):
                pg.line(text, doc=i)
            elif role == "h" or role == "item":
                for part in wrap(text, 24):
                    pg.line(part, doc=i)
            else:
                for part in wrap(text, 24):
                    pg.line(part, doc=i)
        pg.end_page()
    # the one-paragraph-per-line original of the same issue, for paragraph_check.py
    orig = Out()
    for line in ("示例旗人民政府公报", "2023", "示例旗2期", ""):
        orig.add(line)
    for i, d in enumerate(docs):
        for _role, text in d["items"]:
            orig.add(text, doc=i)
            orig.add("", doc=i)
    return o, toc, orig, starts


# ---------------------------------------------------------------- layout (c): OCR Markdown
ASCII = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";", "“": '"', "”": '"'})


def ocr_markdown(issue, docs, out_dir):
    rnd = random.Random(15)
    o = Out()
    g = issue["gazette_title"]
    nums = pages(docs, first=3)
    for line, noise in (
        (f"# {g}", "cover block"),
        ("## 2023年第4期(总第16期)", "cover block"),
        ('# 东岭区人民政府公报 区区 "公公" 报 岭', "garbled OCR banner line"),
        ("二〇二三年八月三十一日出版", "cover block"),
        ("# 目 录", "目录"),
    ):
        o.add("")
        o.add(line, noise=noise)
    toc, section = [], None
    for d, page in zip(docs, nums, strict=False):
        if d["section"] != section:
            section = d["section"]
            o.add("")
            o.add(f"{'#' * rnd.choice((1, 2, 3))} {section}", noise="目录")
        t = d["toc_title"].translate(ASCII)
        toc.append({"section": section, "title": t, "page": page})
        spaced = " ".join(wrap(t, 17))
        o.add("")
        o.add(f"- {spaced} ......({page})" if page % 2 else f"{spaced}…………{page}", noise="目录")
    for i, d in enumerate(docs):
        for j, (role, text) in enumerate(d["items"]):
            text = text.translate(ASCII)
            if role in ("title", "title2", "title3"):
                text = f"{'#' * rnd.choice((1, 1, 2, 3))} " + " ".join(wrap(text, 19))
            elif role == "h":
                text = rnd.choice(("# ", "## ", "- ", "")) + text
            elif role == "item":
                text = "- " + text
            elif role == "p" and len(text) > 40:
                k = rnd.randrange(25, 35)  # a space left where the PDF line wrapped, between two Han characters
                while k < len(text) - 1:
                    if "\u4e00" <= text[k - 1] <= "\u9fff" and "\u4e00" <= text[k] <= "\u9fff":
                        text = text[:k] + " " + text[k:]
                        k += 33
                    else:
                        k += 1
            if role != "row" or d["items"][j - 1][0] != "row":
                o.add("", doc=i if j else None)
            o.add(text, doc=i)
            if i == 0 and j == 12:  # a running header between two pages
                o.add("", doc=i)
                o.add(f"{g}", doc=i, noise="running header (gazette title alone on a line)")
    o.add("")
    o.add("东岭区人民政府网站: http://www.dongling.example.gov.cn/", noise="back-cover website line")
    return o, toc


# ---------------------------------------------------------------- answer keys
def gold_of(o, toc, issue, docs, seed, fmt, notes, asciify=False):
    tr = (lambda s: s.translate(ASCII) if s else s) if asciify else (lambda s: s)
    documents = []
    for i, d in enumerate(docs):
        idx = [n for n, k in enumerate(o.doc, 1) if k == i and o.lines[n - 1].strip()]
        documents.append(
            {
                "title": tr(d["title"]),
                "doc_number": d["doc_number"],
                "doc_number_raw": tr(d["doc_number_raw"]),
                "issuers": d["issuers"],
                "date": d["date"],
                "recipients": tr(d["recipients"]),
                "section": toc[i]["section"] if toc else None,
                "kind": d["kind"],
                "start_line": idx[0],
                "end_line": idx[-1],
                "attachments": [tr(a) for a in d["attachments"]],
                "references": d["references"],
                "body_first": tr(d["body_first"]),
            }
        )
    noise = {}
    for n, kind in enumerate(o.noise, 1):
        if kind and kind != "目录":
            noise.setdefault(kind, []).append(n)
    if fmt == "hard-wrapped":
        noise["page-start marker: one leading space on the first line of each page"] = [
            n for n, line in enumerate(o.lines, 1) if re.match(r" \S", line)
        ]
    return {
        "seed": seed,
        "issue": issue,
        "toc": toc,
        "documents": documents,
        "noise": [
            {"kind": k, "example": o.lines[v[0] - 1].strip() or "(blank)", "lines": v[:3]} for k, v in noise.items()
        ],
        "format": fmt,
        "notes": notes,
    }


def perfect_prediction(o, gold):
    """What a perfect builder would print for this layout: the answer key, each document's Markdown being the
    lines of its span without the page furniture. The tests score it to show that the bar is attainable."""
    docs = []
    for d in gold["documents"]:
        keep = [o.lines[n - 1] for n in range(d["start_line"], d["end_line"] + 1) if not o.noise[n - 1]]
        docs.append(dict(d, markdown="\n\n".join(line.strip() for line in keep if line.strip())))
    return {"issue": gold["issue"], "toc": gold["toc"], "documents": docs}


def check_gold(raw: Path, gold: dict):
    lines = raw.read_text(encoding="utf-8").splitlines()
    for d in gold["documents"]:
        s, e = d["start_line"], d["end_line"]
        print(f"  {s:4d} {lines[s - 1][:40]!r:44} .. {e:4d} {lines[e - 1][:30]!r}")
        title_head = re.sub(r"[\s#]", "", lines[s - 1])[:6]
        assert title_head and title_head in re.sub(r"\s", "", d["title"]), (raw, d["title"], lines[s - 1])


NOTES = {
    "qingshan_plain": (
        "Made-up 青山县 issue, one paragraph per line with blank lines between. Cover: 第 7-9 期合刊 and 总第45期 on "
        "separate lines. 目录: section names alone on a line without brackets, items numbered 1. and wrapped over "
        "two lines, dot leaders and the page at the end; the 大事记 item is written '- …..... N'. A running header "
        "(the gazette title alone) sits inside the 煤改电 notice. The joint notice of 政府/法院/检察院 is signed "
        "on three lines; the 财政局/农牧局 notice on two. The 煤改电 table has merged cells: continuation rows "
        "begin with empty cells (tab tab 第二居民小组 tab 114). 文号 forms 〔〕, （）, [ ]."
    ),
    "shili_wrapped": (
        "Made-up 示例旗 issue, hard-wrapped: ~21-24 characters per line, no blank lines between wrapped lines or "
        "paragraphs; every document starts on a new page. A page inside a document ends with three blank lines and "
        "the running footer '示例旗人民政府公报 2023·2 - N -' (the first such page also with a vertical banner "
        "示/例/旗/人/民/政/府/公/报 whose characters have blank lines between them, mid-sentence); a document's last "
        "page ends with a one-character-per-line banner before (or, every third page, after) a footer naming the "
        "gazette or the section ('政府文件  - 6 -'). The first line of each page begins with one space, also "
        "mid-sentence, and 文号 are split over lines ('（乌政报〔20' / '23〕9号）'). Cover: '2023' then '示例旗2期'. "
        "目录: the page before the title ('01 …'), items wrapped at 26 characters. The joint title of 政府/法院/检察院 "
        "wraps inside a body's name ('…示例旗人民' / '检察院关于印发…'). Roster posts wrap over two lines."
    ),
    "dongling_markdown": (
        "Made-up 河源市东岭区 issue as OCR Markdown: # headings at random levels for titles, section names and some "
        "body headings, '- ' on list items and roster lines, ASCII punctuation (, : ( ) ; \"), spaces left at former "
        "wrap points inside titles and paragraphs. Cover '## 2023年第4期(总第16期)' and a garbled banner line. 目录: "
        "'- title ......(N)' and 'title…………N' forms with section headings at random levels; the 大事记 entry "
        "'东岭区人民政府大事记(5—7月)' differs from the printed title. Issuers are the full names (河源市东岭区…); "
        "文号 forms 岭府〔2023〕12号, 岭府函[2023]31号, 岭府办函(2023)3号."
    ),
}


def build():
    """Every file of the held-out set, {relative path: text}, and the perfect prediction of each issue."""
    files, perfect = {}, {}

    def put(name, o, gold, stem="issue"):
        files[f"{name}/{stem}.txt"] = o.text()
        files[f"{name}/{'gold' if stem == 'issue' else stem + '.gold'}.json"] = (
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        )
        if stem == "issue":
            perfect[name] = perfect_prediction(o, gold)

    issue, docs = issue_qingshan()
    o, toc = plain(issue, docs, None)
    put("qingshan_plain", o, gold_of(o, toc, issue, docs, "issue.txt", "plain", NOTES["qingshan_plain"]))
    issue, docs = issue_shili()
    o, toc, orig, _ = hard_wrapped(issue, docs, None)
    put("shili_wrapped", o, gold_of(o, toc, issue, docs, "issue.txt", "hard-wrapped", NOTES["shili_wrapped"]))
    put(
        "shili_wrapped",
        orig,
        gold_of(
            orig,
            toc,
            issue,
            docs,
            "original.txt",
            "plain",
            "One-paragraph-per-line original of shili_wrapped, for paragraph_check.py.",
        ),
        "original",
    )
    issue, docs = issue_dongling()
    o, toc = ocr_markdown(issue, docs, None)
    put(
        "dongling_markdown",
        o,
        gold_of(o, toc, issue, docs, "issue.txt", "markdown-ocr", NOTES["dongling_markdown"], asciify=True),
    )
    return files, perfect


def main():
    files, _ = build()
    for rel, text in files.items():
        path = HERE / rel
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if rel.endswith(".json"):
            raw = path.with_name(json.loads(text)["seed"])
            print(rel, len(raw.read_text(encoding="utf-8").splitlines()), "lines")
            check_gold(raw, json.loads(text))


if __name__ == "__main__":
    main()
