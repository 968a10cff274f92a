"""Read a person's facts from a message: age, gender, contribution, separation, dates, hukou."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Dict, Iterable, List, Optional, Tuple

from bot.knowledge.model import CaseTerms, Term
from bot.knowledge.places import simplified
from bot.numerals import NUMBER, chinese_number, contribution_months
from bot.person.dates import read_day, without_dates
from bot.person.facts import Facts

_AGE = re.compile(rf"(?P<age>{NUMBER})\s*(?:周岁|岁)(?!以上|以下|多)")
# "超过50岁", "50岁以上", "五十多岁": older than; "不到50岁", "50岁以下", "没满50": younger.
_AGE_OVER = re.compile(
    rf"(?:超过|超了|大于|(?P<reached>过了|已过|年满|满了|已满|已经满))\s*(?P<over>{NUMBER})\s*(?:周岁|岁)?(?![年月个天号日\d])"
    rf"|(?P<over2>{NUMBER})\s*(?:周岁|岁)?(?:以上|多岁|出头)"
)
_AGE_UNDER = re.compile(
    rf"(?:不到|不满|没到|没满|未满|还没到|小于|差)\s*(?P<under>{NUMBER})\s*(?:周岁|岁)(?![年月个天号日\d])"
    rf"|(?P<under2>{NUMBER})\s*(?:周岁|岁)以下"
)
_AGE_AFTER = re.compile(
    rf"(?:年龄|今年|[男女](?:的|性)?[，,、\s]*)\s*(?P<age>{NUMBER})(?:了|周岁|岁)?(?![年月个天号日\d])"
)
_GENDER = (
    ("female", re.compile(r"(?<![子儿])女(?!儿|婿|朋友|友)")),
    ("male", re.compile(r"(?<![女])男(?!朋友|友)")),
)
# "没交满一年", "不到一年", "不足12个月": only a bound is known.
_BELOW = re.compile(
    rf"(?:还?差[^，,。]{{0,6}}满|没交满|没缴满|没满|未满|不满|不到|不足|没有满|没到|快|差不多快)"
    rf"\s*(?P<span>{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
)
_AT_LEAST = re.compile(
    rf"(?:交满|缴满|满了|超过|已满|够)\s*(?P<span>{NUMBER}\s*(?:个)?年(?:\s*(?:零|又)?\s*{NUMBER}\s*(?:个)?月)?"
    rf"|{NUMBER}\s*(?:个)?(?:年|个月|月))(?:了|以上)?"
    rf"|(?P<span2>{NUMBER}\s*(?:个)?(?:年|个月))以上"
)
# "被辞退两个月了", "失业半年了": time since leaving, not time paid.
_SINCE_LEAVING = re.compile(
    rf"(?:辞退|失业|离职|辞职|没工作|没上班|裁员|被裁|倒闭)(?:了|都|已经|快|有|差不多)*"
    rf"\s*(?:{NUMBER}|半)\s*(?:个)?(?:年|个月|月|天|周|星期)(?:多)?了?"
)
# "一个月多少钱", "每月能领多少", "多少钱一个月", "698块是一个月的还是总共的": a rate,
# not a contribution time.
_PER_MONTH = re.compile(
    r"(?:每|一)个?月(?=[^，,。？?]{0,8}(?:多少|几))|(?<=多少)(?:钱)?(?:一|每)个?月|每个?月|按月"
    r"|(?<=[元块钱])(?:是|算|指)?(?:一|每)个?月|(?:一|每)个?月的(?=还是|吗|么|呢)"
    r"|(?:一|每)个?月(?=\s*(?:就|才|能|有)?\s*\d{3,5})"
)
# "连续工作满一年", "在这家厂干了3年", "最后一份工作干了7个月", "后面这个厂8个月": time
# worked without a break (at the last employer); not "算连续满一年不" (a question).
_ASKED_AFTER = r"(?!了?(?:不|吗|么|嘛|没有?|没)(?:[，,。？?！!\s]|$))"
# "这样算满一年不": a time asked about, not told.
_ASKED_SPAN = re.compile(
    rf"(?:满|够|超过)?\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)(?=了?(?:不|吗|么|嘛|没有?|没)(?:[，,。？?！!\s]|$))"
)
# A time worked: "3年2个月", "1年半", "14个月", "半年".
_WORKED = (
    rf"{NUMBER}\s*(?:个)?年(?:半|\s*(?:零|又)?\s*{NUMBER}\s*(?:个)?月)?"
    rf"|{NUMBER}\s*(?:个)?(?:年|个月|月)|半年"
)
_CONTINUOUS = re.compile(
    rf"(?:连续|一直|连着)\s*(?:工作|干|做|上班)?了?\s*(?P<at_least>满|够|超过)?\s*(?P<span>{_WORKED}){_ASKED_AFTER}"
    rf"|(?:在|这|那|最后|上|后面|后来|现在|另|另外)\s*(?:第[一二三四五六七八九\d]|这|那|一|个)?\s*(?:家|个|份)\s*(?:单位|公司|厂|工厂|厂子|工作|活)?\s*(?:里|上)?"
    rf"\s*(?:连续|连着|一直)?\s*(?:就|只|才|一共)?\s*(?:干|做|工作|上班|待)?了?\s*(?P<at_least2>满|够|超过)?\s*(?P<span2>{_WORKED}){_ASKED_AFTER}"
)
# "一年零八个月 一直在这个厂", "3年 中间没断过": a time, then that it had no break.
_UNBROKEN = re.compile(
    rf"(?P<span>{_WORKED})[^。？?！!]{{0,8}}?"
    rf"(?:一直在(?:这个|这家|同一个|同一家|一个|那个)?(?:厂|单位|公司|厂子|工厂)|连着干|(?:中间)?没(?:有)?断过|没换过)"
)
# "if I paid 2 years", "worked there for 18 months": a time paid, in English.
_ENGLISH_PAID = re.compile(
    r"\b(?:paid|contributed|insured|worked|work(?:ing)?)\b(?:\s+(?:in|into|for|about|around|"
    r"only|just|there|it|insurance|contributions?))*\s+(?P<n>\d{1,3})\s*(?P<unit>years?|yrs?|months?)\b",
    re.IGNORECASE,
)


def _as_chinese_span(match: re.Match) -> str:
    """An English time paid ("paid 2 years") in Chinese ("交了2年")."""
    unit = "年" if match.group("unit").lower().startswith("y") else "个月"
    return f" 交了{match.group('n')}{unit} "


# "我1966年11月出生的": a birth date.
_BORN = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)?\d{2})\s*年\s*(?:(?P<month>\d{1,2})\s*月)?(?:份)?(?:\s*\d{1,2}\s*[日号])?\s*(?:出生|生的|生人|生(?=[\s，,。的]|$))"
)
# "你上面那个例子说1966年8月出生的女的…", "公司写的是个人原因": words quoted, not told.
_QUOTED = re.compile(
    r"[^，,。？?！!\s]*(?:例子|举的例|举例|指南上说|指南里说|你们指南)[^，,。？?！!\s]*"
    r"|(?:公司|单位|老板|厂里)(?:在[^，,。？?！!\s]{0,6})?(?:写的是|写了|写成|写着|说是|说我是|填的是|给我写)[^，,。？?！!\s]*"
)
# "拖了两个月工资", "欠了三个多月的工资": wages owed (a reason for leaving).
_WAGES_OWED = re.compile(
    r"(?:拖|欠|扣|压)(?:了)?\s*[\d一二三四五六七八九十两几]+\s*(?:个)?(?:多)?月(?:的)?(?:工资|薪水|薪资)"
)
# "像城镇户口那样按月领", "跟城里人一样": another kind of person compared with, not told.
_LIKE = re.compile(
    r"(?:像|跟|和|同)(?:人家)?[^，,。？?！!\s]{0,8}?(?:户口|户籍|城里人|本地人|农民工)(?:的人)?(?:那样|一样|似的|那种)"
)
# "加起来是35个月", "一共交了25个月": the total said as such outweighs the parts.
_TOTAL = re.compile(
    rf"(?:加起来|加一起|一共|总共|合计|累计)(?:是|有|交了|缴了|交|缴)?\s*(?P<span>{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
)
# One of several jobs with its time: "头一个厂11个月", "第二个厂14个月".
_JOB_SPAN = re.compile(
    rf"(?:第[一二三四五六七八九\d]|头一|前一|后一|上一|另一|下一|这一|那一|一)\s*(?:个|家|份)\s*(?:单位|公司|厂|工厂|厂子|工作|活)(?:里|上)?"
    rf"\s*(?:连续|一直|连着)?\s*(?:就|只|才|一共|又|也)?\s*(?:干|做|工作|上班|待|交)?了?\s*(?P<span>{_WORKED})"
)
# "在北仑厂里干了两年": the time at the one employer named.
_AT_ONE_EMPLOYER = re.compile(
    rf"(?:厂里|厂子里|单位里|公司里|工厂里|厂子|工厂)\s*(?:连续|一直)?\s*(?:就|只|才|一共)?\s*(?:干|做|工作|上班|待)了?\s*(?P<span>{_WORKED})"
    rf"{_ASKED_AFTER}"
)
# "我老婆说", "我老婆没失业": a relative speaking, or not the one who lost a job.
_SPEAKS = re.compile(
    r"(?:也|就|一直|总|还)?(?:说|讲|让我|叫我|劝我|骂我|问我|告诉我|没失业|没有失业|有工作|在上班|上班呢)"
)
# "辞职照顾生病的我妈": a relative the person looks after is not whose case it is
_CARED_FOR = re.compile(
    r"(?:照顾|伺候|陪|看护|照看|为了|带)(?:家里|生病的|住院的|瘫痪的|年迈的|一下)?$"
)
PERSON = "person"
SELF = "self"
# "啥2020年3月离职 啥交1个月": what the assistant got wrong, quoted back, not told.
_DISPUTED = re.compile(
    r"(?:^|(?<=[\s，,。！!？?]))(?:啥|什么)(?=[^\s，,。！!？?]{0,3}\d|[^\s，,。！!？?]{0,2}[交缴])[^\s，,。！!？?]{1,12}"
    # "啥爱人？": a word of the reply questioned
    r"|(?:^|(?<=[\s，,。！!？?]))(?:啥|什么)[^\s，,。！!？?\d]{1,4}(?=[？?！!]|$)"
    # "证明上公司写的是个人原因": what a paper says, which the person disputes
    r"|(?:证明|证明书|单位|公司)(?:上|里)?[^\s，,。！!？?]{0,6}(?:写的是|写成了?|填的是|填成了?|写了)[^\s，,。！!？?]{1,8}"
)
# "领了一年失业金": the time a benefit was received, not the time paid.
# "这个6个月是怎么算出来的": a figure of the reply asked about, not the person's
_FIGURE_ASKED = re.compile(
    rf"(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)(?:的)?(?:是|这个)?(?:怎么|咋|如何|为啥|为什么)(?:算|来|得)"
    # "24个月要领到2028年去": a time of benefit, not a time paid
    rf"|(?:{NUMBER}\s*(?:个)?(?:年|个月|月))\s*(?:要|能|可以|才能|得|会)?\s*领(?:到|满|完|的)"
    # "那我老公还是24个月对吧": a figure of an answer checked, not a time paid
    rf"|(?:还是|就是|是不是|也是|能领|可以领|领)\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)\s*(?:对吧|是吧|吗|么|对不对|没错吧|吧)"
)
_RECEIVED = re.compile(
    rf"(?:领了|领完|领满|拿了|拿完|领到)\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)(?:多)?(?:的)?"
    rf"(?:失业金|失业保险金|失业保险|补助金)?"
    # "24个月领完了还能接着领吗": a time received, not paid
    rf"|(?:{NUMBER}\s*(?:个)?(?:年|个月)|半年)(?:的)?(?:失业金|失业保险金)?(?:都)?(?:领完|领满|领到期|领了|拿完)"
)
# "我没说交1个月": a time denied.
_DENIED_SPAN = re.compile(
    rf"(?:没说|没有说|不是说|并不是|不是)(?:我)?(?:交|缴|干)?了?\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
)
# "前面一个厂10个月", "之前那家干了两年": time at an earlier employer, neither the
# total paid nor the time at the last one.
_EARLIER_JOB = re.compile(
    rf"(?:前面|之前|以前|先前|上一|第一)\s*(?:这|那|一)?\s*(?:家|个|份)\s*(?:单位|公司|厂|工厂|厂子|工作|活)?\s*(?:里|上)?"
    rf"\s*(?:就|只|才|一共)?\s*(?:干|做|工作|上班|待|交|缴)?了?\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
    # "11个月是头一个厂": the same, told the other way round
    rf"|(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)(?:是|在)(?:头一|前一|第一|上一|之前那|以前那)\s*(?:个|家|份)"
    # "前几年在老家厂里也交过半年社保": an earlier, separate time paid ("之前单位给我交了19年"
    # is the whole time: 以前/之前 alone say nothing of another job)
    rf"|(?:前几年|前些年|早几年|早些年|早年)[^，,。？?！!]{{0,12}}?(?:交过|缴过|干过|做过|交了|缴了)\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
    rf"|(?:以前|之前)[^，,。？?！!]{{0,12}}?(?:也|还|另外|老家|别的|其他|另一)[^，,。？?！!]{{0,8}}?(?:交过|缴过|干过|做过|交了|缴了)\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
)
# "失业金领完了", "领取期满": the insurance has run out.
_EXPIRED = re.compile(
    r"(?:失业金|失业保险金|保险金|待遇)(?:已经|都)?(?:领完|领满|领到期|到期|期满)|领完了|领取期满"
    # "失业金2020年6月领完的", "失业金10月份就领完了": a date between
    r"|(?:失业金|失业保险金)[^，,。？?]{0,12}?(?:就|已经|都)?(?:领完|领满|领到期|到头)"
    r"|领完(?:了)?(?:失业金|失业险|失业保险金|失业保险)"
    r"|(?:失业金|失业保险金)[^，,。？?]{0,14}(?:就没了|就没有了|就停了|就断了)"
)
# "过几个月就满60了", "满60岁以后还发吗", "领的过程中满了60": an age to come or a rule's
# threshold, not the person's age now.
_NOT_NOW = re.compile(
    # "我腊月要回老家", "过阵子打算回老家": a plan, not why the job ended
    r"(?:要|打算|准备|想|得|过阵子|过几天|过段时间|腊月|过年|年底|到时候|以后)\s*(?:就|再|也)?\s*(?:回老家|回家)|"
    rf"(?:过|再过|还有|等)\s*(?:几|一|两|半|{NUMBER})?\s*(?:个)?\s*(?:月|年|天|周|礼拜|星期)\s*(?:就|才)?(?:要|会)?"
    rf"(?:满|到)\s*{NUMBER}\s*(?:周岁|岁)?"
    rf"|(?:满|到|过|超过|过了)了?\s*{NUMBER}\s*(?:周岁|岁)?\s*(?:以后|之后|后|的话|时候|那天|那年)"
    rf"|(?:过程中|期间|中途|中间|以后|之后|将来|到时候)\s*(?:就|又|要)?\s*(?:满|到|过)了?\s*{NUMBER}\s*(?:周岁|岁)?"
    rf"|{NUMBER}\s*(?:个)?\s*(?:月|年|天|周)\s*(?:以后|之后|后)\s*(?:就|才)?(?:要|会)?(?:满|到)\s*{NUMBER}\s*(?:周岁|岁)?"
    # "辞退我的时候我还没满60岁呢，还是59岁": an age at another time
    rf"|(?:的时候|那时候|那时|当时)[^，,。？?！!]{{0,10}}?(?:还是|才|还|刚)?(?:满)?\s*{NUMBER}\s*(?:周岁|岁)[^，,。？?！!]{{0,4}}"
    rf"|(?:的时候|那时候|当时)[^，,。？?！!]{{0,10}}?(?:还没满|没满|不到|未满)\s*{NUMBER}\s*(?:周岁|岁)?"
    # "男的不是60岁以前才好领嘛": the rule's limit, not an age
    rf"|{NUMBER}\s*(?:周岁|岁)\s*(?:以前|之前|前|以内|之内)"
    # "50岁以后就不能领了": the rule's limit too
    rf"|{NUMBER}\s*(?:周岁|岁)\s*(?:以后|之后|以上)\s*(?:就|还|也|是不是|是否)?\s*(?:不能|不可以|不让|没法|能|可以|领不了|不给)"
    # "到2028年4月我就满50了": an age to come at a date
    rf"|\d{{4}}\s*年(?:\s*{NUMBER}\s*月)?[^，,。？?！!]{{0,4}}?(?:就|才)?(?:要|会)?满\s*{NUMBER}\s*(?:周岁|岁)?"
)
# "是不是也差不多3个月", "大概3个月吧": a figure guessed in a question, not a time paid.
_GUESSED = re.compile(
    # "刚刚还说好领24个月的": the months of benefit, not the time paid
    rf"(?<![交缴干做])(?:领|拿)\s*(?:{NUMBER}\s*(?:个)?月)|"
    # "厂里拖了两个月工资": wages owed, not a time paid
    rf"(?:拖|欠|扣|压)(?:了)?\s*(?:{NUMBER}\s*(?:个)?(?:多)?月)(?:的)?(?:工资|薪水|薪资|钱)|"
    # "9个月，一万二千五百五十五块，我记一下": the months of benefit told back with their total
    rf"(?:{NUMBER}\s*(?:个)?月)[，,、\s]*(?:一共|共|总共|合计)?\s*[\d一二三四五六七八九十百千万两零点.]+\s*(?:块|元)|"
    # "比一年多交了2个月": the part over a year, not the time paid
    rf"(?:比|超过|超出)(?:一年|1年|12个月)(?:多)?(?:交了?|缴了?|出)?\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
    rf"|多(?:交|缴)了?\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
    # "这2个月不多算吗": a time already spoken of, pointed at
    rf"|(?:这|那)\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
    rf"|"
    rf"(?:是不是|是否|难道|应该)(?:也|就)?(?:差不多|大概|大约|就是|只有|有|能领|能拿)?\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)"
    rf"|(?:差不多|大概|大约)\s*(?:{NUMBER}\s*(?:个)?(?:年|个月|月)|半年)\s*(?=吧|吗|么|呢|[？?])"
)
_NOT_NOW_AGE_TEXT = re.compile(
    r"(?:现在|今年|目前)(?:是|都|已经)?\s*(?P<age>\d{2})(?:了|啊|呀|岁)?(?![年月个天号日\d])"
)
_NOT_EXPIRED = re.compile(
    r"(?:没|未|没有|还没|还没有)(?:领完|领满|到期)"
    # "失业金我没领过": never received it, so it did not run out
    r"|(?:没|未|没有|从没|从来没|从来没有|都没)(?:领过|领取过|拿过|申领过|享受过)(?:失业金|失业保险金|失业保险)"
    r"|(?:没|没有|未|从没|当时没|那时没)(?:去)?(?:领|申请|申领)(?:过)?(?:失业金|失业保险金)"
    r"|(?:啥|什么|啥都|什么都|啥也|什么也)(?:都|也)?(?:没)(?:申请|领|申领|办)过"
    r"|(?:失业金|失业保险金)(?:我)?(?:一分|一分钱|一天|一次)?(?:都|也)?(?:没|没有|从没|从来没)"
    r"(?:领过|拿过|领取过|申请过)"
)
# "不是辞职" / "没有被辞退": a phrase with one of these just before it is denied.
_NEGATION = ("不", "没", "非", "未")


@dataclass(frozen=True)
class Told:
    """What one message tells: the facts and whose case (a ``person`` value, if named)."""

    facts: Facts
    person: Optional[str] = None


class FactReader:
    """Reads facts from text with the vocabulary of ``case_terms.yml``."""

    def __init__(self, terms: CaseTerms) -> None:
        self.tables: Dict[str, List[Tuple[str, str]]] = {
            fact: _phrases(table) for fact, table in terms.facts().items()
        }
        self.vague = {
            value for table in terms.facts().values() for value, term in table.items() if term.vague
        }
        self.answers: Dict[str, Tuple[str, ...]] = {
            value: tuple(term.answers or ())
            for table in terms.facts().values()
            for value, term in table.items()
            if term.vague
        }

    def read(self, text: str, today: date, entities: Iterable[Tuple[str, str]] = ()) -> Told:
        """The facts and the person ``text`` names; entity values fill what the text misses."""
        text = simplified(text)
        text = _ENGLISH_PAID.sub(_as_chinese_span, text)
        born = _born_age(text, today)
        said = text
        text = _NOT_NOW.sub(" ", _DISPUTED.sub(" ", _QUOTED.sub(" ", _LIKE.sub(" ", text))))
        found = {name: value for name, value in entities if value}
        # "厂里拖了两个月工资": wages owed, whatever the months
        text = _WAGES_OWED.sub("拖欠工资", text)
        words = {
            # "合同11月25号到期": the words of a term around a date are the term
            fact: self.term(fact, text)
            or self.term(fact, without_dates(text).replace(" ", ""))
            or self._entity(fact, found, said)
            for fact in self.tables
        }
        spans = _PER_MONTH.sub(" ", _SINCE_LEAVING.sub(" ", without_dates(text)))
        spans = _FIGURE_ASKED.sub(" ", _RECEIVED.sub(" ", spans))
        spans = _ASKED_SPAN.sub(" ", _EARLIER_JOB.sub(" ", _DENIED_SPAN.sub(" ", spans)))
        spans = _GUESSED.sub(" ", spans)
        jobs = list(_JOB_SPAN.finditer(spans))
        jobs_sum = None
        if len(jobs) > 1:
            # "头一个厂11个月，第二个厂14个月": the last job is the time without a break,
            # and the time paid is their sum unless a total is told beside them
            continuous, continuous_at_least = _span_months(jobs[-1].group("span")), None
            jobs_sum = sum(_span_months(job.group("span")) or 0 for job in jobs)
            for job in jobs:
                spans = spans.replace(job.group(0), " ")
        else:
            continuous, continuous_at_least, spans = _continuous(spans)
        below, at_least, masked = _bounds(spans)
        total = _TOTAL.search(masked)
        months = contribution_months(total.group("span") if total else masked)
        if months is None and jobs_sum:
            months = jobs_sum
        age_over, age_under = _age_bounds(text)
        age = _age(text) if age_over is None and age_under is None else None
        facts = Facts(
            # "1977年1月出生的 50岁以后就不能领了": the birth date outweighs an age spoken of
            age=born if born is not None and age_over is None and age_under is None else age,
            age_over=age_over,
            age_under=age_under,
            gender=_gender(text, found.get("gender"), kin=words["person"] not in (None, SELF)),
            contribution_months=months,
            contribution_below=below if months is None else None,
            contribution_at_least=at_least if months is None else None,
            continuous_months=continuous,
            continuous_at_least=continuous_at_least,
            separation=words["separation"],
            left_on=read_day(text, today),
            insurance_expired=_expired(text),
            hukou=words["hukou"],
            work_kind=words["work_kind"],
        )
        return Told(facts=facts, person=words["person"])

    def _entity(self, fact: str, found: Dict[str, str], text: str) -> Optional[str]:
        """An entity's value, unless the text has its phrase only denied ("能不能回老家")."""
        value = found.get(fact)
        if value is None:
            return None
        if fact in self.tables and value not in {v for _, v in self.tables[fact]}:
            # an entity the model cut out but no phrase names ("合同"): not a value
            return None
        phrases = [phrase for phrase, v in self.tables.get(fact, ()) if v == value]
        if any(phrase in text for phrase in phrases):
            return None
        return value

    def term(self, fact: str, text: str) -> Optional[str]:
        """The value of the longest phrase of ``fact`` in ``text`` that is not denied.

        A vague value ("辞职") gives way to a specific one anywhere in the text
        ("因为调岗辞职了"); two vague ones that leave one answer open decide it ("公司搬迁，
        我就辞职了": of the relocation's answers, only the one where the person resigned).
        """
        found = [value for phrase, value in self.tables[fact] if _said(phrase, text)]
        if fact == PERSON:
            # whose case: the person named last ("我自己的我打电话问，我再帮我朋友问下": the
            # friend; "是我自己被辞退的，我老婆没失业": the user); a relative who only says
            # or asks something ("我老婆说") is not whose case it is
            named = [
                (text.rfind(phrase), value)
                for phrase, value in self.tables[fact]
                if _said(phrase, text) and not _only_speaks(phrase, text)
            ]
            return max(named)[1] if named else None
        specific = [value for value in found if value not in self.vague]
        if specific:
            return specific[0]
        vague = list(dict.fromkeys(found))
        if len(vague) > 1:
            shared = set(self.answers.get(vague[0], ()))
            for value in vague[1:]:
                shared &= set(self.answers.get(value, ()))
            if len(shared) == 1:
                return shared.pop()
        return (found or [None])[0]


