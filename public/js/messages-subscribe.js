// Points Mall: the message centre's subscribe step (plain ES2018, no build). WeChat's open tag
// wx-open-subscribe asks the member which templates they accept and fires "success" with
// detail.subscribeDetails = JSON {templateId: JSON {status: "accept"|"reject"|"ban"|"filter"}}; this reports
// the answers to POST /messages/subscriptions (the server records the acceptances) and shows its answer.
(() => {
  const btn = document.getElementById("subscribe-btn");
  const out = document.getElementById("subscribe-result");
  const csrf = document.querySelector('meta[name="pm-csrf"]');
  if (!btn || !out || !csrf) return;
  btn.addEventListener("success", (e) => {
    let details = {};
    try {
      details = JSON.parse(e.detail?.subscribeDetails || "{}");
    } catch {
      return;
    }
    const body = new URLSearchParams({ _csrf: csrf.getAttribute("content") || "" });
    for (const [id, raw] of Object.entries(details)) {
      let status = "";
      try {
        status = JSON.parse(raw).status;
      } catch {
        status = String(raw);
      }
      body.append(status === "accept" ? "accept" : "reject", id);
    }
    fetch("/messages/subscriptions", {
      method: "POST",
      body,
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    })
      .then((r) => r.text())
      .then((html) => {
        out.innerHTML = html;
      })
      .catch(() => {});
  });
  btn.addEventListener("error", (e) => {
    out.textContent = String(e.detail?.errMsg || "");
  });
})();
