// Progressive enhancements of the comment form. Without JavaScript every
// control still works: "Reply" links load ?replytocom=<id>#respond and the
// "Show a new sum" button asks the server for a fresh challenge.

// "Show a new sum": swap the CAPTCHA in place instead of reloading the page.
// The article page is the same for every reader (serving it writes nothing,
// and it can be cached whole): the sum, the CSRF token and the time the form
// was served are fetched when the reader starts on the form.
async function refreshCaptcha(button, { focus = true } = {}) {
  const captcha = button.closest(".captcha");
  const response = await fetch(button.dataset.refreshUrl, {
    headers: { "X-Requested-With": "XMLHttpRequest" },
  });
  if (!response.ok) {
    throw new Error(response.statusText);
  }
  const challenge = await response.json();
  const image = captcha.querySelector("img");
  image.src = challenge.image_url;
  image.hidden = false;
  const audio = captcha.querySelector(".captcha-audio");
  if (audio) {
    audio.href = audio.dataset.urlPattern.replace("KEY", challenge.key);
    audio.hidden = false;
  }
  captcha.removeAttribute("data-lazy");
  captcha.querySelector("input[type=hidden]").value = challenge.key;
  const form = button.form;
  form.querySelector("input[name=csrfmiddlewaretoken]").value = challenge.csrf_token;
  form.querySelector("input[name=timestamp]").value = challenge.timestamp;
  button.textContent = button.dataset.labelNew;
  const answer = captcha.querySelector("input[type=text]");
  answer.value = "";
  if (focus) {
    answer.focus();
  }
}

document.addEventListener("focusin", (event) => {
  const lazy = event.target.closest(".comment-form")?.querySelector(".captcha[data-lazy]");
  if (lazy) {
    lazy.removeAttribute("data-lazy");
    const button = lazy.querySelector(".captcha-refresh");
    refreshCaptcha(button, { focus: false }).catch(() => lazy.setAttribute("data-lazy", ""));
  }
});

// "Reply": move the form under the comment and remember its parent.
function replyTo(link) {
  const respond = document.getElementById("respond");
  const comment = document.getElementById(`comment-${link.dataset.replyTo}`);
  if (!respond.dataset.home) {
    respond.insertAdjacentHTML("beforebegin", '<div id="respond-home" hidden></div>');
    respond.dataset.home = "respond-home";
  }
  comment.querySelector(".comment-content").after(respond);
  setReplyTarget(respond, link.dataset.replyTo, link.dataset.author);
  const textarea = respond.querySelector("textarea");
  if ("quote" in link.dataset) {
    textarea.value = quoteOf(comment.querySelector(".comment-body")) + textarea.value;
  }
  textarea.focus();
}

// "Quote": the comment's text as a Markdown quote, to start the reply with.
function quoteOf(body) {
  const lines = body.innerText.trim().split("\n");
  return lines.map((line) => `> ${line}`.trimEnd()).join("\n") + "\n\n";
}

function cancelReply() {
  const respond = document.getElementById("respond");
  document.getElementById("respond-home")?.after(respond);
  setReplyTarget(respond, "", "");
}

function setReplyTarget(respond, parentId, author) {
  respond.querySelector("input[name=parent]").value = parentId;
  respond.querySelector("#reply-title").textContent = parentId
    ? respond.dataset.replyTemplate.replace("%(name)s", author)
    : respond.dataset.leaveText;
  respond.querySelector(".cancel-reply").hidden = !parentId;
}

document.addEventListener("click", (event) => {
  const errorLink = event.target.closest(".error-links a");
  if (errorLink) {
    // Put the caret in the field, not just scroll to it.
    event.preventDefault();
    document.querySelector(errorLink.getAttribute("href"))?.focus();
    return;
  }
  const refresh = event.target.closest(".captcha-refresh");
  const reply = event.target.closest(".comment-reply-link");
  const cancel = event.target.closest("#cancel-reply");
  if (refresh) {
    event.preventDefault();
    refreshCaptcha(refresh).catch(() => refresh.form.requestSubmit(refresh));
  } else if (reply) {
    event.preventDefault();
    replyTo(reply);
  } else if (cancel) {
    event.preventDefault();
    cancelReply();
  }
});

// After a failed post, take the reader to the list of what to fix (once the
// page has scrolled to the form, which would otherwise drop the focus).
window.addEventListener("load", () => {
  document.getElementById("form-errors")?.focus();
});
