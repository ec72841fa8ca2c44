// Picture stories (图集): the track is a CSS scroll-snap strip, so touch swiping works with no script at all.
// This adds buttons, arrow keys and a "2 / 8" status for keyboard and screen-reader users.
document.querySelectorAll("[data-gallery]").forEach((gallery) => {
  const track = gallery.querySelector(".gallery-track");
  const slides = Array.from(track.querySelectorAll(".gallery-slide"));
  const status = gallery.querySelector(".gallery-status");
  const prev = gallery.querySelector(".gallery-prev");
  const next = gallery.querySelector(".gallery-next");
  const current = () => Math.round(track.scrollLeft / Math.max(1, track.clientWidth));
  const show = (index) => {
    const target = Math.max(0, Math.min(slides.length - 1, index));
    track.scrollTo({ left: slides[target].offsetLeft - track.offsetLeft, behavior: "smooth" });
    update(target);
  };
  const update = (index = current()) => {
    status.textContent = `${index + 1} / ${slides.length}`;
    prev.disabled = index === 0;
    next.disabled = index === slides.length - 1;
  };
  gallery.querySelector(".gallery-controls").hidden = false;
  prev.addEventListener("click", () => show(current() - 1));
  next.addEventListener("click", () => show(current() + 1));
  gallery.addEventListener("keydown", (event) => {
    if (event.key === "ArrowRight") show(current() + 1);
    else if (event.key === "ArrowLeft") show(current() - 1);
    else if (event.key === "Home") show(0);
    else if (event.key === "End") show(slides.length - 1);
    else return;
    event.preventDefault();
  });
  let settle;
  track.addEventListener("scroll", () => {
    clearTimeout(settle);
    settle = setTimeout(() => update(), 80);
  });
  update(0);
});
