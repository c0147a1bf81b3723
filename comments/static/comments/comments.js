// Progressive enhancements of the comment form. Without JavaScript every
// control still works: "Reply" links load ?replytocom=<id>#respond and the
// "Show a new sum" button asks the server for a fresh challenge.

// "Show a new sum": swap the CAPTCHA in place instead of reloading the page.
async function refreshCaptcha(button) {
  const captcha = button.closest(".captcha");
  const response = await fetch(button.dataset.refreshUrl, {
    headers: { "X-Requested-With": "XMLHttpRequest" },
  });
  if (!response.ok) {
    throw new Error(response.statusText);
  }
  const challenge = await response.json();
  const hidden = captcha.querySelector("input[type=hidden]");
  const audio = captcha.querySelector("[data-captcha-audio]");
  if (audio) {
    audio.href = audio.href.replace(hidden.value, challenge.key);
  }
  captcha.querySelector("img").src = challenge.image_url;
  hidden.value = challenge.key;
  const answer = captcha.querySelector("input[type=text]");
  answer.value = "";
  answer.focus();
}

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
  respond.querySelector("textarea").focus();
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
