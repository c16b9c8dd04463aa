// Console only: in a file input marked data-resize, each chosen image longer than data-max px (1080 if absent)
// is redrawn at that size before upload: WebP if the browser can, else JPEG (PNG if transparent). Small
// images, GIFs (maybe animated) and failures are sent as chosen; the server checks every upload anyway.
(() => {
  var pending = new WeakMap(); // form → its shrinking (aria-busy meanwhile)

  function encode(canvas, type) {
    return new Promise((resolve) => {
      canvas.toBlob(resolve, type, 0.85);
    });
  }

  function opaque(ctx, w, h) {
    var px = ctx.getImageData(0, 0, w, h).data;
    for (var i = 3; i < px.length; i += 4) if (px[i] < 255) return false;
    return true;
  }

  // not an <img>: the CSP allows no blob: images
  function decode(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).catch(() => createImageBitmap(file));
  }

  async function shrink(file, max) {
    if (file.type === "image/gif") return file;
    try {
      var img = await decode(file);
      var scale = max / Math.max(img.width, img.height);
      if (!(scale < 1)) {
        img.close();
        return file;
      }
      var canvas = document.createElement("canvas");
      var w = (canvas.width = Math.round(img.width * scale));
      var h = (canvas.height = Math.round(img.height * scale));
      var ctx = canvas.getContext("2d");
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(img, 0, 0, w, h);
      img.close();
      var blob = await encode(canvas, "image/webp");
      // a browser that cannot write WebP answers a PNG
      if (!blob || blob.type !== "image/webp")
        blob = await encode(canvas, file.type === "image/jpeg" || opaque(ctx, w, h) ? "image/jpeg" : "image/png");
      if (!blob) return file;
      var ext = blob.type === "image/jpeg" ? "jpg" : blob.type.slice(6);
      return new File([blob], file.name.replace(/(\.\w*)?$/, "." + ext), {
        type: blob.type,
        lastModified: file.lastModified,
      });
    } catch {
      return file;
    }
  }

  async function shrinkInput(input) {
    var max = Number(input.getAttribute("data-max")) || 1080;
    var chosen = input.files;
    var files = [];
    // one at a time: one decoded photo in memory
    for (var i = 0; i < chosen.length; i++) files.push(await shrink(chosen[i], max));
    // unchanged, or chosen again meanwhile (shrunk in its turn)
    if (input.files !== chosen || files.every((f, i) => f === chosen[i])) return;
    var dt = new DataTransfer();
    files.forEach((f) => {
      dt.items.add(f);
    });
    input.files = dt.files;
  }

  document.addEventListener("change", (e) => {
    var input = e.target;
    if (!(input instanceof HTMLInputElement) || !input.files || !input.hasAttribute("data-resize") || !input.form)
      return;
    var form = input.form;
    var done = Promise.all([pending.get(form), shrinkInput(input).catch(() => {})]);
    pending.set(form, done);
    form.setAttribute("aria-busy", "true");
    done.then(() => {
      if (pending.get(form) !== done) return;
      pending.delete(form);
      form.removeAttribute("aria-busy");
    });
  });

  // a submit while shrinking waits for it, then goes ahead
  document.addEventListener(
    "submit",
    (e) => {
      var form = e.target;
      var wait = pending.get(form);
      if (!wait) return;
      e.preventDefault();
      wait.then(() => {
        if (form.requestSubmit) form.requestSubmit(e.submitter);
        else form.submit();
      });
    },
    true,
  );
})();
