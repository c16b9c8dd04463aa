// Points Mall: the scratch card (刮刮卡) of /lottery/{id}, loaded by that page only. Progressive enhancement
// (plain ES2018, no build): the server has decided the prize and rendered it under the foil; without this
// script a tap on the foil opens the card.
(() => {
  // 刮刮卡: <details data-scratch> holds the prize the server already decided; its <summary> is the foil. Paint
  // the foil on a canvas inside the summary and let a finger (or mouse) rub it away; once more than half is
  // gone the card opens. A click on the canvas does not toggle the card (only rubbing opens it); the summary
  // itself still opens it from the keyboard, and without this script a tap does.
  function scratchCards() {
    var cards = document.querySelectorAll("details[data-scratch]:not([open])");
    for (var i = 0; i < cards.length; i++) foil(cards[i]);
  }

  function foil(card) {
    var cover = card.querySelector("summary");
    if (!cover || card.dataset.ready) return;
    var w = cover.clientWidth;
    var h = cover.clientHeight;
    var c = document.createElement("canvas");
    var g = c.getContext && c.getContext("2d");
    if (!g || !w || !h) return;
    card.dataset.ready = "1";
    c.className = "scratch__foil";
    c.width = w;
    c.height = h;
    g.fillStyle = "#bfbfbf";
    g.fillRect(0, 0, w, h);
    g.fillStyle = "#595959";
    g.font = "600 16px sans-serif";
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText(cover.getAttribute("data-scratch-foil-text") || "", w / 2, h / 2);
    g.globalCompositeOperation = "destination-out";
    cover.appendChild(c);
    var down = false;
    var strokes = 0;
    function rub(e) {
      var r = c.getBoundingClientRect();
      g.beginPath();
      g.arc(((e.clientX - r.left) * w) / r.width, ((e.clientY - r.top) * h) / r.height, 18, 0, Math.PI * 2);
      g.fill();
      if (++strokes % 6 === 0 && cleared() > 0.5) reveal();
    }
    function cleared() {
      var d = g.getImageData(0, 0, w, h).data;
      var gone = 0;
      var n = 0;
      for (var k = 3; k < d.length; k += 4 * 8) {
        n++;
        if (d[k] === 0) gone++;
      }
      return n ? gone / n : 0;
    }
    function reveal() {
      down = false;
      card.open = true;
      if (c.parentNode) c.parentNode.removeChild(c);
    }
    c.addEventListener("pointerdown", function (e) {
      down = true;
      if (c.setPointerCapture) c.setPointerCapture(e.pointerId);
      rub(e);
    });
    c.addEventListener("pointermove", function (e) {
      if (down) rub(e);
    });
    c.addEventListener("pointerup", function () {
      down = false;
      if (cleared() > 0.5) reveal();
    });
    c.addEventListener("click", function (e) {
      e.preventDefault();
    });
  }

  document.addEventListener("htmx:after:swap", scratchCards);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scratchCards);
  else scratchCards();
})();
