// Live Markdown preview for the authoring forms. Progressive enhancement only: without this
// script the "Preview" button renders the same preview on the server.
/* global document, window, fetch, setTimeout, clearTimeout */
(function () {
  'use strict';
  var DELAY_MS = 400;

  function init() {
    var form = document.querySelector('form[data-preview-url]');
    var target = document.querySelector('[data-live-preview]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (!form || !target || !token || !window.fetch) return;
    var timer = null;
    var sequence = 0;

    function render(textarea) {
      var mine = ++sequence;
      fetch(form.getAttribute('data-preview-url'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          'x-csrf-token': token.getAttribute('content'),
          Accept: 'application/json',
        },
        body: JSON.stringify({ markdown: textarea.value }),
      })
        .then(function (res) {
          return res.ok ? res.json() : null;
        })
        .then(function (data) {
          // The server sanitised this HTML with the same rules learners' pages use.
          if (data && mine === sequence) target.innerHTML = data.html;
        })
        .catch(function () {
          /* keep the last preview; the Preview button still works */
        });
    }

    form.addEventListener('input', function (event) {
      var field = event.target;
      if (!field || !field.hasAttribute || !field.hasAttribute('data-markdown')) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        render(field);
      }, DELAY_MS);
    });
  }

  document.addEventListener('DOMContentLoaded', init);
})();
