// The web chat page: talks to /webhooks/webchat/webhook, keeps the conversation in
// localStorage, and renders every text with textContent (nothing is parsed as HTML).
(() => {
  "use strict";
  const BASE = "/webhooks/webchat/";
  const STORE_KEY = "uia-webchat-v1";
  const TIME_GAP_MS = 5 * 60 * 1000;
  const URL_PATTERN = /https?:\/\/[^\s，。；、）)】》"'<>]+/g;
  const AVATAR_SVG =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2 4 5v6c0 5 3.4 9.3 8 11 4.6-1.7 8-6 8-11V5l-8-3zm-1 14-4-4 1.4-1.4L11 13.2l5.6-5.6L18 9l-7 7z"/></svg>';

  const messages = document.getElementById("messages");
  const input = document.getElementById("input");
  const composer = document.getElementById("composer");
  let texts = {};
  let lastTime = 0;
  const state = loadState();

  function loadState() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY));
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.history)) return saved;
    } catch (error) { /* a broken entry starts a new conversation */ }
    return { sender: "", history: [] };
  }

  // The server issues (and signs) the sender id; the page never makes one up.
  async function newSession() {
    const response = await fetch(`${BASE}session`, { method: "POST" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    state.sender = String((await response.json()).sender);
    saveState();
  }

  async function post(message) {
    if (!state.sender) await newSession();
    const request = () =>
      fetch(`${BASE}webhook`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: state.sender, message }),
      });
    let response = await request();
    if (response.status === 403) {
      await newSession(); // a token this server no longer knows: start a new conversation
      response = await request();
    }
    return response;
  }

  function saveState() {
    localStorage.setItem(STORE_KEY, JSON.stringify(state));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function twoDigits(value) {
    return String(value).padStart(2, "0");
  }

  function addTimeSeparator(time) {
    if (time - lastTime < TIME_GAP_MS) return;
    const date = new Date(time);
    messages.appendChild(element("div", "time", `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`));
    lastTime = time;
  }

  function appendLinkified(parent, line) {
    let index = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      parent.appendChild(document.createTextNode(line.slice(index, match.index)));
      const link = element("a", "", match[0]);
      link.href = match[0];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.appendChild(link);
      index = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(line.slice(index)));
  }

  function fillBubble(bubble, text) {
    const prefix = texts.source_prefix || "";
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      if (prefix && line.startsWith(prefix)) {
        bubble.appendChild(element("small", "source", line));
        return;
      }
      appendLinkified(bubble, line + (i < lines.length - 1 ? "\n" : ""));
    });
    // No trailing blank line before a footnote.
    const last = bubble.lastChild;
    if (last && last.previousSibling && last.className === "source") {
      const before = last.previousSibling;
      if (before.nodeType === Node.TEXT_NODE) before.textContent = before.textContent.replace(/\n+$/, "");
    }
  }

  function row(from, text) {
    const line = element("div", `row ${from}`);
    const avatar = element("div", "avatar");
    if (from === "bot") avatar.innerHTML = AVATAR_SVG; // a constant icon, never user data
    const bubble = element("div", "bubble");
    fillBubble(bubble, text);
    line.append(avatar, bubble);
    return line;
  }

  function render(entry) {
    if (entry.from === "notice") {
      messages.appendChild(element("div", "notice", entry.text));
      return;
    }
    addTimeSeparator(entry.time);
    if (entry.text) messages.appendChild(row(entry.from, entry.text));
    if (entry.buttons && entry.buttons.length) {
      const replies = element("div", "quick-replies");
      for (const button of entry.buttons) {
        const choice = element("button", "", button.title);
        choice.type = "button";
        choice.addEventListener("click", () => send(button.payload, button.title));
        replies.appendChild(choice);
      }
      messages.appendChild(replies);
    }
  }

  // 有用 / 没用 under the latest answer only: they send those words, as a typed message would.
  function removeFeedback() {
    for (const bar of messages.querySelectorAll(".feedback")) bar.remove();
  }

  function offerFeedback() {
    if (!texts.helped || !texts.missed) return;
    const bar = element("div", "feedback");
    bar.appendChild(element("span", "", texts.feedback_prompt || ""));
    for (const [name, word] of [["helped", texts.helped], ["missed", texts.missed]]) {
      const control = element("button", name, word);
      control.type = "button";
      control.addEventListener("click", () => send(word, word, false, true));
      bar.appendChild(control);
    }
    messages.appendChild(bar);
    messages.scrollTop = messages.scrollHeight;
  }

  function remember(entry) {
    state.history.push(entry);
    saveState();
    render(entry);
    messages.scrollTop = messages.scrollHeight;
  }

  function showTyping() {
    const line = element("div", "row bot typing-row");
    const avatar = element("div", "avatar");
    avatar.innerHTML = AVATAR_SVG;
    const bubble = element("div", "bubble typing");
    bubble.append(element("span"), element("span"), element("span"));
    line.append(avatar, bubble);
    messages.appendChild(line);
    messages.scrollTop = messages.scrollHeight;
    return line;
  }

  async function send(message, shown, fromInput, isFeedback) {
    removeFeedback();
    if (shown) remember({ from: "user", text: shown, time: Date.now() });
    const typing = showTyping();
    try {
      const response = await post(message);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const replies = await response.json();
      typing.remove();
      for (const reply of replies) {
        const buttons = (reply.buttons || []).map((b) => ({ title: String(b.title), payload: String(b.payload) }));
        remember({ from: "bot", text: String(reply.text || ""), buttons, time: Date.now() });
      }
      if (shown && !isFeedback && replies.some((reply) => reply.text)) offerFeedback();
    } catch (error) {
      typing.remove();
      if (fromInput && !input.value) input.value = message;
      messages.appendChild(element("div", "notice offline", texts.offline || String(error)));
      messages.scrollTop = messages.scrollHeight;
    }
  }

  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text, true);
  });

  async function start() {
    try {
      const config = await (await fetch(`${BASE}config`)).json();
      texts = config.texts || {};
      const menu = document.getElementById("menu");
      for (const item of config.menu || []) {
        const button = element("button", "", item.title);
        button.type = "button";
        button.addEventListener("click", () => send(item.payload, item.title));
        menu.appendChild(button);
      }
    } catch (error) {
      messages.appendChild(element("div", "notice offline", String(error)));
    }
    document.title = texts.title || "";
    document.getElementById("title").textContent = texts.title || "";
    input.placeholder = texts.placeholder || "";
    document.getElementById("send").textContent = texts.send || "→";
    state.history.forEach(render);
    messages.scrollTop = messages.scrollHeight;
    if (!state.history.length) send("/greet", null);
  }

  start();
})();