def _only_speaks(phrase: str, text: str) -> bool:
    """Whether every mention of ``phrase`` is someone saying, asking or not affected."""
    start = text.find(phrase)
    while start >= 0:
        after = text[start + len(phrase) : start + len(phrase) + 4]
        before = text[max(0, start - 6) : start]
        if not _SPEAKS.match(after) and not _CARED_FOR.search(before):
            return False
        start = text.find(phrase, start + 1)
    return True


def _said(phrase: str, text: str) -> bool:
    """Whether ``phrase`` is in ``text`` somewhere not denied ("不是辞职")."""
    start = text.find(phrase)
    while start >= 0:
        # "不对 我妈是交了18年": a correction opens, nothing is denied
        before = text[max(0, start - 3) : start].replace("不对", "")
        if not any(word in before for word in _NEGATION):
            return True
        start = text.find(phrase, start + 1)
    return False


def _phrases(table: Dict[str, Term]) -> List[Tuple[str, str]]:
    pairs = [(phrase, value) for value, term in table.items() for phrase in term.phrases]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _expired(text: str) -> Optional[bool]:
    if _NOT_EXPIRED.search(text):
        return False
    return True if _EXPIRED.search(text) else None


def _age_bounds(text: str) -> Tuple[Optional[int], Optional[int]]:
    """An age told only as a bound: (older than, younger than)."""
    over = under = None
    match = _AGE_OVER.search(text)
    if match:
        value = chinese_number(match.group("over") or match.group("over2"))
        over = int(value) if value is not None and 14 <= value <= 100 else None
        if over is not None and match.group("reached"):
            over -= 1  # "年满60" is 60 or more
    match = _AGE_UNDER.search(text)
    if match:
        value = chinese_number(match.group("under") or match.group("under2"))
        under = int(value) if value is not None and 14 <= value <= 100 else None
    return over, under


