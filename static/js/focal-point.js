// Click on the picture to set the focal point that crops keep; the two number fields follow.
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-picker");
  const x = document.getElementById("id_focal_x");
  const y = document.getElementById("id_focal_y");
  if (!picker || !x || !y) return;
  const marker = picker.querySelector(".focal-marker");
  const show = () => {
    marker.style.left = `${parseFloat(x.value) * 100}%`;
    marker.style.top = `${parseFloat(y.value) * 100}%`;
  };
  picker.querySelector("img").addEventListener("click", (event) => {
    const box = event.currentTarget.getBoundingClientRect();
    x.value = ((event.clientX - box.left) / box.width).toFixed(3);
    y.value = ((event.clientY - box.top) / box.height).toFixed(3);
    show();
  });
  x.addEventListener("input", show);
  y.addEventListener("input", show);
  show();
});
