// Inside the embed's frame: tell the page that embeds it, and no other, how
// tall the discussion is, whenever that changes (the loader sets the
// iframe's height). The page's origin comes with the frame's first address
// (the site checked it before serving the frame) and is kept for the
// frame's later pages (after a post); postMessage delivers to it alone.
const KEPT = "newsroom:parent-origin";

function parentOrigin() {
  const given = new URLSearchParams(location.search).get("origin");
  try {
    if (given) sessionStorage.setItem(KEPT, given);
    return given || sessionStorage.getItem(KEPT);
  } catch {
    return given; // storage refused in this frame: the first page still sizes
  }
}

const parent = parentOrigin();

function sendHeight() {
  const height = document.documentElement.scrollHeight;
  window.parent.postMessage({ newsroomHeight: height }, parent);
}

if (parent && window.parent !== window) {
  new ResizeObserver(sendHeight).observe(document.body);
  window.addEventListener("message", (event) => {
    if (event.origin === parent && event.data === "newsroom:size") sendHeight();
  });
}
