// crmflow workspace: logging in and out through the Camunda webapps' own endpoints, so that one login
// serves Tasklist, Cockpit and the workspace. Plain JavaScript, no library, no build step.
//
// The webapps' login and logout are POSTs their CsrfPreventionFilter guards: the request must carry the
// session's CSRF token in the X-XSRF-TOKEN header. The filter hands a session its token once, on the
// session's first GET under /camunda, as a response header and as a cookie for /camunda (which a page
// under /app cannot read). So: a GET of the webapps' "who is logged in" endpoint either hands out the
// token (new session) or not (the session has one), and then the page has it, rendered from the session.
(function () {
  'use strict';

  async function webappCsrfToken(auth) {
    const response = await fetch(auth, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    const meta = document.querySelector('meta[name="crmflow-webapp-csrf"]');
    return response.headers.get('X-XSRF-TOKEN') || (meta && meta.content) || '';
  }

  function post(url, token, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-XSRF-TOKEN': token
      },
      body: body
    });
  }

  function setUpLogin(form) {
    const auth = form.getAttribute('data-auth');
    const error = document.getElementById('login-error');
    const button = form.querySelector('button[type=submit]');
    form.hidden = false;
    form.username.focus();

    function fail(message) {
      error.textContent = message;
      error.hidden = false;
      button.disabled = false;
      form.password.select();
    }

    form.addEventListener('submit', async event => {
      event.preventDefault();
      if (!form.username.value || !form.password.value) {
        fail('Enter your user name and password.');
        return;
      }
      error.hidden = true;
      button.disabled = true;
      const body = new URLSearchParams({username: form.username.value, password: form.password.value}).toString();
      try {
        // "tasklist": the app the login is for; every workspace user works in Tasklist
        let response = await post(auth + '/login/tasklist', await webappCsrfToken(auth), body);
        if (response.status === 403) {
          // a stale token (the filter then ends that session): once more, with the new session's token
          response = await post(auth + '/login/tasklist', await webappCsrfToken(auth), body);
        }
        if (response.ok) {
          window.location.assign(form.getAttribute('data-next'));
        } else if (response.status === 401) {
          fail('The user name or the password is wrong.');
        } else if (response.status === 403) {
          fail('This user may not use Tasklist, and so not the workspace either.');
        } else {
          fail('Logging in failed (HTTP ' + response.status + '). Try again.');
        }
      } catch (e) {
        fail('The server did not answer. Try again.');
      }
    });
  }

  function setUpLogout(button) {
    const auth = button.getAttribute('data-auth');
    button.hidden = false;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await post(auth + '/logout', await webappCsrfToken(auth), '');
      } finally {
        // out either way: a refused token makes the webapps end the whole session
        window.location.assign(button.getAttribute('data-next'));
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    // a list's filters: closed on a phone (the list first), open where there is room
    if (window.matchMedia('(min-width: 701px)').matches) {
      document.querySelectorAll('details.more-filters').forEach(details => { details.open = true; });
    }
    const form = document.getElementById('login');
    if (form) {
      setUpLogin(form);
    }
    document.querySelectorAll('[data-logout]').forEach(setUpLogout);
  });
})();
