"""Terms a text defines: a short form declared right after its long form, 紧密型医疗服务共同体
(以下简称“医共体”), and the phrase before it that holds the long form."""

from __future__ import annotations

import re

from builder.patterns.characters import HAN

#: "(以下简称“医共体”)", "（简称：市监局）", "，简称发改委" after the long form
SHORT_FORM_DEFINITION = re.compile(
    rf"[(（,，]\s*(?:以下)?简称[为:：]?\s*[“\"「『‘]?(?P<short>[{HAN}a-z0-9]{{2,8}}?)[”\"」』’]?\s*[)）,，;；。]"
)
#: the phrase before a definition, whose tail is the long form (in search-normalized, lower-case text)
LONG_FORM_BEFORE = re.compile(rf"[{HAN}a-z0-9]{{2,30}}$")
