/* Focal point picker on the photo form (issue 4): click the subject of the photo and the
   "focal point" fields take its position, from 0 to 1 across and down. Typing in the fields
   moves the marker. A file just chosen is previewed here before it is uploaded. */
(function () {
  "use strict";

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function init() {
    var preview = document.querySelector("[data-focal-preview]");
    var across = document.getElementById("id_focal_x");
    var down = document.getElementById("id_focal_y");
    var upload = document.getElementById("id_image");
    if (!preview || !across || !down) {
      return;
    }
    var marker = preview.parentNode.querySelector(".focal-marker");

    function place() {
      var x = parseFloat(across.value);
      var y = parseFloat(down.value);
      if (preview.hidden || isNaN(x) || isNaN(y)) {
        marker.hidden = true;
        return;
      }
      marker.style.left = clamp(x) * 100 + "%";
      marker.style.top = clamp(y) * 100 + "%";
      marker.hidden = false;
    }

    preview.addEventListener("click", function (event) {
      var box = preview.getBoundingClientRect();
      across.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
      down.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
      place();
    });
    across.addEventListener("input", place);
    down.addEventListener("input", place);

    if (upload) {
      upload.addEventListener("change", function () {
        var file = upload.files && upload.files[0];
        if (!file || !/^image\/(jpeg|png|webp|gif)$/.test(file.type)) {
          return;
        }
        preview.removeAttribute("width");
        preview.removeAttribute("height");
        preview.src = URL.createObjectURL(file);
        preview.hidden = false;
        place();
      });
    }
    place();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
