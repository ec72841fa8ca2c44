"use strict";
// The article body's 插入图库图片 button (images.admin.BodyImagePickerWidget). The button opens the image
// library in Django's lookup popup; choosing or uploading a picture there sets the hidden input beside it,
// and this script then inserts that picture at the cursor as a figure the server recognises by its id.
(function () {
  const editors = new Map(); // textarea id → its editor, announced by django-prose-editor when ready

  document.addEventListener("prose-editor:ready", (event) => {
    editors.set(event.detail.textarea.id, event.detail.editor);
  });

  function say(choice, text) {
    choice.parentElement.querySelector(".body-library-status").textContent = text;
  }

  function insert(choice) {
    const editor = editors.get(choice.dataset.editor);
    if (!editor) {
      say(choice, "编辑器尚未加载完成,请稍后再试。");
      return;
    }
    const url = new URL(choice.dataset.figureUrl, window.location.href);
    url.searchParams.set("id", choice.value);
    choice.value = "";
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => response.json().then((data) => ({ ok: response.ok, data })))
      .then(({ ok, data }) => {
        if (!ok) {
          say(choice, data.error || "无法插入这张图片。");
          return;
        }
        const content = [{ type: "image", attrs: { src: data.src, alt: data.alt, file: String(data.id) } }];
        if (data.caption) {
          content.push({ type: "caption", content: [{ type: "text", text: data.caption }] });
        }
        editor.chain().focus().insertContent({ type: "figure", content }).run();
        say(choice, data.alt ? "" : "这张图片还没有替代文字:发布前请在图片库中填写。");
      })
      .catch(() => say(choice, "无法插入这张图片,请检查网络后重试。"));
  }

  window.addEventListener("DOMContentLoaded", () => {
    // Django's popup reports the choice with a jQuery "change" event, which native listeners do not see.
    window.django.jQuery(document).on("change", ".body-library-choice", function () {
      if (this.value) insert(this);
    });
  });
})();
