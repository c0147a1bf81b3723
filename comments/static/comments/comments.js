// "Show a new sum": swap the CAPTCHA in place instead of reloading the page.
// Without JavaScript the button submits the form and the server answers with
// a fresh sum, the reader's text kept.
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".captcha-refresh");
  if (!button) {
    return;
  }
  event.preventDefault();
  const captcha = button.closest(".captcha");
  try {
    const response = await fetch(button.dataset.refreshUrl, {
      headers: { "X-Requested-With": "XMLHttpRequest" },
    });
    if (!response.ok) {
      throw new Error(response.statusText);
    }
    const challenge = await response.json();
    captcha.querySelector("img").src = challenge.image_url;
    captcha.querySelector("input[type=hidden]").value = challenge.key;
    const answer = captcha.querySelector("input[type=text]");
    answer.value = "";
    answer.focus();
  } catch {
    button.form.requestSubmit(button);
  }
});
