// The admin console's import page: while an import runs, its panel (#import-status,
// data-refresh = milliseconds) is read again from the server. While it still runs, only the
// text of its live region changes (read out politely); once it is over, the panel is
// replaced by the report. Without script, the panel's link refreshes the page.
(function () {
  "use strict";
  function poll() {
    var panel = document.getElementById("import-status");
    if (!panel || !panel.dataset.refresh) return;
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("import-status");
          if (!fresh) return poll();
          var live = panel.querySelector("[data-progress]");
          var update = fresh.querySelector("[data-progress]");
          if (fresh.dataset.refresh && live && update) {
            live.innerHTML = update.innerHTML;
          } else {
            panel.innerHTML = fresh.innerHTML;
            delete panel.dataset.refresh;
          }
          poll();
        })
        .catch(poll);
    }, Number(panel.dataset.refresh) || 2000);
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
