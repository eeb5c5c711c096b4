"""Hand-written content of the held-out issues: made-up county/banner/district gazettes.

Each document is a list of items (role, text). Roles: title (the document's title, one item per printed title
line), no (its 文号 line), to (主送), p (body paragraph), h (body heading), sign (signature line), date, row (a table
row, cells joined by tabs), item (a list item). The wording follows the sample issues (rewritten, places made up);
what a perfect builder extracts (the answer key) is written beside each document, by hand.
"""

from __future__ import annotations


def doc(section, kind, title, items, *, doc_number=None, doc_number_raw=None, issuers=(), date=None,
        recipients=None, attachments=(), references=(), body_first="", toc_title=None):
    return {"section": section, "kind": kind, "title": title, "items": items, "doc_number": doc_number,
            "doc_number_raw": doc_number_raw, "issuers": list(issuers), "date": date, "recipients": recipients,
            "attachments": list(attachments), "references": list(references), "body_first": body_first,
            "toc_title": toc_title or title}


def business_plan(c, section, no_raw, no, date_iso, date_text):
    """政府文件: a notice issuing a three-year plan; cites higher-level 文号 in several bracket forms."""
    P, gov, u = c["P"], c["gov"], c["u"]
    title = f"{gov}关于印发{P}优化营商环境三年行动方案（2023—2025年）的通知"
    plan = f"{P}优化营商环境三年行动方案（2023—2025年）"
    items = [
        ("title", title), ("no", no_raw),
        ("to", f"{c['towns']}，{u}直各部门，各人民团体，各直属企事业单位："),
        ("p", f"《{plan}》已经{c['short']}政府第5次常务会议研究同意，现印发给你们，请认真贯彻落实。"),
        ("sign", gov), ("date", date_text),
        ("title2", plan),
        ("p", f"为深入贯彻落实《国务院办公厅关于进一步优化营商环境降低市场主体制度性交易成本的意见》（国办发〔2022〕30号）和《{c['prov']}人民政府关于印发以更优营商环境服务市场主体行动方案的通知》（{c['prov_no'][0]}）精神，持续打造市场化法治化国际化一流营商环境，结合我{u}实际，制定本方案。"),
        ("h", "一、总体要求"),
        ("p", "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持以市场主体需求为导向，以政府职能转变为核心，以数字化改革为牵引，推动营商环境整体提升。到2025年，政务服务事项全程网办率达到90%以上，企业开办时间压缩至0.5个工作日以内。"),
        ("h", "二、重点任务"),
        ("p", "（一）提升政务服务效能。全面推行“一窗受理、集成服务”，推动高频事项“跨省通办”“全区通办”。依托一体化政务服务平台，实现企业和群众办事“只进一扇门”“最多跑一次”。"),
        ("p", f"（二）优化项目审批服务。深化工程建设项目审批制度改革，落实《{c['prov']}工程建设项目审批制度改革实施方案》（{c['prov_ban']}）要求，社会投资一般性项目审批时间控制在30个工作日以内。"),
        ("p", "（三）加强市场主体权益保护。严格落实公平竞争审查制度，依法平等保护各类市场主体产权和合法权益，建立健全政府失信责任追究制度。"),
        ("h", "三、进度安排"),
        ("item", "1.3月底前，各责任单位制定具体工作措施，明确责任人和完成时限；"),
        ("item", "2.6月底前，完成政务服务事项梳理和办事指南修订，开展第一轮督导检查；"),
        ("item", "3.12月底前，全面总结工作成效，形成可复制推广的经验做法。"),
        ("h", "四、保障措施"),
        ("p", f"各责任单位要把优化营商环境作为“一把手”工程，主要负责同志亲自抓、负总责。{c['short']}营商环境建设局要加强统筹协调，每季度通报工作进展情况，对工作推进不力的单位按规定予以问责。"),
    ]
    return doc(section, "通知", title, items, doc_number=no, doc_number_raw=no_raw, issuers=[gov], date=date_iso,
               recipients=f"{c['towns']}，{u}直各部门，各人民团体，各直属企事业单位", attachments=[plan],
               references=["国办发〔2022〕30号", c['prov_no'][1], c['prov_ban']],
               body_first=f"《{plan}》已经{c['short']}政府第5次")


