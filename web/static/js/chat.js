// The chat panel on every page, an enhancement of the "Ask a question" link to /chat (which works
// without this file). The panel talks only to our own server: GET and POST /chat/messages, which
// answer with the conversation as HTML the server has already escaped, so it looks the same as /chat.

const PANEL_ID = "app-chat-panel-window";
const TITLE_ID = "app-chat-panel-title";
const MESSAGE_ID = "app-chat-panel-message";
const MAX_CHARACTERS = 500;

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

function buildPanel(pageUrl) {
  const launcher = element("button", {
    type: "button",
    class: "govuk-button app-chat-panel__launcher",
    "aria-expanded": "false",
    "aria-controls": PANEL_ID,
    text: "Ask a question",
  });
  const close = element("button", { type: "button", class: "govuk-button govuk-button--secondary app-chat-panel__close" }, [
    "Close",
    element("span", { class: "govuk-visually-hidden", text: " the chat" }),
  ]);
  // The live region wraps the list, so the list keeps its list semantics for screen readers.
  const log = element("ol", { class: "govuk-list app-chat-log" });
  const logRegion = element("div", { class: "app-chat-panel__log", role: "log", "aria-labelledby": TITLE_ID, tabindex: "0" }, [log]);
  const status = element("p", { class: "govuk-body-s app-chat-panel__status", role: "status" });
  const error = element("p", { class: "govuk-error-message", id: `${MESSAGE_ID}-error`, hidden: "" });
  const hint = element("div", {
    class: "govuk-hint",
    id: `${MESSAGE_ID}-hint`,
    text: "Press Enter to send. Press Shift and Enter for a new line.",
  });
  const textarea = element("textarea", {
    class: "govuk-textarea",
    id: MESSAGE_ID,
    name: "message",
    rows: "2",
    "aria-describedby": hint.id,
  });
  const group = element("div", { class: "govuk-form-group" }, [
    element("label", { class: "govuk-label", for: MESSAGE_ID, text: "Your message" }),
    hint,
    error,
    textarea,
  ]);
  const form = element("form", { class: "app-chat-panel__form", novalidate: "" }, [
    group,
    element("button", { type: "submit", class: "govuk-button govuk-!-margin-bottom-2", text: "Send" }),
  ]);
  const pageLink = element("a", { class: "govuk-link", href: pageUrl, text: "Open the chat page" });
  const window_ = element("div", { class: "app-chat-panel__window", id: PANEL_ID, hidden: "" }, [
    element("div", { class: "app-chat-panel__header" }, [
      element("h2", { class: "govuk-heading-s", id: TITLE_ID, text: "Ask our assistant" }),
      close,
    ]),
    element("p", {
      class: "govuk-body-s",
      text: "Ask in your own words. If you or someone else is in danger now, call 999.",
    }),
    logRegion,
    status,
    form,
    element("p", { class: "govuk-body-s" }, [pageLink, " to print or email the conversation."]),
  ]);
  return { launcher, close, log, logRegion, status, error, textarea, group, form, window: window_ };
}

