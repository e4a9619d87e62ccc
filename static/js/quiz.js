// Saves each answer as it is chosen, so a dropped connection loses nothing.
// Without JavaScript the form still submits every answer at the end.
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form) return;
  var url = form.getAttribute("data-answer-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  // The page writes these in its own language (templates/assessments/take.html);
  // the English is what an older copy of the page would have meant.
  function said(name, english) {
    return form.getAttribute("data-" + name) || english;
  }
  var SAVING = said("saving", "Saving…");
  var SAVED = said("saved", "Saved.");
  var NOT_SAVED = said("not-saved", "Not saved. It will be sent when you submit.");
  var OFFLINE = said("offline", "Not saved yet (no connection). It will be sent when you submit.");

  function status(questionId, text) {
    var el = form.querySelector('[data-status-for="' + questionId + '"]');
    if (el) el.textContent = text;
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    var questionId = input.getAttribute("data-question");
    if (!questionId) return;
    var chosen = Array.prototype.map.call(
      form.querySelectorAll('input[data-question="' + questionId + '"]:checked'),
      function (el) { return el.value; }
    );
    status(questionId, SAVING);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ question: questionId, choices: chosen }),
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (result.ok) {
          status(questionId, SAVED);
        } else if (result.body.closed) {
          window.location.reload();
        } else {
          status(questionId, result.body.error || NOT_SAVED);
        }
      })
      .catch(function () {
        status(questionId, OFFLINE);
      });
  });
})();
