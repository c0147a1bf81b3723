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
    showCaptchaError(captcha, response);
    throw new Error(response.statusText);
  }
  const challenge = await response.json();
  startProof(button.form, challenge.puzzle);
  let image = captcha.querySelector("img");
  if (!image) {
    // The lazy form has no picture until its sum exists.
    image = document.createElement("img");
    image.className = "captcha-image";
    image.alt = captcha.dataset.alt;
    captcha.prepend(image);
  }
  image.src = challenge.image;
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

// A refusal (too many attempts from the reader's network) says so in words.
async function showCaptchaError(captcha, response) {
  const answer = await response.json().catch(() => ({}));
  let note = captcha.querySelector(".captcha-error");
  if (!note) {
    captcha.insertAdjacentHTML("beforeend", '<span class="captcha-error" role="alert"></span>');
    note = captcha.querySelector(".captcha-error");
  }
  note.textContent = answer.error || response.statusText;
}

// The proof of work (ALTCHA's puzzle): find the number n for which
// SHA-256(salt + n) is the puzzle's hash. Web Crypto does the hashing, in
// batches, while the reader writes; the solution travels in the "proof"
// field. Without it (no JavaScript, no Web Crypto) the sum alone still
// posts, under a tighter budget.
const proofs = new WeakMap();

function startProof(form, puzzle) {
  const field = form.querySelector("input[name=proof]");
  field.value = "";
  if (!puzzle || !window.crypto?.subtle) {
    proofs.delete(form);
    return;
  }
  const work = solvePuzzle(puzzle)
    .then((proof) => {
      if (proofs.get(form) === work) {
        field.value = proof;
      }
    })
    .catch(() => {});
  proofs.set(form, work);
}

async function solvePuzzle(puzzle, batch = 1000) {
  const encoder = new TextEncoder();
  const target = Uint8Array.from(puzzle.challenge.match(/../g), (pair) => parseInt(pair, 16));
  for (let start = 0; start <= puzzle.maxNumber; start += batch) {
    const numbers = [];
    for (let n = start; n <= Math.min(start + batch - 1, puzzle.maxNumber); n++) {
      numbers.push(n);
    }
    const hashes = await Promise.all(
      numbers.map((n) => crypto.subtle.digest("SHA-256", encoder.encode(puzzle.salt + n))),
    );
    const found = hashes.findIndex((hash) => sameBytes(new Uint8Array(hash), target));
    if (found >= 0) {
      const { algorithm, challenge, salt, signature } = puzzle;
      const number = numbers[found];
      return btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
    }
  }
  throw new Error("The puzzle has no solution");
}

function sameBytes(left, right) {
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

// Posting before the puzzle is solved waits for it (a moment), then posts.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const work = proofs.get(form);
  const proof = form.querySelector("input[name=proof]");
  if (!work || proof?.value || event.submitter?.name === "new_challenge") {
    return;
  }
  event.preventDefault();
  work.then(() => form.submit());
});

document.addEventListener("DOMContentLoaded", () => {
  for (const captcha of document.querySelectorAll(".captcha[data-puzzle]")) {
    startProof(captcha.closest("form"), JSON.parse(captcha.dataset.puzzle));
  }
});

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
  const recommend = event.target.closest(".comment-recommend");
  const share = event.target.closest(".comment-permalink");
  if (recommend) {
    event.preventDefault();
    recommendComment(recommend).catch(() => {
      window.location.href = recommend.href;
    });
    return;
  }
  if (share && navigator.clipboard) {
    event.preventDefault();
    copyLink(share);
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

// "Recommend": one POST with a CSRF token fetched for it; the count updates
// in place. Without JavaScript the link opens a page with the same button.
const RECOMMENDED = "newsroom-recommended";

function recommended() {
  try {
    return new Set(JSON.parse(localStorage.getItem(RECOMMENDED) || "[]"));
  } catch {
    return new Set();
  }
}

function markRecommended(link) {
  link.classList.add("is-recommended");
  link.setAttribute("aria-disabled", "true");
}

async function recommendComment(link) {
  if (link.classList.contains("is-recommended")) {
    return;
  }
  const headers = { "X-Requested-With": "XMLHttpRequest" };
  const token = await (await fetch(link.href, { headers })).json();
  const body = new URLSearchParams({ csrfmiddlewaretoken: token.csrf_token });
  const response = await fetch(link.href, { method: "POST", headers, body });
  if (!response.ok) {
    throw new Error(response.statusText);
  }
  const result = await response.json();
  document.getElementById(`recommends-${link.dataset.comment}`).textContent = result.label;
  markRecommended(link);
  const ids = recommended();
  ids.add(link.dataset.comment);
  localStorage.setItem(RECOMMENDED, JSON.stringify([...ids].slice(-500)));
}

// The page may have been cached before the latest recommends: fetch them.
async function refreshRecommends() {
  const section = document.getElementById("comments");
  const links = section?.querySelectorAll(".comment-recommend") ?? [];
  if (!links.length) {
    return;
  }
  const ids = recommended();
  links.forEach((link) => ids.has(link.dataset.comment) && markRecommended(link));
  const response = await fetch(section.dataset.recommendsUrl);
  const counts = await response.json();
  for (const [id, { label }] of Object.entries(counts)) {
    const count = document.getElementById(`recommends-${id}`);
    if (count) {
      count.textContent = label;
    }
  }
}

// "Link": copy the comment's permanent address; without JavaScript (or a
// clipboard) the link opens it.
async function copyLink(link) {
  const url = new URL(link.getAttribute("href"), window.location.href).href;
  const status = document.getElementById("comments-status");
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = `${status.dataset.copied} ${url}`;
    setTimeout(() => {
      status.textContent = "";
    }, 5000);
  } catch {
    window.location.href = url;
  }
}

// Times read relative ("3 hours ago"); the exact time stays in the tooltip
// and in the datetime attribute.
function relativeTimes() {
  const lang = document.documentElement.lang || "en";
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const units = [
    ["year", 31536000], ["month", 2592000], ["week", 604800],
    ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1],
  ];
  const now = Date.now();
  document.querySelectorAll(".comment-date time").forEach((time) => {
    const seconds = (Date.parse(time.dateTime) - now) / 1000;
    const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? units[6];
    time.textContent = format.format(Math.round(seconds / size), unit);
  });
}

relativeTimes();
refreshRecommends().catch(() => {});
