"""Word lists that more than one part of question analysis reads."""

from __future__ import annotations

KO_QUESTION_WORDS = frozenset(
    "누구 누가 누군 어디 어딘 어느 언제 며칠 몇 얼마 얼마나 무엇 뭐 뭔 무얼 무슨 어떤 어떻 어떻게 왜".split()
)
EN_STOPWORDS = frozenset(
    """a an the and or but if then than so of in on at to for from by with about as into onto over under
    after before between through during since until up down out off again also too very just only
    is are was were be been being am do does did done doing have has had having will would shall
    should can could may might must i me my we our you your he him his she her they them their it its
    this that these those there here what which who whom whose when where why how many much
    tell please name list give show find know let us any some all each every other such no not nor
    own same more most both either neither one ones yet still already ever s""".split()
)
EN_AUX = frozenset(
    "is are was were be been am do does did will would shall should can could may might must has have had".split()
)
EN_NOT_ENTITY = frozenset(
    """I HQ CEO CEOs CFO COO CTO MOU MoU CEO's January February March April May June July August
    September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
