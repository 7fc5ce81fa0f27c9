// The print button: prints the page (or saves it as PDF) where JavaScript
// runs; without it the button is a link to the instructions below it.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
})();
