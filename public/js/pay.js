// Points Mall: the JSAPI pay page's one job — hand the server-signed parameters to WeChat's
// getBrandWCPayRequest inside WeChat, then go back to the return page (which asks the server, never this
// script's word, whether the order is paid).
(() => {
  var box = document.getElementById("jsapi-pay");
  if (!box) return;
  var params = JSON.parse(box.getAttribute("data-pay-params") || "{}");
  var back = box.getAttribute("data-return-url") || "/";
  function invoke() {
    window.WeixinJSBridge.invoke("getBrandWCPayRequest", params, () => {
      location.href = back;
    });
  }
  if (window.WeixinJSBridge) invoke();
  else document.addEventListener("WeixinJSBridgeReady", invoke, false);
})();
