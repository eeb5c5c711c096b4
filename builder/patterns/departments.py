"""Organisations: issuers (the part of a title before 关于, the place a joint issuer starts with,
what an organisation's name ends with, a government, a line that is only an organisation's name)
and departments (their names, abbreviations, and the words that give a run of names a role)."""

from __future__ import annotations

import re

from builder.patterns.characters import HAN

#: the issuer part of a title: everything before 关于
ISSUER_BEFORE_GUANYU = re.compile(r"^(?P<issuer>.{2,80}?)关于")
ORG_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|委|厅|院|部|办|署|会|中心|公司|集团|分局|支队|大队|所|站|处|镇|街道办事处|苏木|乡)$"
)

#: the place an issuer's name starts with (某旗, 鄂尔多斯市东胜区), for cutting joint issuers apart
#: (never a name's wrapped tail: 市东岭区… is the rest of 河源 / 市东岭区)
JOINT_PLACE = re.compile(rf"^(?![省市区县旗盟州])[{HAN}]{{1,8}}?(?:自治区|自治州|自治县|自治旗|省|市|区|县|旗|盟|州)")

#: what a department's name ends with, longest first
DEPARTMENT_SUFFIX = "人民政府办公室|人民政府|委员会|办公室|分局|局|委|办|中心|部"
#: words a department name is built on; a candidate naming none of them is not a department
DEPARTMENT_WORDS = (
    "人民政府",
    "政府",
    "财政",
    "卫生健康",
    "卫健",
    "发展和改革",
    "发改",
    "工业和信息化",
    "工信",
    "科技",
    "科学技术",
    "应急管理",
    "应急",
    "市场监督管理",
    "市场监管",
    "市监",
    "文化和旅游",
    "文旅",
    "生态环境",
    "自然资源",
    "公安",
    "商务",
    "能源",
    "教育",
    "体育",
    "教体",
    "医疗保障",
    "医保",
    "人力资源和社会保障",
    "人社",
    "住房和城乡建设",
    "住建",
    "林业和草原",
    "林草",
    "交通运输",
    "交通",
    "农牧",
    "农业农村",
    "水利",
    "水务",
    "民政",
    "司法",
    "审计",
    "统计",
    "税务",
    "城市管理",
    "城管",
    "退役军人",
    "政务服务",
    "大数据",
    "宣传",
    "组织",
    "统战",
    "政法",
    "纪委",
    "信访",
    "消防",
    "气象",
    "住房保障",
    "国资",
    "金融",
    "乡村振兴",
    "疾病预防控制",
    "疾控",
    "融媒体",
    "档案",
    "机构编制",
    "编办",
    "妇联",
    "团委",
    "总工会",
    "残联",
    "红十字",
    "粮食",
    "供销",
    "国防动员",
    "人武",
)
#: abbreviations and their full forms, for merging aliases (区住建局 = 区住房和城乡建设局)
DEPARTMENT_ABBREVIATIONS = {
    "住建": "住房和城乡建设",
    "林草": "林业和草原",
    "卫健": "卫生健康",
    "发改": "发展和改革",
    "工信": "工业和信息化",
    "人社": "人力资源和社会保障",
    "医保": "医疗保障",
    "市监": "市场监督管理",
    "市场监管": "市场监督管理",
    "文旅": "文化和旅游",
    "教体": "教育体育",
    "疾控": "疾病预防控制",
    "编办": "机构编制委员会办公室",
    "城管": "城市管理",
    "国资委": "国有资产监督管理委员会",
    "纪委": "纪律检查委员会",
}
#: any of those abbreviations in a name, longest first
DEPARTMENT_ABBREVIATION = re.compile("|".join(sorted(DEPARTMENT_ABBREVIATIONS, key=len, reverse=True)))
#: what makes a candidate a phrase or a generic word, not a name (区直各有关部门, 区委常委, 区委书记,
#: 区应急管理部门, 交通街道办: a 街道办事处 is a place, not a department); 委员会 stays a name
DEPARTMENT_NOT_IN_NAME = re.compile(r"[各有相关书记常副长直等的及或主持干]|召开|会议|部门|街道")
#: what may not follow a department's name: 部门 (区应急管理部门 is a generic word), 办事处, the
#: gazette's own title (《东胜区人民政府公报》 names a publication, not the government)
DEPARTMENT_NOT_AFTER = r"(?!门|事处|公报)"
#: words that end in 区/旗/县 without being the place (全区, 园区, 社区 …; 自治区 a higher level;
#: 高新区, 开发区, 保税区, 试验区 areas of their own), or start with it (区域)
PLACE_WORD_BEFORE = set("全城地园社辖片范发景本我该市牧林矿学小街县各治新税验")
PLACE_WORD_AFTER = set("域县")
#: a role a document gives to departments: 牵头单位：区发改委、区财政局
DEPARTMENT_ROLE = re.compile(
    r"(?P<role>牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|承办单位|承办部门|成员单位)\s*[:：]\s*(?P<names>[^；;。\n）)]+)"
)
#: what right after a run of department names gives them a role: 由区卫健委牵头, 政府办主导,
#: 区财政局负责…, 区住建局配合, 区政务服务局承办 (not 牵头单位, 负责人, 配合部门 …: labels, not verbs)
DEPARTMENT_ROLE_AFTER = re.compile(
    r"^(?:(?P<lead>牵头|主导)(?!单位|部门|医院)|(?P<responsible>负责)(?!人|同志)"
    r"|(?P<support>配合)(?!单位|部门)|(?P<organizer>承办)(?!单位|部门))"
)
#: what right before a department's name makes it a group's office: 办公室设在区卫健委
DEPARTMENT_OFFICE_BEFORE = re.compile(r"办公室(?:设在|设于)$")
#: a duty list item: "3.区卫健委。指导…", "（四）旗卫健委。承担…", "区生态环境分局：承担…"
DEPARTMENT_DUTY_BEFORE = re.compile(r"^[\s*-]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)?$")
DEPARTMENT_DUTY_AFTER = re.compile(r"^[*\s]*[。：:]")
#: what may stand between the names of one run: 区财政局、区发改委和区住建局
DEPARTMENT_JOINER = re.compile(r"^[、和及与\s]*$")

#: a line that can only be an organisation's name
ORG_ONLY = re.compile(rf"^[{HAN}（）()\s]{{2,40}}$")
#: a government or its office at the start of a line: 某某区人民政府办公室
GOVERNMENT = re.compile(rf"^[{HAN}]{{2,30}}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|委员会)")
