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

  function idempotencyKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  /** What a problem+json answer says went wrong: each field named, or its detail. */
  async function problemText(response) {
    try {
      const problem = await response.json();
      if (problem.errors && problem.errors.length) {
        return problem.errors.map(error => error.field + ': ' + error.message).join('; ');
      }
      return problem.detail || problem.title || 'HTTP ' + response.status;
    } catch (e) {
      return 'HTTP ' + response.status;
    }
  }

  // "Add a task" on a record's page: crmflow's API, as the logged-in user (the webapp session and its CSRF
  // token); one Idempotency-Key per form, so a double click or a retry after a lost answer adds one task.
  function setUpAddTask(form) {
    const error = form.querySelector('[data-add-task-error]');
    const button = form.querySelector('button[type=submit]');
    const key = idempotencyKey();
    form.hidden = false;

    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.hidden = true;
      const due = new Date(form.due.value);
      if (!form.title.value.trim() || isNaN(due)) {
        error.textContent = 'Say what to do and by when.';
        error.hidden = false;
        return;
      }
      button.disabled = true;
      const body = {title: form.title.value, due: due.toISOString()};
      if (form.assignee.value.trim()) {
        body.assignee = form.assignee.value.trim();
      }
      try {
        const response = await fetch(form.getAttribute('data-api'), {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            Accept: 'application/json',
            'Content-Type': 'application/json',
            'Idempotency-Key': key,
            'X-Requested-With': 'XMLHttpRequest',
            'X-XSRF-TOKEN': await webappCsrfToken(form.getAttribute('data-auth'))
          },
          body: JSON.stringify(body)
        });
        if (response.ok) {
          window.location.reload();
          return;
        }
        error.textContent = response.status === 401 ? 'Your session has ended: log in again.'
          : 'The task was not added. ' + await problemText(response);
      } catch (e) {
        error.textContent = 'The server did not answer. Try again.';
      }
      error.hidden = false;
      button.disabled = false;
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
    document.querySelectorAll('[data-add-task]').forEach(setUpAddTask);
  });
})();
