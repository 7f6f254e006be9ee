"""POST /ask: one question, one answer with verbatim citations (the CLI's `--json` shape)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from api.deps import Service, get_service, require_read
from api.errors import responses
from api.schemas import AnswerOut, AskIn

router = APIRouter(tags=["questions"], dependencies=[Depends(require_read)])


@router.post("/ask", response_model=AnswerOut, responses=responses(400, 401, 409, 413, 422, 503))
async def ask(body: AskIn, service: Service = Depends(get_service)) -> JSONResponse:
    """Answer a question in Korean or English, with the supporting sentences quoted verbatim.

    At most `answer_workers` questions are answered at once and `answer_queue` more wait; beyond
    that, or after `answer_wait_seconds` of waiting, the answer is a 503 with `Retry-After`.
    """
    filters = body.filters.to_filters() if body.filters else None
    # exactly the CLI's JSON (`message` only when there is one)
    return JSONResponse(await service.ask(body.question, body.k, filters))
