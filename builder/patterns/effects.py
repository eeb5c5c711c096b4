"""Effects: the words by which one document repeals, invalidates or amends another.

repeal decision   关于废止和宣布失效部分行政规范性文件的决定 (its title), 决定废止的行政规范性文件目录
                  (a heading or 附件 title over a list or table), 序号 / 文件名称 / 文号 (the table)
replacement       原《…》（东政发〔2023〕NN号）同时废止 / 停止执行 / 不再执行
amendment         关于修改《…》的决定, and in its body 对《…》（文号）作如下修改
"""

from __future__ import annotations

import re

from builder.patterns.docnumber import DOC_NUMBER_CORE
from builder.patterns.kinds import QUOTED_TITLE

#: a title that says the document repeals or invalidates others: 关于废止…的决定, 宣布失效, 清理结果
REPEAL_DECISION_TITLE = re.compile(r"(?:废止|宣布失效|予以失效|清理结果|失效和废止)")
#: the words that put a list under one effect: 决定废止的, 宣布失效的, 予以废止, 停止执行
REPEAL_WORD = re.compile(r"废止|停止执行|不再执行")
INVALIDATE_WORD = re.compile(r"宣布失效|予以失效|失效")
#: a list item: 1. / 1、 / （1） / 一、 then the item; the number is not part of the title
LIST_ITEM = re.compile(r"^\s*(?:[（(]?[0-9０-９]{1,3}[)）.．、]|[一二三四五六七八九十]{1,3}、)\s*(?P<item>.+)$")
#: a numbered paragraph that is a sentence of the decision, not an item of its list: 一、根据《…》
LIST_SENTENCE = re.compile(r"^(?:为了?|经|对|现|各|请|本决定|原则上)|^[^《]*?(?:根据|按照|依据|依照|参照)")
#: a table column by its header: the title, the 文号, the issuing office, the date
TITLE_COLUMN = re.compile(r"(?:文件|规范性文件|政策文件)?(?:名称|标题|题目)")
NUMBER_COLUMN = re.compile(r"^(?:文号|发文字号|文件编号|发文文号|字号)$")
#: a trailing 文号 in brackets after a title: 关于…的通知（东政发〔2023〕31号）
BRACKETED_NUMBER = re.compile(rf"[（(](?P<number>[^（()）]*{DOC_NUMBER_CORE.pattern}[^（()）]*)[）)]")
#: a replacement clause: 原《…》（文号）[和《…》（文号）]同时废止 (the whole clause up to its verb)
REPLACEMENT_CLAUSE = re.compile(
    r"(?P<clause>原(?!则)(?:[^。；;]{0,40}?)《[^。；;]{4,400}?)"
    r"(?P<verb>(?:同时|即行|一并|予以|自行)?(?:废止|停止执行|不再执行|失效))"
)
#: the same without 原, where the verb says it happens with this text: 《…》（文号）同时废止
REPLACED_WITH_THIS = re.compile(
    r"(?P<clause>《[^《》。；;]{4,120}》(?:[（(][^（()）]{0,40}[）)])?)"
    r"(?P<verb>(?:同时|一并|即行)(?:废止|停止执行|不再执行|失效))"
)
#: an amendment decision's title: 关于修改《…》(部分条款)的决定, 关于修改《…》等(N件)文件的决定
AMENDMENT_TITLE = re.compile(
    r"关于修改(?P<targets>(?:《[^《》]{4,120}》[和、及与]?)+)(?:等(?:[0-9一二三四五六七八九十]+件)?[^的《》]{0,12})?"
    r"(?:部分条款|部分内容)?的决定"
)
#: the amendment decision's own words naming its target: 对《…》（文号）作如下修改 / 修改如下
AMENDMENT_BODY = re.compile(
    r"《(?P<title>[^《》\n]{4,120})》\s*(?:[（(](?P<number>[^（()）]{0,40})[）)])?\s*(?:作如下修改|作出如下修改|修改如下|进行修改)"
)
#: the quoted titles of a clause
CLAUSE_TITLE = QUOTED_TITLE
#: the spaces a wrapped line leaves inside Chinese text
WHITESPACE = re.compile(r"\s+")
