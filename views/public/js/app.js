/* global document, window, fetch, FormData, URLSearchParams, setTimeout, clearTimeout, navigator */
// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to an error summary so screen-reader and keyboard users hear what went wrong.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  });
  // Buttons with data-confirm ask before submitting (e.g. delete); without JS they just submit.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var message = form && form.getAttribute && form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();

// Grading drafts save themselves while the mentor works and when the tab is hidden or closed,
// so an in-progress grading is never lost (the "Save draft" button does the same without JS).
(function () {
  var form = document.querySelector('form[data-autosave="grading"]');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  // Not form.action: the buttons named "action" shadow that property.
  var url = form.getAttribute('action');
  var status = form.querySelector('[data-autosave-status]');
  var timer = null;
  var dirty = false;
  function body() {
    var data = new URLSearchParams(new FormData(form));
    data.delete('action');
    return data;
  }
  function say(text) {
    if (status) status.textContent = text;
  }
  function save() {
    if (!dirty) return;
    dirty = false;
    fetch(url, {
      method: 'POST',
      body: body(),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.json() : Promise.reject(res);
      })
      .then(function (json) {
        say('Draft saved. Total so far: ' + json.total + ' of ' + json.maxTotal + ' points.');
      })
      .catch(function () {
        dirty = true;
        say('The draft could not be saved automatically; use "Save draft".');
      });
  }
  function later(ms) {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, ms);
  }
  form.addEventListener('input', function () {
    later(1500);
  });
  form.addEventListener('change', function () {
    later(300);
  });
  form.addEventListener('submit', function () {
    dirty = false;
    clearTimeout(timer);
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && dirty && navigator.sendBeacon) {
      dirty = false;
      navigator.sendBeacon(url, body());
    }
  });
})();
