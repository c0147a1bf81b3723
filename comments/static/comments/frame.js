// Inside the embed's frame: tell the page that embeds it, and no other, how
// tall the discussion is, whenever that changes (the loader sets the
// iframe's height). The page's origin was checked by the site before it
// served the frame; postMessage delivers to that origin only.
const parentOrigin = new URLSearchParams(location.search).get("origin");

function sendHeight() {
  const height = document.documentElement.scrollHeight;
  window.parent.postMessage({ newsroomHeight: height }, parentOrigin);
}

if (parentOrigin && window.parent !== window) {
  new ResizeObserver(sendHeight).observe(document.body);
  window.addEventListener("message", (event) => {
    if (event.origin === parentOrigin && event.data === "newsroom:size") sendHeight();
  });
}