def approval(c, section, no_raw, no, date_iso, date_text):
    """政府文件: a 批复 answering a town's request (its request number is a reference)."""
    gov, town = c["gov"], c["town"]
    title = f"{gov}关于同意{town}调整部分村级建制的批复"
    items = [
        ("title", title), ("no", no_raw),
        ("to", f"{town}人民政府："),
        ("p", f"你{c['town_kind']}《关于调整部分村级建制的请示》（{c['town_abbr']}政报〔2023〕9号）收悉。经{c['short']}政府研究，现批复如下："),
        ("p", f"一、同意撤销{town}东沟村、西沟村，合并设立{town}双沟村，村民委员会驻原东沟村村部。"),
        ("p", "二、调整后的村要依法做好村民委员会选举、集体资产清理登记和档案移交等工作，确保群众生产生活秩序稳定。"),
        ("p", f"三、请你{c['town_kind']}严格按照有关规定，抓紧做好调整后的各项工作，并将落实情况及时报{c['short']}民政局备案。"),
        ("sign", gov), ("date", date_text),
    ]
    return doc(section, "批复", title, items, doc_number=no, doc_number_raw=no_raw, issuers=[gov], date=date_iso,
               recipients=f"{town}人民政府", references=[f"{c['town_abbr']}政报〔2023〕9号"],
               body_first=f"你{c['town_kind']}《关于调整部分村级建制的请示》")


def roster(c, section, no_raw, no, date_iso, date_text):
    """政府办文件: a 领导小组 set up, with its roster (names with posts, two-character names spaced)."""
    P, office, u = c["P"], c["office"], c["u"]
    title = f"{office}关于成立{P}第四次全国文物普查领导小组的通知"
    n = c["names"]
    items = [
        ("title", title), ("no", no_raw),
        ("to", f"{c['towns']}，{u}直各有关部门："),
        ("p", f"为切实做好第四次全国文物普查工作，根据《国务院关于开展第四次全国文物普查的通知》（国发〔2022〕22号）要求，经{c['short']}政府同意，决定成立{P}第四次全国文物普查领导小组。现将有关事项通知如下："),
        ("h", "一、领导小组组成人员"),
        ("item", f"组  长：{n[0]}  {c['short']}委常委、{c['short']}人民政府常务副{c['head']}"),
        ("item", f"副组长：{n[1]}  {c['short']}人民政府办公室党组成员、副主任，{c['short']}政务服务局局长"),
        ("item", f"{n[2]}  {c['short']}文化和旅游局局长"),
        ("item", f"成  员：{n[3]}  {c['short']}发展和改革委员会副主任"),
        ("item", f"{n[4]}  {c['short']}财政局副局长"),
        ("item", f"{n[5]}  {c['short']}自然资源局副局长"),
        ("item", f"{n[6]}  {c['short']}住房和城乡建设局副局长"),
        ("h", "二、工作职责"),
        ("p", f"领导小组负责统筹协调全{u}文物普查工作，研究解决普查中的重大问题。领导小组下设办公室，办公室设在{c['short']}文化和旅游局，{n[2]}同志兼任办公室主任，负责领导小组日常工作。"),
        ("p", "领导小组成员因工作变动需要调整的，由所在单位提出意见，报领导小组办公室备案，不再另行发文。"),
        ("sign", office), ("date", date_text),
    ]
    return doc(section, "通知", title, items, doc_number=no, doc_number_raw=no_raw, issuers=[office], date=date_iso,
               recipients=f"{c['towns']}，{u}直各有关部门", references=["国发〔2022〕22号"],
               body_first="为切实做好第四次全国文物普查工作")


def joint_measures(c, section, no_raw, no, date_iso, date_text, title_lines=None):
    """政府文件: a joint notice of the government, the court and the procuratorate, signed on three lines."""
    P, gov = c["P"], c["gov"]
    court, proc = f"{P}人民法院", f"{P}人民检察院"
    title = f"{gov} {court} {proc}关于印发《{P}行政执法与刑事司法衔接工作办法》的通知"
    measures = f"{P}行政执法与刑事司法衔接工作办法"
    head = [("title", t) for t in (title_lines or [title])]
    items = head + [
        ("no", no_raw),
        ("to", f"{c['towns']}，{c['u']}直各行政执法部门："),
        ("p", f"现将《{measures}》印发给你们，请结合工作实际，认真抓好贯彻落实。"),
        ("sign", gov), ("sign", court), ("sign", proc), ("date", date_text),
        ("title2", measures),
        ("p", "第一条  为建立健全行政执法与刑事司法衔接工作机制，依法惩治破坏社会主义市场经济秩序、妨害社会管理秩序等违法犯罪行为，根据《行政执法机关移送涉嫌犯罪案件的规定》等有关规定，结合本地实际，制定本办法。"),
        ("p", "第二条  行政执法机关在依法查处违法行为过程中，发现涉嫌犯罪案件的，应当及时向公安机关移送，并抄送同级人民检察院。"),
        ("p", "第三条  人民检察院依法对行政执法机关移送涉嫌犯罪案件和公安机关立案活动实施法律监督。人民法院对依法受理的案件，应当及时审理。"),
        ("p", "第四条  本办法自印发之日起施行。"),
    ]
    return doc(section, "通知", title, items, doc_number=no, doc_number_raw=no_raw, issuers=[gov, court, proc],
               date=date_iso, recipients=f"{c['towns']}，{c['u']}直各行政执法部门", attachments=[measures],
               body_first=f"现将《{measures}》印发给你们")