def _span_months(span: str) -> Optional[int]:
    return 6 if span == "半年" else contribution_months(span)


def _born_age(text: str, today: date) -> Optional[int]:
    """The age from a birth date ("我1966年11月出生的"): years since, less one before the month."""
    match = _BORN.search(text)
    if not match:
        return None
    year, month = int(match.group("year")), match.group("month")
    if year < 100:
        # "71年3月生的": the century before today's two digits, else this one
        year += 2000 if year <= today.year % 100 else 1900
    age = today.year - year - (1 if month and int(month) > today.month else 0)
    return age if 14 <= age <= 100 else None


# "一直交的", "社保都交了": paid for the whole time worked
_PAID_THROUGHOUT = re.compile(
    r"一直(?:都)?(?:在)?(?:交|缴)|(?:社保|保险)?都(?:交|缴)了|(?:交|缴)着的?"
)


def _continuous(text: str) -> Tuple[Optional[int], Optional[int], str]:
    """Time worked without a break (exact, or at least), and the text without it.

    "在厂里干了两年" (one employer, no other job named) is both the time worked without a
    break and the time paid: the text keeps it.
    """
    match = _CONTINUOUS.search(text)
    unbroken = _UNBROKEN.search(text) if not match else None
    if unbroken is not None:
        # "一年零八个月 连着干的没断过": the time said, without a break; it was paid too
        return _span_months(unbroken.group("span")), None, text
    if not match:
        one = _AT_ONE_EMPLOYER.search(text)
        if one is None:
            return None, None, text
        months = 6 if one.group("span") == "半年" else contribution_months(one.group("span"))
        return months, None, text
    months = contribution_months(match.group("span") or match.group("span2") or "")
    if match.group("span") in ("半年",) or match.group("span2") in ("半年",):
        months = 6
    # "在那个厂连着干了3年2个月", "连着干了3年 一直交的": the time paid too
    bound = match.group("at_least") or match.group("at_least2")
    paid_throughout = not bound and (match.group("span2") or _PAID_THROUGHOUT.search(text))
    rest = text if paid_throughout else text.replace(match.group(0), " ")
    if match.group("at_least") or match.group("at_least2"):
        return None, months, rest
    return months, None, rest


