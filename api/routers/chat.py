"""POST /chat: questions in a conversation, so follow-ups ("그 행사는 어디서 열렸어?") work."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse

from api.deps import AppState, get_state, require_read
from api.routers.ask import check_question
from api.schemas import ChatIn, ChatOut

router = APIRouter(tags=["questions"], dependencies=[Depends(require_read)])


@router.post("/chat", response_model=ChatOut)
def chat(body: ChatIn, state: AppState = Depends(get_state)) -> JSONResponse:
    """Ask the next question of a conversation; omit `conversation_id` to start one.

    Conversations live in this process's memory and expire `conversation_ttl_seconds` after
    their last use; an unknown or expired id is a 404 (start again without an id).
    """
    message = check_question(body.message, state, field="message")
    if body.conversation_id:
        entry = state.conversations.get(body.conversation_id)
        if entry is None:
            raise HTTPException(
                404,
                f"conversation {body.conversation_id!r} is unknown or has expired; "
                "start a new one by sending the message without conversation_id",
            )
    else:
        entry = state.conversations.create()
    filters = body.filters.to_filters() if body.filters else None
    with entry.lock:
        answer = state.assistant.ask(message, k=body.k, filters=filters, conversation=entry.conversation)
    state.conversations.touch(entry)
    return JSONResponse({**answer.as_dict(), "conversation_id": entry.conversation.id})
