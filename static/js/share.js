// "Copy link" on story pages (issue 17). Without this script it is a plain link to the story,
// whose address a reader can copy as any link's; where the browser lets a page write to the
// clipboard, the link becomes a button that copies the address and says so.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("a[data-copy-link]").forEach(function (link) {
    var status = link.parentElement.querySelector(".share__status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "share__copy";
    button.textContent = link.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href).then(
        function () {
          status.textContent = "Link copied";
        },
        function () {
          status.textContent = "Could not copy the link";
        }
      );
    });
    link.replaceWith(button);
  });
})();
