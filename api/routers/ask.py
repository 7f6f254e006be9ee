"""POST /ask: one question, one answer with verbatim citations (the CLI's `--json` shape)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse

from api.deps import AppState, get_state, require_read
from api.schemas import AnswerOut, AskIn

router = APIRouter(tags=["questions"], dependencies=[Depends(require_read)])


def check_question(text: str, state: AppState, field: str = "question") -> str:
    """The question as the assistant gets it; too long or empty is a 422 with a reason."""
    limit = state.settings.max_question_chars
    if len(text) > limit:
        raise HTTPException(422, f"the {field} is too long ({len(text)} characters; the limit is {limit})")
    if not text.strip():
        raise HTTPException(422, f"the {field} is empty")
    return text


@router.post("/ask", response_model=AnswerOut)
def ask(body: AskIn, state: AppState = Depends(get_state)) -> JSONResponse:
    """Answer a question in Korean or English, with the supporting sentences quoted verbatim."""
    question = check_question(body.question, state)
    filters = body.filters.to_filters() if body.filters else None
    # exactly the CLI's JSON (`message` only when there is one)
    return JSONResponse(state.assistant.ask(question, k=body.k, filters=filters).as_dict())
