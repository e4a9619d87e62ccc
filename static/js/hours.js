// The hours log and its printable summary. Everything works without this file;
// it only adds a "Print" button (print.html).
(function () {
  "use strict";
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
