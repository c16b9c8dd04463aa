// Points Mall: progressive enhancement only (plain ES2018, no build). Nothing here is needed to browse
// or redeem; the server renders every text this script updates.
(() => {
  // Countdowns. <el data-countdown-to="<epoch ms>" data-countdown-now="<server epoch ms>"> owns a
  // [data-clock] showing HH:MM:SS; at zero every [data-done-text] inside it takes that text.
  // data-countdown-now cancels a wrong phone clock: we count against server time.
  var skew = new WeakMap();
  var timer = 0;

  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor((s % 3600) / 60)) + ":" + pad(s % 60);
  }

  // ... and fires a bubbling `countdown-done`: a redeem area (hx-trigger="countdown-done") re-fetches itself
  // when its sale opens or closes. The server decides either way.
  function finish(el) {
    el.removeAttribute("data-countdown-to");
    el.classList.add("is-done");
    var done = el.querySelectorAll("[data-done-text]");
    for (var i = 0; i < done.length; i++) done[i].textContent = done[i].getAttribute("data-done-text");
    el.dispatchEvent(new CustomEvent("countdown-done", { bubbles: true }));
  }

  function tick() {
    timer = 0;
    var els = document.querySelectorAll("[data-countdown-to]");
    var now = Date.now();
    var next = 1000;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!skew.has(el)) skew.set(el, (Number(el.getAttribute("data-countdown-now")) || now) - now);
      var left = Number(el.getAttribute("data-countdown-to")) - now - skew.get(el);
      if (!(left > 0)) {
        finish(el);
        continue;
      }
      var c = el.querySelector("[data-clock]");
      if (c) c.textContent = clock(left);
      next = Math.min(next, left % 1000 || 1000);
    }
    // wake just after the next whole second flips; stop when nothing is counting
    if (els.length) timer = setTimeout(tick, next + 15);
  }

  function startClocks() {
    if (!timer) tick();
  }

  // Keep the active category tab in view inside the horizontally scrolling tab bar.
  function showActiveTab() {
    var tab = document.querySelector(".tabs [aria-current]");
    if (!tab) return;
    var bar = tab.parentNode;
    var t = tab.getBoundingClientRect();
    bar.scrollLeft += t.left - bar.getBoundingClientRect().left - (bar.clientWidth - t.width) / 2;
  }

  // Copy buttons: <button data-copy="#id" hidden> copies that element's text (or value) and says so; hidden
  // without this script, where the text itself is selectable.
  function copyButtons() {
    var bs = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < bs.length; i++) {
      var b = bs[i];
      if (!navigator.clipboard || b.dataset.ready) continue;
      b.dataset.ready = "1";
      b.hidden = false;
      b.addEventListener("click", function () {
        var me = this;
        var el = document.querySelector(me.getAttribute("data-copy"));
        if (!el) return;
        navigator.clipboard.writeText(el.value || el.textContent.trim()).then(function () {
          me.textContent = me.getAttribute("data-copied") || me.textContent;
        });
      });
    }
  }

  function init() {
    startClocks();
    showActiveTab();
    copyButtons();
  }

  // htmx 4 event names: after a swap, new content may carry clocks or a new active tab.
  document.addEventListener("htmx:after:swap", init);

  // A link whose htmx request failed at the network level (no response): fall back to plain navigation.
  document.addEventListener("htmx:error", (e) => {
    var ctx = e.detail && e.detail.ctx;
    var a = ctx && !ctx.response && ctx.sourceElement;
    if (a && a.tagName === "A" && a.href) location.assign(a.href);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
