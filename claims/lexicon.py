"""Small closed-class vocabularies of Japanese: speech verbs, event nouns, hedges, predicate classes.

These describe the language, not any event or person.
"""
from __future__ import annotations

import re

SPEECH = {
    "述べる": "say", "語る": "say", "話す": "say", "言う": "say", "発言": "say", "言明": "say", "断言": "say",
    "発表": "announce", "表明": "announce", "明らか": "announce", "公表": "announce", "声明": "announce",
    "強調": "say", "指摘": "say", "説明": "say", "主張": "say", "認める": "confirm", "確認": "confirm",
    "記す": "write", "投稿": "write", "書き込む": "write", "つづる": "write", "ツイート": "write",
    "唱える": "say", "誇示": "say", "示唆": "suggest", "非難": "criticize", "批判": "criticize",
    "要請": "request", "求める": "request", "同意": "agree", "否定": "deny", "示す": "indicate",
    "評価": "say", "振り返る": "say", "コメント": "say", "たたえる": "say", "明かす": "say", "呼びかける": "request", "訴える": "say", "述懐": "say", "反論": "deny", "警告": "say",
    # more verbs that report words: 「…」と語り掛けた, と陳謝した, と答えた, と明言した
    "語り掛ける": "say", "語りかける": "say", "陳謝": "say", "謝罪": "say", "宣言": "announce",
    "言い切る": "say", "表現": "say", "答える": "say", "力説": "say", "明言": "say", "誓う": "say",
    "叫ぶ": "say", "漏らす": "say", "打ち明ける": "say", "吐露": "say", "言及": "say", "報告": "announce",
    "答弁": "say", "回答": "say", "発信": "write", "あいさつ": "say", "挨拶": "say", "締めくくる": "say",
    "祝福": "say", "称賛": "say", "応ずる": "say", "切り返す": "say", "喜ぶ": "say", "意気込む": "say",
    "述べ立てる": "say", "言い添える": "say", "付け加える": "say", "語り合う": "say", "激励": "say",
}
# verbs that report words only right after a quotation (「…」と返した, 「…」と応じた, 「…」と笑った):
# elsewhere they return things, accept offers, laugh
QUOTE_SPEECH = {"返す": "say", "応じる": "say", "笑う": "say", "言い放つ": "say", "公言": "say", "嘆く": "say",
                "名付ける": "say", "命名": "say", "胸を張る": "say", "張る": "say", "締めくくる": "say"}
EVENTS = {
    "電話会談": "call", "電話協議": "call", "電話": "call", "会談": "meeting", "首脳会談": "meeting",
    "会合": "meeting", "首脳会議": "meeting", "サミット": "meeting", "協議": "talks", "会見": "press",
    "記者会見": "press", "訪問": "visit", "地震": "earthquake", "津波": "tsunami", "選挙": "election",
    "大統領選": "election", "演説": "speech", "開催": "meeting", "総裁選": "election", "総選挙": "election",
    "投開票": "election", "投票": "election", "夕食会": "dinner", "晩餐会": "dinner", "ワーキングディナー": "dinner",
    "式典": "ceremony", "会議": "meeting", "決勝": "final", "決勝戦": "final", "試合": "match",
    "事故": "accident", "衝突": "accident", "打ち上げ": "launch", "打ち上げる": "launch", "発射": "launch", "着陸": "landing", "発売": "release",
}
EVENT_CLASSES = set(EVENTS.values())
# one measure under other words (観衆 / 観客数 / 来場者; 死者 / 犠牲者): the key of a figure is its class
MEASURES = {
    **{w: "audience" for w in ("観衆", "観客", "観客数", "来場者", "来場者数", "入場者", "入場者数", "観客動員",
                               "動員数", "来場数", "入場数")},
    **{w: "dead" for w in ("死者", "死者数", "死亡者", "死亡者数", "犠牲者", "犠牲者数")},
    **{w: "injured" for w in ("負傷者", "負傷者数", "けが人", "重軽傷者", "負傷")},
    **{w: "missing" for w in ("行方不明者", "不明者", "安否不明者")},
    **{w: "votes" for w in ("得票", "得票数", "獲得票", "票数")},
    **{w: "turnout" for w in ("投票率",)},
    **{w: "seats" for w in ("議席", "議席数", "獲得議席")},
    **{w: "revenue" for w in ("売上高", "売上", "売り上げ", "売上収益", "営業収益", "売上げ")},
    **{w: "net_profit" for w in ("純利益", "最終利益", "当期純利益", "最終損益", "純損益")},
    **{w: "weight" for w in ("重さ", "重量", "質量")},
    **{w: "height" for w in ("高さ", "全高")},
    **{w: "participants" for w in ("参加者", "参加者数", "出席者", "出席者数")},
}
# the stages of one process: a date or place of one stage is not one of another (a law passed on the
# 8th and in force from the 17th; an expo opened in April and closed in October)
PHASES = (
    ({"開幕", "開会", "開始", "始まる", "スタート", "幕開け"}, {"閉幕", "閉会", "終了", "終わる", "終える", "幕を閉じる"}),
    ({"提出", "提案", "上程"}, {"可決", "成立"}, {"公布"}, {"施行"}),
    ({"着工"}, {"完成", "竣工", "完工"}, {"開通", "開業", "供用"}),
    ({"発生", "出火"}, {"鎮圧"}, {"鎮火"}),
    ({"提訴", "起訴"}, {"初公判"}, {"結審"}, {"判決"}),
    ({"就任"}, {"退任", "辞任", "退陣", "辞職"}),
    ({"launch", "打ち上げ", "打ち上げる", "発射", "離陸", "出発"}, {"landing", "着陸", "到着", "着水"}),
    ({"入院"}, {"退院"}),
    ({"逮捕"}, {"釈放", "保釈"}),
)
_PHASE_OF = {w: (n, k) for n, process in enumerate(PHASES) for k, stage in enumerate(process) for w in stage}