def coal_to_power(c, section, no_raw, no, date_iso, date_text):
    """政府办文件: a notice issuing a plan with an 附件 table whose merged cells leave rows short."""
    P, office, u = c["P"], c["office"], c["u"]
    title = f"{office}关于印发{P}2023年{c['rural']}冬季清洁取暖“煤改电”工作实施方案的通知"
    plan = f"{P}2023年{c['rural']}冬季清洁取暖“煤改电”工作实施方案"
    t1, t2 = c["town"], c["town2"]
    items = [
        ("title", title), ("no", no_raw),
        ("to", f"{c['towns']}，{u}直有关部门："),
        ("p", f"经{c['short']}人民政府同意，现将《{plan}》印发给你们，请认真组织实施。"),
        ("sign", office), ("date", date_text),
        ("title2", plan),
        ("p", f"为持续改善大气环境质量，按照《关于做好2023年北方地区冬季清洁取暖工作的通知》（财建〔2023〕54号）要求，结合我{u}实际，制定本方案。"),
        ("h", "一、目标任务"),
        ("p", f"2023年在{t1}、{t2}实施“煤改电”清洁取暖改造共计412户，10月31日前全部完成设备安装和电网配套改造。"),
        ("h", "二、补贴标准"),
        ("p", "对完成改造的农牧户，按照每户设备购置费用的70%给予补贴，最高不超过8000元；采暖期运行电价执行居民峰谷分时电价政策。"),
        ("h", "三、职责分工"),
        ("p", f"{c['short']}发展和改革委员会负责项目统筹和电价政策落实；{c['short']}财政局负责补贴资金筹措和拨付；供电公司负责配套电网建设改造。"),
        ("h", "附件"),
        ("title3", f"{P}2023年“煤改电”改造计划表"),
        ("row", "序号\t镇、街道\t村、居民小组\t户数"),
        ("row", f"1\t{t1}\t双沟村\t96"),
        ("row", "\t\t第二居民小组\t114"),
        ("row", "\t\t第五居民小组\t58"),
        ("row", f"2\t{t2}\t新民村\t87"),
        ("row", "\t\t前进村\t57"),
        ("row", "合计\t\t\t412"),
    ]
    return doc(section, "通知", title, items, doc_number=no, doc_number_raw=no_raw, issuers=[office], date=date_iso,
               recipients=f"{c['towns']}，{u}直有关部门", attachments=[plan, f"{P}2023年“煤改电”改造计划表"],
               references=["财建〔2023〕54号"], body_first=f"经{c['short']}人民政府同意，现将《{plan}》")


def subsidy(c, section, no_raw, no, date_iso, date_text):
    """部门文件: a joint notice of two departments."""
    P = c["P"]
    fin, agr = f"{P}财政局", f"{P}{c['agri']}"
    title = f"{fin} {agr}关于下达2023年耕地地力保护补贴资金的通知"
    items = [
        ("title", title), ("no", no_raw),
        ("to", f"{c['towns']}："),
        ("p", f"根据《{c['prov']}财政厅 {c['agri_prov']}关于下达2023年农业相关转移支付资金的通知》（{c['prov_fin']}），现将2023年耕地地力保护补贴资金2860万元下达给你们，并就有关事项通知如下："),
        ("p", "一、补贴对象为拥有耕地承包权的种地农牧民，补贴标准按照每亩76.5元执行，资金通过“一卡通”直接发放到户。"),
        ("p", "二、各地要严格执行补贴面积公示制度，公示时间不少于7天，确保补贴资金发放公开、公平、公正。"),
        ("p", "三、资金发放工作于8月31日前完成，发放情况及时报送县级财政、农牧部门。"),
        ("sign", fin), ("sign", agr), ("date", date_text),
    ]
    return doc(section, "通知", title, items, doc_number=no, doc_number_raw=no_raw, issuers=[fin, agr], date=date_iso,
               recipients=c["towns"], references=[c['prov_fin']],
               body_first=f"根据《{c['prov']}财政厅 {c['agri_prov']}关于下达2023年")


