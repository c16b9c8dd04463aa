// Points Mall: the WeChat share card (plain ES2018, no build). The server signed wx.config for this exact
// page URL (worker/wechat/share.ts) and rendered it with the card into two <meta>s; this only hands them to
// the JS-SDK. <html data-wx-share> says how it went: "ready" (the card is set), or "error" with data-wx-error.
(() => {
  const read = (name) => {
    const el = document.querySelector(`meta[name="${name}"]`);
    return el ? JSON.parse(el.getAttribute("content")) : null;
  };
  const config = read("wx-config");
  const card = read("wx-share");
  const root = document.documentElement;
  if (!config || !card || typeof wx === "undefined") return;
  wx.config({ debug: false, ...config });
  wx.error((res) => {
    root.setAttribute("data-wx-share", "error");
    root.setAttribute("data-wx-error", String(res?.errMsg ?? ""));
  });
  wx.ready(() => {
    let pending = 2;
    const done = () => {
      pending -= 1;
      if (pending === 0) root.setAttribute("data-wx-share", "ready");
    };
    const fail = (res) => {
      root.setAttribute("data-wx-share", "error");
      root.setAttribute("data-wx-error", String(res?.errMsg ?? ""));
    };
    wx.updateAppMessageShareData({ ...card, success: done, fail });
    wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl, success: done, fail });
  });
})();