def phase(head: str, args: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """The stage a value is of: its predicate's, else the one stage its words name (閉幕の日)."""
    if head in _PHASE_OF:
        return _PHASE_OF[head]
    named = {_PHASE_OF[w] for w in args if w in _PHASE_OF}
    return named.pop() if len(named) == 1 else None


def other_phase(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Two stages of one process (成立 and 施行, 開幕 and 閉幕)."""
    return bool(a and b) and a[0] == b[0] and a[1] != b[1]
# classes that can name the same occurrence
EVENT_COMPATIBLE = {frozenset({"call", "talks"}), frozenset({"meeting", "talks"}), frozenset({"call", "meeting"})}
PREDICATE_CLASS = {
    "開始": "start", "始める": "start", "始まる": "start", "着手": "start",
    "合意": "agree", "一致": "agree", "同意": "agree",
    "招待": "invite", "招請": "invite", "招く": "invite",
    "支持": "support", "支援": "support", "反対": "oppose", "拒否": "oppose", "認める": "accept",
    "解放": "release", "釈放": "release", "訪れる": "visit", "訪問": "visit", "出席": "attend",
    "参加": "attend", "指示": "instruct", "発生": "occur", "起きる": "occur", "発表": "announce",
    "観測": "observe", "登板": "pitch", "出場": "play", "優勝": "win", "勝利": "win", "敗れる": "lose", "命名": "name", "名付ける": "name", "切り替える": "switch", "切り替わる": "switch",
    "格上げ": "upgrade", "引き下げる": "downgrade", "公表": "announce", "公開": "announce", "到着": "arrive", "到着する": "arrive", "会う": "meet", "出発": "depart", "設置": "set_up", "開設": "set_up", "解除": "lift", "要請": "request",
    "死亡": "die", "亡くなる": "die", "辞任": "resign", "就任": "take_office", "選出": "elect",
}
HEDGES = ("可能性", "見通し", "とみられる", "と見られる", "だろう", "かもしれない", "模様", "予定", "見込み",
          "恐れ", "おそれ", "ようだ", "らしい", "推定", "候補", "想定", "検討", "計画", "意向", "方針")
PLANNED = ("予定", "計画", "見通し", "方針", "意向", "候補", "想定", "検討", "見込み", "早期実現", "早期開催", "へ")
NOT_HELD = ("のみ", "未定", "見送", "中止", "延期", "なかった", "されず", "実現しなかった")
ATTRIBUTION = ("によると", "によれば", "調べ", "調査では", "発表では", "統計", "出典", "集計", "世論調査",
               "速報では", "調査結果では")  # 出口調査速報では: a named poll, as 調査では
NEGATORS = {"ない", "ず", "ぬ", "ん", "ません", "なし", "無い"}
# an obligation is no negation: 選挙をしなければならない, 実施しなくてはならない, 従わねばならない
OBLIGATION = re.compile(r"^(?:し|さ|せ)?(?:なければ|なくては|なくちゃ|なきゃ|ねば|ないと)(?:なら|いけ|だめ|ダメ)")
STOP_KEYWORDS = {"こと", "もの", "ため", "よう", "これ", "それ", "同日", "今回", "一方", "ほか", "など", "場合",
                 "氏", "大統領", "首脳", "両国", "両者", "日", "年", "月", "方針", "考え", "必要", "可能性"}
# nouns that name where something is or happened: "震源は X", "X を震源とする", "会場は X"
PLACE_ATTRIBUTES = ("震源", "震央", "会場", "開催地", "会談場所", "開催場所", "発生場所", "現場", "本部", "拠点")
# nouns that stand for a clause rather than a thing (…ことを認めた)
FORMAL_NOUNS = {"こと", "もの", "の", "ため", "よう", "ところ", "わけ", "点"}
# a place name that begins an organisation's name is not a place of the story: 東京新聞, 大阪ガス, 北海道電力
ORG_SUFFIXES = ("新聞", "日報", "日日", "民報", "放送", "テレビ", "ガス", "電力", "銀行", "信金", "証券", "製薬",
                "商事", "物産", "電鉄", "鉄道", "通信", "タイムズ", "ポスト", "ジャーナル", "大学", "工業", "重工",
                "製鉄", "自動車", "ホールディングス", "球団", "FC", "エフシー")
# wire services and bureaus named in datelines: 【ワシントン=共同】, 〔ロンドン時事〕, （ニューヨーク=ロイター）
WIRES = ("共同", "時事", "ロイター", "AFP", "AP", "ブルームバーグ", "新華社", "聯合", "EFE", "dpa", "UPI")
# predicates that state an outcome on an axis, with its sign: 維持 (+) and 割り込む (−) answer one
# question about the same thing; a negated predicate flips its sign (届かない is −)
POLARITY = {
    **{w: ("outcome", "+") for w in ("成功", "達成", "実現", "届く", "果たす", "成し遂げる", "クリア")},
    **{w: ("outcome", "-") for w in ("失敗", "逃す", "頓挫", "挫折", "破綻", "力尽きる")},
    **{w: ("win", "+") for w in ("勝つ", "勝利", "優勝", "受賞", "当選", "制する", "獲得", "快勝", "圧勝")},
    **{w: ("win", "-") for w in ("敗れる", "負ける", "敗北", "落選", "敗退", "惜敗")},
    **{w: ("outcome", "+") for w in ("維持", "確保", "保つ")},  # 過半数を維持 answers 過半数に届いたか
    **{w: ("outcome", "-") for w in ("割る", "割り込む", "失う", "明け渡す", "手放す")},
    **{w: ("rise", "+") for w in ("上回る", "超える", "増える", "増加", "上昇", "値上がり", "引き上げる", "引き上げ",
                                  "上方修正", "増配", "拡大", "伸びる", "増収", "増益", "上げる", "増やす")},
    **{w: ("rise", "-") for w in ("下回る", "減る", "減少", "下落", "値下がり", "引き下げる", "引き下げ", "下方修正",
                                  "減配", "縮小", "落ち込む", "減収", "減益", "下げる", "減らす")},
    **{w: ("rise", "0") for w in ("据え置く", "据え置き", "横ばい")},
    **{w: ("happen", "+") for w in ("実施", "開催", "稼働", "開始", "実行", "着手", "踏み切る", "決行", "発表", "公表",
                                    "発令", "発生", "行う")},
    **{w: ("happen", "-") for w in ("見送る", "中止", "断念", "延期", "見合わせる", "取りやめる", "先送り", "見送り")},
    **{w: ("attend", "+") for w in ("出席", "出廷", "参加", "出場", "参列", "列席", "臨席")},
    **{w: ("attend", "-") for w in ("欠席", "欠場", "不参加")},
    **{w: ("support", "+") for w in ("歓迎", "支持", "賛成", "賛同")},
    **{w: ("support", "-") for w in ("反対", "反発", "非難")},
    **{w: ("continue", "+") for w in ("継続", "続ける", "存続")},
    **{w: ("continue", "-") for w in ("解消", "打ち切る", "撤回", "白紙")},
    **{w: ("outcome", "+") for w in ("達する", "合意")},
    **{w: ("outcome", "-") for w in ("お預け", "決裂", "頓挫")},
    **{w: ("respond", "+") for w in ("応じる", "応ずる", "答える", "回答", "コメント", "表明", "認める")},
    **{w: ("respond", "-") for w in ("控える", "拒否", "拒む", "避ける", "否定", "黙る", "口を閉ざす")},
}

# an act named by its opposite (欠席 is 出席 not done) or by another word for it (参列 is 出席): the
# act's key and, for an opposite, its sign flipped
ACT_OPPOSITE = {"欠席": "出席", "欠場": "出場", "不参加": "参加", "不出馬": "出馬", "不起訴": "起訴", "否決": "可決",
                "敗訴": "勝訴", "不採択": "採択", "不承認": "承認", "非公開": "公開", "非公表": "公表", "未公表": "公表"}
ACT_SAME = {"参列": "出席", "列席": "出席", "臨席": "出席"}

# acts that did or did not happen, whatever the verb: 来日は見送られ (来日 −) against 来日し (来日 +).
# A verb of NOT_DONE says its subject or object noun did not happen; a light verb (会見を開く, 回収命令
# を出す, インタビューに応じる) says its verbal noun did, unless negated; a verbal noun used as the
# predicate (来日し, 出席した) is the act itself.
NOT_DONE = {"見送る", "見送り", "見合わせる", "取りやめる", "断念", "逃す", "避ける", "控える", "拒む", "拒否",
            "免れる", "お預け", "回避", "失敗", "見送", "持ち越す", "持ち越し", "先送り", "延期", "中止", "撤回"}
LIGHT_VERBS = {"する", "行う", "開く", "出す", "果たす", "応じる", "応ずる", "踏み切る", "臨む", "実施", "成功",
               "実現", "決める", "下す", "遂げる", "受ける", "迎える", "発令", "発出"}
# column headers that name no measure: a key–value table's 項目 | 内容 (the row's label is the key)
GENERIC_HEADERS = {"項目", "内容", "詳細", "値", "データ", "概要", "備考", "説明", "数値", "情報", "要点", "ポイント",
                   "区分", "種別", "事項", "一覧", "結果", "主な", "主要", "基本"}