def announcement(c, section, no_raw, no, date_iso, date_text):
    """政府文件: a 公告 (no 主送)."""
    gov = c["gov"]
    title = f"{gov}关于划定高污染燃料禁燃区的公告"
    items = [
        ("title", title), ("no", no_raw),
        ("p", f"为改善城区环境空气质量，保障人民群众身体健康，根据《中华人民共和国大气污染防治法》和《高污染燃料目录》（国环规大气〔2017〕2号）有关规定，{c['short']}人民政府决定划定高污染燃料禁燃区，现公告如下："),
        ("p", f"一、禁燃区范围：{c['seat']}建成区，东至环城东路，西至滨河西路，南至南外环，北至北山路。"),
        ("p", "二、禁燃区内禁止销售、燃用高污染燃料，禁止新建、扩建燃用高污染燃料的设施。"),
        ("p", "三、本公告自发布之日起施行。"),
        ("sign", gov), ("date", date_text),
    ]
    return doc(section, "公告", title, items, doc_number=no, doc_number_raw=no_raw, issuers=[gov], date=date_iso,
               references=["国环规大气〔2017〕2号"], body_first="为改善城区环境空气质量，保障人民群众身体健康")


def meeting(c, section, date_iso, n):
    """政府会议: a standing-meeting report."""
    gov, names = c["gov"], c["names"]
    title = f"{gov}2023年第{n}次常务会议"
    items = [
        ("title", title),
        ("p", f"{date_iso[5:7].lstrip('0')}月{date_iso[8:].lstrip('0')}日，{c['short']}委副书记、{c['head']}{names[7]}主持召开{c['short']}政府2023年第{n}次常务会议。{names[0]}、{names[1]}出席会议。"),
        ("p", f"会议传达学习了全{c['prov_short']}优化营商环境大会精神，审议了《{c['P']}优化营商环境三年行动方案（2023—2025年）》，研究了{c['rural']}冬季清洁取暖、耕地地力保护补贴发放等工作。"),
        ("p", "会议强调，各部门要坚持问题导向，压实工作责任，确保各项工作落地见效。"),
    ]
    return doc(section, "会议", title, items, issuers=[gov], date=date_iso, body_first=items[1][1][:20])


def interpretation(c, section):
    """政策解读 (no 文号, no issuer)."""
    P = c["P"]
    title = f"《{P}优化营商环境三年行动方案（2023—2025年）》政策解读"
    items = [
        ("title", title),
        ("h", "一、出台背景"),
        ("p", "根据《国务院办公厅关于进一步优化营商环境降低市场主体制度性交易成本的意见》（国办发〔2022〕30号），结合我地实际，制定了《行动方案》。"),
        ("h", "二、主要内容"),
        ("p", "《行动方案》从提升政务服务效能、优化项目审批服务、加强市场主体权益保护三个方面提出了重点任务。"),
        ("h", "三、解读机关及解读人"),
        ("p", f"解读机关：{P}营商环境建设局。解读人：{c['names'][5]}，联系电话：0477-8123456。"),
    ]
    return doc(section, "解读", title, items, references=["国办发〔2022〕30号"],
               body_first="根据《国务院办公厅关于进一步优化营商环境")


def chronicle(c, section, months, toc_title=None):
    """大事记: dated entries, no 文号."""
    title = f"{c['gov']}大事记"
    n = c["names"]
    items = [
        ("title", title),
        ("p", f"{months[0]}月3日，{c['short']}长{n[7]}主持召开{c['short']}政府党组会议，传达学习上级有关会议精神。"),
        ("p", f"{months[0]}月 12 日，{c['short']}政府召开安全生产工作会议，部署汛期安全防范工作。"),
        ("p", f"{months[1]}月5日，{c['short']}政府副{c['head']}{n[0]}带队检查{c['town']}防汛物资储备情况。"),
        ("p", f"{months[1]}月21日，{c['short']}政府召开全{c['u']}经济运行调度会议。"),
        ("p", f"{months[2]} 月 8 日，{c['short']}政府与市供电公司签订清洁取暖合作协议。"),
        ("p", f"{months[2]}月26日，{c['short']}政府召开第四次全国文物普查动员部署会议。"),
    ]
    return doc(section, "大事记", title, items, body_first=items[1][1][:16], toc_title=toc_title)
