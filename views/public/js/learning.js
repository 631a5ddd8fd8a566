/* global document, window, fetch, setTimeout, clearTimeout */
// Progressive enhancement for lesson pages: reflections save themselves a couple of seconds after
// the learner stops typing. Without this file the "Save reflection" button does the same job.
(function () {
  'use strict';
  var DELAY_MS = 2000;
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute('content') : '';

  function setup(form) {
    var textarea = form.querySelector('textarea');
    var status = form.querySelector('[data-autosave-status]');
    if (!textarea || !status || !window.fetch) return;
    var timer = null;
    var lastSaved = textarea.value;

    function save() {
      var text = textarea.value;
      if (text === lastSaved) return;
      status.textContent = 'Saving…';
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ text: text }),
      })
        .then(function (res) {
          if (!res.ok) throw new Error('status ' + res.status);
          return res.json();
        })
        .then(function (body) {
          lastSaved = text;
          var when = new Date(body.savedAt);
          status.textContent = 'Saved automatically at ' + when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + '.';
        })
        .catch(function () {
          status.textContent = 'Could not save automatically. Use the "Save reflection" button.';
        });
    }

    textarea.addEventListener('input', function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    });
    textarea.addEventListener('blur', save);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var forms = document.querySelectorAll('form[data-autosave]');
    for (var i = 0; i < forms.length; i++) setup(forms[i]);
  });
})();