def _age(text: str) -> Optional[int]:
    match = _AGE.search(text) or _AGE_AFTER.search(text)
    if not match:
        return None
    value = chinese_number(match.group("age"))
    return int(value) if value is not None and 14 <= value <= 100 else None


# Kin words that tell the gender of the person asked about ("我妈56岁").
_KIN_GENDER = (
    # not a way of addressing the assistant ("谢了啊老弟", "大姐你好")
    (
        "female",
        re.compile(
            r"妈|母亲|老婆|妻子|媳妇|太太|女儿|(?<![大老])姐(?!妹)|(?<!姐)妹|婆婆|岳母|奶奶|外婆"
        ),
    ),
    ("male", re.compile(r"爸|父亲|老公|丈夫|儿子|(?<![大老])哥|(?<![老兄])弟|岳父|爷爷|外公")),
)


def _gender(text: str, entity: Optional[str], kin: bool = False) -> Optional[str]:
    """The gender told.

    A kin word ("我妈") tells it only of a relative whose case it is ("去女儿家" says
    nothing of the user).
    """
    for value, pattern in (*_GENDER, *(_KIN_GENDER if kin else ())):
        if pattern.search(text):
            return value
    # a bare 女/男 from the model is not enough: it finds 女 in "女儿家" too
    if entity in ("女性", "女的"):
        return "female"
    if entity in ("男性", "男的"):
        return "male"
    return None


def _bounds(text: str) -> Tuple[Optional[int], Optional[int], str]:
    """A lower or upper contribution bound, and the text without the bounded spans."""
    below = at_least = None
    match = _BELOW.search(text)
    if match:
        below = contribution_months(match.group("span"))
        text = text.replace(match.group(0), " ")
    match = _AT_LEAST.search(text)
    if match:
        at_least = contribution_months(match.group("span") or match.group("span2"))
        text = text.replace(match.group(0), " ")
    return below, at_least, text