class ChatPanel {
  constructor(root) {
    this.root = root;
    this.messagesUrl = root.dataset.messagesUrl;
    this.parts = buildPanel(root.dataset.pageUrl);
    this.csrfToken = null;
    this.opener = null;
    this.sending = false;
    root.setAttribute("aria-labelledby", TITLE_ID);
    root.append(this.parts.launcher, this.parts.window);
    root.hidden = false;

    this.parts.launcher.addEventListener("click", () => this.toggle(this.parts.launcher));
    this.parts.close.addEventListener("click", () => this.close());
    this.parts.window.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      }
    });
    this.parts.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
    // Enter sends, Shift+Enter starts a new line, as in most chat programs.
    this.parts.textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.send();
      }
    });
  }

  get isOpen() {
    return !this.parts.window.hidden;
  }

  toggle(opener) {
    if (this.isOpen) {
      this.close();
    } else {
      this.open(opener);
    }
  }

  async open(opener) {
    this.opener = opener;
    this.parts.window.hidden = false;
    // The open panel covers the launcher, so it leaves the tab order until the panel closes.
    this.parts.launcher.hidden = true;
    this.parts.launcher.setAttribute("aria-expanded", "true");
    this.parts.textarea.focus();
    if (this.csrfToken === null) {
      await this.load();
    }
  }

  close() {
    this.parts.window.hidden = true;
    this.parts.launcher.hidden = false;
    this.parts.launcher.setAttribute("aria-expanded", "false");
    (this.opener || this.parts.launcher).focus();
  }

  async load() {
    try {
      const response = await fetch(this.messagesUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      const data = await response.json();
      this.csrfToken = data.csrf_token;
      this.parts.log.innerHTML = data.html;
      this.scrollToEnd();
    } catch {
      this.showProblem();
    }
  }

  async send() {
    const message = this.parts.textarea.value.trim();
    if (this.sending) {
      return;
    }
    if (!message) {
      this.showError("Enter your message");
      return;
    }
    if (message.length > MAX_CHARACTERS) {
      this.showError(`Your message must be ${MAX_CHARACTERS} characters or fewer`);
      return;
    }
    this.clearError();
    this.sending = true;
    this.parts.status.textContent = "Sending your message…";
    try {
      if (this.csrfToken === null) {
        await this.load();
      }
      const response = await fetch(this.messagesUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": this.csrfToken },
        body: JSON.stringify({ message }),
      });
      const data = await response.json();
      if (data.html) {
        const before = this.parts.log.children.length;
        this.parts.log.insertAdjacentHTML("beforeend", data.html);
        this.showFromTheQuestion(this.parts.log.children[before]);
      }
      if (response.ok) {
        this.parts.textarea.value = "";
      } else if (data.error && !data.html) {
        this.showError(data.error);
      }
      this.parts.status.textContent = "";
    } catch {
      // Perhaps the session ended (Start again in another tab): fetch a fresh token next time.
      this.csrfToken = null;
      this.showProblem();
    } finally {
      this.sending = false;
    }
  }

  showError(text) {
    this.parts.error.replaceChildren(element("span", { class: "govuk-visually-hidden", text: "Error: " }), text);
    this.parts.error.hidden = false;
    this.parts.group.classList.add("govuk-form-group--error");
    this.parts.textarea.classList.add("govuk-textarea--error");
    this.parts.textarea.setAttribute("aria-describedby", `${MESSAGE_ID}-hint ${this.parts.error.id}`);
    this.parts.status.textContent = "";
    this.parts.textarea.focus();
  }

  clearError() {
    this.parts.error.hidden = true;
    this.parts.group.classList.remove("govuk-form-group--error");
    this.parts.textarea.classList.remove("govuk-textarea--error");
    this.parts.textarea.setAttribute("aria-describedby", `${MESSAGE_ID}-hint`);
  }

  showProblem() {
    // Not the assistant being down (the server answers that itself) but our own page failing to reach us.
    this.parts.status.replaceChildren(
      "Sorry, your message could not be sent. Try again, or ",
      element("a", { class: "govuk-link", href: this.root.dataset.pageUrl, text: "use the chat page" }),
      ".",
    );
  }

  scrollToEnd() {
    this.parts.logRegion.scrollTop = this.parts.logRegion.scrollHeight;
  }

  // A long answer (five listings) is read from the person's own question down, not from its end.
  showFromTheQuestion(firstNew) {
    if (firstNew) {
      this.parts.logRegion.scrollTop = firstNew.offsetTop - this.parts.logRegion.offsetTop;
    } else {
      this.scrollToEnd();
    }
  }
}

function addPrintButton(root) {
  const hint = root.querySelector(".app-chat-print-hint");
  if (!hint) {
    return;
  }
  const button = element("button", {
    type: "button",
    class: "govuk-button govuk-button--secondary app-no-print",
    text: "Print this conversation",
  });
  button.addEventListener("click", () => window.print());
  hint.after(button);
}

const root = document.querySelector(".app-chat-panel");
if (root) {
  const panel = new ChatPanel(root);
  for (const link of document.querySelectorAll("a[data-app-chat-open]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      panel.open(link);
    });
  }
}
addPrintButton(document);
