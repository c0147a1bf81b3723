// Keyboard shortcuts for the moderation queue, listed on the page: j and k
// move between comments, a, s and t decide on the current one, o opens it.
// They never act while a field has the focus, and an editor can turn them
// off (WCAG 2.1.4); the choice is remembered in this browser.

const SWITCH = "newsroom.desk.shortcuts";
const RETURN_TO = "newsroom.desk.row";
const DECISIONS = { a: "approved", s: "spam", t: "trash" };

function rows() {
  return Array.from(document.querySelectorAll("#result_list tbody tr"));
}

function currentIndex() {
  return rows().findIndex((row) => row.contains(document.activeElement));
}

function focusRow(index) {
  const all = rows();
  const row = all[Math.max(0, Math.min(index, all.length - 1))];
  row?.querySelector("a")?.focus();
}

function act(key) {
  const index = currentIndex();
  if (key === "j") {
    focusRow(index + 1);
    return true;
  }
  if (key === "k") {
    focusRow(Math.max(index - 1, 0));
    return true;
  }
  const row = rows()[index];
  if (!row) {
    return false;
  }
  if (key === "o") {
    row.querySelector("a").click();
    return true;
  }
  const button = row.querySelector(`button[value="${DECISIONS[key]}"]:not([disabled])`);
  if (!button) {
    return false;
  }
  // Come back to the same place in the list after the page reloads.
  sessionStorage.setItem(RETURN_TO, String(index));
  button.click();
  return true;
}

function typing(target) {
  return target.closest(
    "input:not([type=checkbox]):not([type=radio]), select, textarea, [contenteditable]",
  );
}

const help = document.getElementById("desk-shortcuts");
const toggle = document.getElementById("desk-shortcuts-on");
if (help && toggle) {
  help.hidden = false;
  toggle.checked = localStorage.getItem(SWITCH) !== "off";
  toggle.addEventListener("change", () => {
    localStorage.setItem(SWITCH, toggle.checked ? "on" : "off");
  });
  document.addEventListener("keydown", (event) => {
    const key = event.key;
    if (
      !toggle.checked ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey ||
      !["j", "k", "o", ...Object.keys(DECISIONS)].includes(key) ||
      typing(event.target)
    ) {
      return;
    }
    if (act(key)) {
      event.preventDefault();
    }
  });
  const back = sessionStorage.getItem(RETURN_TO);
  if (back !== null) {
    sessionStorage.removeItem(RETURN_TO);
    focusRow(Number(back));
  }
}

// Quick edit without leaving the queue: the plain page's fields come into the
// row, bound to the row's own form (outside the queue's form), and saving
// comes back to this page. Without JavaScript the link opens that page.
async function quickEdit(link) {
  const response = await fetch(link.href, { credentials: "same-origin" });
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const form = page.querySelector("form.desk-quick-edit-form");
  if (!response.ok || !form) {
    window.location.assign(link.href);
    return;
  }
  const fields = document.createElement("div");
  fields.className = "desk-quick-edit-fields";
  fields.append(...form.querySelectorAll(".form-row"));
  for (const control of fields.querySelectorAll("input, textarea, select")) {
    control.setAttribute("form", link.dataset.form);
  }
  const save = document.createElement("button");
  save.type = "submit";
  save.className = "button";
  save.setAttribute("form", link.dataset.form);
  save.formAction = link.href;
  save.textContent = form.querySelector("[type=submit]").value;
  fields.append(save);
  link.replaceWith(fields);
  fields.querySelector("textarea")?.focus();
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a.desk-quick-edit");
  if (link && link.dataset.form) {
    event.preventDefault();
    quickEdit(link);
  }
});
