// pressqa chat page: POST /chat with the conversation id, citations with highlighted spans, and a
// release panel (#release/{id}?start=..&end=..) showing the cleaned text with the quote marked.
// Every piece of release text goes in through textContent / text nodes, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const form = $("askform");
  const question = $("question");
  const sendButton = $("send");
  const panel = $("panel");
  const KEY_STORE = "pressqa.apiKey";

  let conversationId = null;
  let apiKey = sessionStorage.getItem(KEY_STORE) || "";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  class HttpError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    if (apiKey) opts.headers["Authorization"] = "Bearer " + apiKey;
    if (opts.json !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
    }
    const response = await fetch(path, opts);
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      if (response.status === 401) showKeyBox(true);
      const detail = data && typeof data.detail === "string" ? data.detail : response.statusText;
      throw new HttpError(response.status, detail);
    }
    return data;
  }

  // --- status and API key -------------------------------------------------------------------

  function showKeyBox(needed) {
    $("keybox").hidden = !needed;
    if (needed) $("apikey").focus();
  }

  $("keyform").addEventListener("submit", (event) => {
    event.preventDefault();
    apiKey = $("apikey").value.trim();
    sessionStorage.setItem(KEY_STORE, apiKey);
    $("apikey").value = "";
    showKeyBox(false);
    loadStatus();
  });

  async function loadStatus() {
    try {
      const health = await api("health");
      const status = health.index
        ? `보도자료 ${health.counts.releases}건 · 색인 세대 ${health.generation} · ${health.model}`
        : "아직 색인이 없습니다 (POST /releases 또는 pressqa index sync)";
      $("status").textContent = status;
      if (health.auth && health.auth.read && !apiKey) showKeyBox(true);
      if (health.limits) question.maxLength = health.limits.max_question_chars;
    } catch (error) {
      $("status").textContent = "서버에 연결할 수 없습니다: " + error.message;
    }
  }

  // --- rendering ----------------------------------------------------------------------------

  // Append `text` (which starts at absolute offset `base`) to `parent`, wrapping the absolute
  // ranges `spans` in <mark class="cls">. Overlapping or out-of-range spans are clipped.
  function appendMarked(parent, text, base, spans, cls) {
    const ranges = (spans || [])
      .map(([s, e]) => [Math.max(0, s - base), Math.min(text.length, e - base)])
      .filter(([s, e]) => s < e)
      .sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [s, e] of ranges) {
      if (e <= pos) continue;
      const from = Math.max(s, pos);
      if (from > pos) parent.appendChild(document.createTextNode(text.slice(pos, from)));
      parent.appendChild(el("mark", cls, text.slice(from, e)));
      pos = e;
    }
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function releaseLink(citation) {
    const params = new URLSearchParams({ start: citation.start, end: citation.end });
    const spans = (citation.highlights || []).map(([s, e]) => `${s}-${e}`).join(",");
    if (spans) params.set("hl", spans);
    return `#release/${encodeURIComponent(citation.release_id)}?${params}`;
  }

  function renderCitation(citation, index) {
    const item = el("li", "citation");
    const head = el("div", "citation-head");
    head.appendChild(el("span", "num", `[${index + 1}]`));
    head.appendChild(el("strong", "title", citation.title || citation.source));
    if (citation.date) head.appendChild(el("span", "date", citation.date));
    item.appendChild(head);
    const quote = el("blockquote", "quote");
    appendMarked(quote, citation.quote, citation.start, citation.highlights, "hl");
    item.appendChild(quote);
    const foot = el("div", "citation-foot");
    foot.appendChild(el("span", "source", citation.source));
    const link = el("a", "open", "원문에서 보기 · open release");
    link.href = releaseLink(citation);
    foot.appendChild(link);
    item.appendChild(foot);
    return item;
  }

  function renderAnswer(bubble, data) {
    bubble.replaceChildren();
    bubble.classList.remove("pending");
    const main = el("p", data.answerable ? "answer-text" : "answer-text abstain");
    main.textContent = data.answerable ? data.answer : data.message || "보도자료에서 답을 찾지 못했습니다.";
    bubble.appendChild(main);
    const meta = data.answerable
      ? `${data.type} · 신뢰도 ${Number(data.confidence).toFixed(2)}`
      : data.citations.length ? "가장 가까운 문장 · closest passages" : "";
    if (meta) bubble.appendChild(el("p", "meta", meta));
    if (data.citations.length) {
      const list = el("ol", "citations");
      data.citations.forEach((c, i) => list.appendChild(renderCitation(c, i)));
      bubble.appendChild(list);
    }
  }

  function renderError(bubble, message) {
    bubble.replaceChildren(el("p", "error", message));
    bubble.classList.remove("pending");
  }

  function addTurn(text) {
    const turn = el("li", "turn");
    turn.appendChild(el("div", "bubble user", text));
    const bubble = el("div", "bubble bot pending", "답을 찾는 중…");
    turn.appendChild(bubble);
    log.appendChild(turn);
    turn.scrollIntoView({ block: "end" });
    return bubble;
  }

  // --- asking -------------------------------------------------------------------------------

  async function chat(message) {
    const body = { message };
    if (conversationId) body.conversation_id = conversationId;
    try {
      return await api("chat", { method: "POST", json: body });
    } catch (error) {
      if (error.status === 404 && conversationId) {
        conversationId = null; // expired: start a new conversation with the same question
        return await api("chat", { method: "POST", json: { message } });
      }
      throw error;
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) return;
    question.value = "";
    sendButton.disabled = true;
    const bubble = addTurn(text);
    try {
      const data = await chat(text);
      conversationId = data.conversation_id;
      renderAnswer(bubble, data);
    } catch (error) {
      renderError(bubble, "오류 · error: " + error.message);
    } finally {
      sendButton.disabled = false;
      question.focus();
    }
  });

  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  $("newchat").addEventListener("click", () => {
    conversationId = null;
    log.replaceChildren();
    question.focus();
  });

  // --- release panel ------------------------------------------------------------------------

  function parseHash() {
    const match = location.hash.match(/^#release\/([^?]+)(?:\?(.*))?$/);
    if (!match) return null;
    const params = new URLSearchParams(match[2] || "");
    const num = (name) => (params.has(name) ? parseInt(params.get(name), 10) : NaN);
    const highlights = (params.get("hl") || "")
      .split(",")
      .map((pair) => pair.split("-").map((n) => parseInt(n, 10)))
      .filter((pair) => pair.length === 2 && pair.every(Number.isFinite));
    return { id: decodeURIComponent(match[1]), start: num("start"), end: num("end"), highlights };
  }

  async function showRelease(target) {
    panel.hidden = false;
    document.body.classList.add("panel-open");
    $("panel-title").textContent = "불러오는 중…";
    $("panel-meta").textContent = "";
    const box = $("panel-text");
    box.replaceChildren();
    let release;
    try {
      release = await api("releases/" + encodeURIComponent(target.id));
    } catch (error) {
      $("panel-title").textContent = "원문을 열 수 없습니다";
      box.appendChild(el("p", "error", error.message));
      return;
    }
    $("panel-title").textContent = release.title || release.source;
    $("panel-meta").textContent = [release.date, release.publisher, release.source].filter(Boolean).join(" · ");
    const text = release.text;
    const start = Number.isFinite(target.start) ? Math.max(0, target.start) : -1;
    const end = Number.isFinite(target.end) ? Math.min(text.length, target.end) : -1;
    if (start >= 0 && end > start) {
      box.appendChild(document.createTextNode(text.slice(0, start)));
      const quote = el("mark", "cited");
      appendMarked(quote, text.slice(start, end), start, target.highlights, "hl");
      box.appendChild(quote);
      box.appendChild(document.createTextNode(text.slice(end)));
      quote.scrollIntoView({ block: "center" });
    } else {
      box.textContent = text;
    }
  }

  function closePanel() {
    panel.hidden = true;
    document.body.classList.remove("panel-open");
    if (location.hash) history.pushState("", document.title, location.pathname + location.search);
  }

  function route() {
    const target = parseHash();
    if (target) showRelease(target);
    else if (!panel.hidden) {
      panel.hidden = true;
      document.body.classList.remove("panel-open");
    }
  }

  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) closePanel();
  });
  window.addEventListener("hashchange", route);

  loadStatus();
  route();
})();
