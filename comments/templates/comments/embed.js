{% load i18n %}// Newsroom's embed loader: the only script of ours on the host page. It puts
// each <div data-newsroom-comments data-url="…" data-title="…"> in an iframe
// of the comments site, sizes it to what the frame reports, and fills each
// [data-newsroom-count] (its value, or data-url, names the page) with the
// number of approved comments.
(() => {
  "use strict";
  const script = document.currentScript;
  const site = new URL(script.src).origin;
  const frameUrl = new URL("{{ frame_path|escapejs }}", site);
  const countsUrl = new URL("{{ counts_path|escapejs }}", site);
  const here = () => location.href.split("#")[0];
  const frames = new Map();

  function embed(holder) {
    const frame = document.createElement("iframe");
    const src = new URL(frameUrl);
    src.searchParams.set("url", holder.dataset.url || here());
    src.searchParams.set("title", holder.dataset.title || document.title);
    src.searchParams.set("origin", location.origin);
    frame.src = src.href;
    frame.title = "{% translate 'Comments'|escapejs %}";
    frame.style.cssText = "display:block;width:100%;height:30em;border:0";
    frame.addEventListener("load", () => frame.contentWindow.postMessage("newsroom:size", site));
    holder.append(frame);
    frames.set(frame.contentWindow, frame);
  }

  // Only the comments site's frames may size their iframe, and only by a number.
  window.addEventListener("message", (event) => {
    const frame = event.origin === site && frames.get(event.source);
    const height = Number(event.data?.newsroomHeight);
    if (frame && height > 0) frame.style.height = `${Math.ceil(height)}px`;
  });

  async function fillCounts() {
    const holders = [...document.querySelectorAll("[data-newsroom-count]")];
    const page = (holder) => holder.dataset.newsroomCount || holder.dataset.url || here();
    const pages = [...new Set(holders.map(page))].slice(0, {{ max_urls }});
    if (!pages.length) return;
    const url = new URL(countsUrl);
    pages.forEach((each) => url.searchParams.append("url", each));
    const response = await fetch(url, { credentials: "omit" });
    if (!response.ok) return;
    const { counts } = await response.json();
    holders.forEach((holder) => {
      if (page(holder) in counts) holder.textContent = counts[page(holder)];
    });
  }

  document.querySelectorAll("[data-newsroom-comments]").forEach(embed);
  fillCounts();
})();
