"""POST /chat: questions in a conversation, so follow-ups ("그 행사는 어디서 열렸어?") work."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from api.deps import Service, get_service, require_read
from api.errors import responses
from api.schemas import ChatIn, ChatOut

router = APIRouter(tags=["questions"], dependencies=[Depends(require_read)])


@router.post("/chat", response_model=ChatOut, responses=responses(400, 401, 404, 409, 413, 422, 503))
async def chat(body: ChatIn, service: Service = Depends(get_service)) -> JSONResponse:
    """Ask the next question of a conversation; omit `conversation_id` to start one.

    Conversations live in this process's memory and expire `conversation_ttl_seconds` after
    their last use; an unknown or expired id is a 404 (start again without an id).
    """
    filters = body.filters.to_filters() if body.filters else None
    return JSONResponse(await service.chat(body.conversation_id, body.message, body.k, filters))
