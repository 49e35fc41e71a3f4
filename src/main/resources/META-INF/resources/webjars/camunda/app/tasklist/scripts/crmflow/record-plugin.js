// crmflow's Tasklist plug-in: shows the record behind a task, read live from crmflow's API as the
// logged-in Tasklist user (the webapp session authenticates /api). Personal data never enters the
// engine: it is fetched here, when a person looks, and never stored.
//
// Three plug-in points (Camunda 7 "render" plug-ins, loaded as a custom script by config.js):
//   tasklist.card           one line per card naming the record, so many "Review lead" tasks differ
//   tasklist.task.detail    the "Record" tab, shown first: the whole record and "Open in crmflow"
//   tasklist.navbar.action  "Open crmflow workspace" in Tasklist's header: the record lists at /app
//
// Everything from the API reaches the page through textContent or attributes, never as HTML.

const APP_ROOT = document.querySelector('base').getAttribute('app-root') || '/camunda';
// crmflow's /api lives beside the webapps: /camunda/... -> /...
const CONTEXT_ROOT = APP_ROOT.replace(/\/[^/]*$/, '');
const CARD_CACHE_MILLIS = 30000;

/** An answer of crmflow's API that is not 2xx. */
class ApiError extends Error {
  constructor(status) {
    super('HTTP ' + status);
    this.status = status;
  }
}

async function getJson(path) {
  const response = await fetch(CONTEXT_ROOT + path, {
    credentials: 'same-origin',
    // X-Requested-With: a lapsed session answers 401 without opening the browser's Basic login dialog
    headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}
  });
  if (!response.ok) {
    throw new ApiError(response.status);
  }
  return response.json();
}

/**
 * The task's record reference ({type, id, href, api, taskDefinitionKey}), the record read through it and,
 * for a type that names one (an opportunity: its lead, the person), a related record; a related record the
 * user may not read is left out. For a to-do added to the record, also that to-do (its title).
 */
async function loadRecord(taskId) {
  const ref = await getJson('/api/tasks/' + encodeURIComponent(taskId) + '/record');
  let record;
  try {
    record = await getJson(ref.api);
  } catch (error) {
    error.ref = ref;
    throw error;
  }
  const type = TYPES[ref.type];
  const relatedPath = type && type.related ? type.related(record) : null;
  const related = relatedPath ? await getJson(relatedPath).catch(() => null) : null;
  return {ref, record, related, toDo: await toDoOf(ref, taskId)};
}

// A task a person added to the record ("To do", bpmn/record-task.bpmn): its title is crmflow's, never the
// engine's, and is read from the record's task list.
const TO_DO_TASK = 'Task_ToDo';

async function toDoOf(ref, taskId) {
  if (ref.taskDefinitionKey !== TO_DO_TASK) {
    return null;
  }
  const tasks = await getJson(ref.api + '/tasks');
  return tasks.find(task => task.taskId === taskId) || null;
}

function toDoPanel(toDo) {
  return el('div', {class: 'alert alert-info crmflow-todo', 'data-field': 'toDo'},
    el('strong', {'data-field': 'toDoTitle'}, toDo.title),
    el('div', {class: 'crmflow-when'}, 'Due ' + dateTime(toDo.due) + ' · added by ' + toDo.createdBy + ' '
      + dateTime(toDo.createdAt)));
}

// Cards are drawn again whenever Tasklist refreshes its list: a short cache spares the API.
const cardCache = new Map();

function cachedRecord(taskId) {
  const hit = cardCache.get(taskId);
  if (hit && Date.now() - hit.at < CARD_CACHE_MILLIS) {
    return hit.promise;
  }
  const promise = loadRecord(taskId);
  cardCache.set(taskId, {at: Date.now(), promise});
  promise.catch(() => cardCache.delete(taskId));
  return promise;
}

// ---- DOM helpers: text only --------------------------------------------------------------------

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, String(value));
    }
  });
  children.flat().forEach(child => {
    if (child === undefined || child === null || child === '') {
      return;
    }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return node;
}

function number(value, digits) {
  if (value === undefined || value === null) {
    return '';
  }
  return Number(value).toLocaleString(undefined, {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

function money(value) {
  return number(value, 2);
}

function dateTime(value) {
  return value ? new Date(value).toLocaleString() : '';
}

function humanize(value) {
  return value ? String(value).toLowerCase().replace(/_/g, ' ') : '';
}

/** A definition list of the fields that have a value. */
function fields(rows) {
  const list = el('dl', {class: 'dl-horizontal crmflow-fields'});
  rows.filter(([, value]) => value !== undefined && value !== null && value !== '').forEach(([label, value, key]) => {
    list.appendChild(el('dt', {}, label));
    list.appendChild(el('dd', {'data-field': key}, value));
  });
  return list;
}

function section(title, ...content) {
  return el('div', {class: 'crmflow-section'}, el('h4', {}, title), ...content);
}

function longText(text, key) {
  return el('p', {class: 'crmflow-text', 'data-field': key}, text);
}

function timeline(steps) {
  if (!steps || !steps.length) {
    return null;
  }
  return section('Timeline', el('ol', {class: 'crmflow-timeline'}, steps.map(step =>
    el('li', {}, el('span', {class: 'crmflow-when'}, dateTime(step.startedAt)), ' ', step.name,
      step.endedAt ? '' : ' (now)', step.canceled ? ' (cancelled)' : ''))));
}

function messages(entries) {
  if (!entries || !entries.length) {
    return null;
  }
  return section('Messages', el('table', {class: 'table table-condensed crmflow-messages'},
    el('thead', {}, el('tr', {}, el('th', {}, 'When'), el('th', {}, 'Message'), el('th', {}, 'Channel'),
      el('th', {}, 'Status'))),
    el('tbody', {}, entries.map(entry => el('tr', {},
      el('td', {}, dateTime(entry.sentAt || entry.createdAt)), el('td', {}, entry.template),
      el('td', {}, humanize(entry.channel)), el('td', {}, humanize(entry.status)))))));
}

// ---- per record type: card line and detail -----------------------------------------------------

const TYPES = {
  lead: {
    card: lead => [lead.name, lead.company, lead.rating],
    title: lead => [lead.name, lead.company].filter(Boolean).join(', '),
    detail: lead => [
      fields([
        ['Name', lead.name, 'name'],
        ['Company', lead.company, 'company'],
        ['Email', lead.email, 'email'],
        ['Phone', lead.phone, 'phone'],
        ['Source', humanize(lead.source), 'source'],
        ['Company size', number(lead.companySize, 0), 'companySize'],
        ['Budget', money(lead.budget), 'budget'],
        ['Score', lead.score, 'score'],
        ['Rating', lead.rating, 'rating'],
        ['Status', humanize(lead.status), 'status'],
        ['Owner', lead.owner, 'owner'],
        ['Submitted', dateTime(lead.createdAt), 'createdAt']
      ]),
      lead.reviewNote ? section('Review note', longText(lead.reviewNote, 'reviewNote')) : null,
      timeline(lead.timeline),
      messages(lead.messages)
    ]
  },
  case: {
    card: (supportCase, ref) => ref.taskDefinitionKey === 'Task_ApproveRefund'
      ? [supportCase.caseNumber, 'refund ' + money(supportCase.refundAmount)]
      : [supportCase.caseNumber, supportCase.subject, supportCase.priority],
    title: supportCase => [supportCase.caseNumber, supportCase.subject].filter(Boolean).join(': '),
    detail: supportCase => [
      fields([
        ['Customer', [supportCase.customerName, supportCase.customerEmail && '<' + supportCase.customerEmail + '>']
          .filter(Boolean).join(' '), 'customer'],
        ['Subject', supportCase.subject, 'subject'],
        ['Status', humanize(supportCase.status), 'status'],
        ['Priority', supportCase.priority, 'priority'],
        ['Team', supportCase.team, 'team'],
        ['Category', humanize(supportCase.category), 'category'],
        ['Order reference', supportCase.orderReference, 'orderReference'],
        ['Refund', supportCase.refundAmount === undefined || supportCase.refundAmount === null ? ''
          : [money(supportCase.refundAmount), humanize(supportCase.refundStatus), supportCase.refundReference]
            .filter(Boolean).join(' · '), 'refund'],
        ['Opened', dateTime(supportCase.createdAt), 'createdAt']
      ]),
      section('Description', longText(supportCase.description, 'description')),
      supportCase.replies && supportCase.replies.length
        ? section('Replies, newest first', el('ol', {class: 'crmflow-replies'}, supportCase.replies
          .slice().sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
          .map(reply => el('li', {'data-field': 'reply'},
            el('div', {class: 'crmflow-when'}, dateTime(reply.createdAt), reply.receivedBy ? ' · ' + reply.receivedBy : ''),
            longText(reply.message)))))
        : null,
      supportCase.resolution ? section('Last answer', longText(supportCase.resolution, 'resolution')) : null,
      timeline(supportCase.timeline),
      messages(supportCase.messages)
    ]
  },
  opportunity: {
    // the opportunity holds ids only: the person is its lead's
    related: opportunity => opportunity.leadId ? '/api/leads/' + encodeURIComponent(opportunity.leadId) : null,
    card: (opportunity, ref, lead) => [lead ? lead.name : 'Opportunity ' + String(opportunity.id).slice(0, 8),
      lead && lead.company, humanize(opportunity.status)],
    title: (opportunity, lead) => lead ? [lead.name, lead.company].filter(Boolean).join(', ')
      : 'Opportunity ' + String(opportunity.id).slice(0, 8),
    detail: (opportunity, lead) => [
      fields([
        ['Status', humanize(opportunity.status), 'status'],
        ['Owner', opportunity.owner, 'owner'],
        ['Opened', dateTime(opportunity.createdAt), 'createdAt']
      ]),
      lead ? section('Customer', fields([
        ['Name', lead.name, 'name'],
        ['Company', lead.company, 'company'],
        ['Email', lead.email, 'email'],
        ['Phone', lead.phone, 'phone']
      ]), el('a', {class: 'crmflow-open', href: CONTEXT_ROOT + '/app/leads/' + encodeURIComponent(opportunity.leadId),
        target: '_blank', rel: 'noopener'}, 'Open the lead')) : null
    ]
  },
  quote: {
    // what the customer wrote back to the quote's emails (kept in crmflow, never in the engine)
    related: quote => '/api/quotes/' + encodeURIComponent(quote.id) + '/email-replies',
    card: quote => ['Quote ' + String(quote.id).slice(0, 8), money(quote.total),
      quote.discountPercent ? number(quote.discountPercent, 0) + ' % discount' : 'no discount'],
    title: quote => 'Quote ' + String(quote.id).slice(0, 8),
    detail: (quote, replies) => [
      section('Line items', el('table', {class: 'table table-condensed crmflow-lines'},
        el('thead', {}, el('tr', {}, el('th', {}, 'Product'), el('th', {class: 'text-right'}, 'Quantity'),
          el('th', {class: 'text-right'}, 'Unit price'), el('th', {class: 'text-right'}, 'Total'))),
        el('tbody', {}, (quote.lineItems || []).map(line => el('tr', {'data-field': 'line'},
          el('td', {}, line.product), el('td', {class: 'text-right'}, line.quantity),
          el('td', {class: 'text-right'}, money(line.unitPrice)), el('td', {class: 'text-right'}, money(line.lineTotal))))))),
      fields([
        ['Subtotal', money(quote.subtotal), 'subtotal'],
        ['Discount', quote.discountPercent === undefined || quote.discountPercent === null ? ''
          : number(quote.discountPercent, 2) + ' % (' + money(quote.discountAmount) + ')', 'discount'],
        ['Total', money(quote.total), 'total'],
        ['Valid for', quote.validityDays ? quote.validityDays + ' days' : '', 'validityDays'],
        ['Valid until', dateTime(quote.validUntil), 'validUntil'],
        ['Status', humanize(quote.status), 'status'],
        ['Owner', quote.owner, 'owner'],
        ['Rejected because', quote.rejectionReason, 'rejectionReason']
      ]),
      replies && replies.length
        ? section("The customer's email replies, newest first", el('ol', {class: 'crmflow-replies'}, replies
          .map(reply => el('li', {'data-field': 'emailReply'},
            el('div', {class: 'crmflow-when'}, dateTime(reply.receivedAt), reply.sender ? ' · ' + reply.sender : '',
              reply.subject ? ' · ' + reply.subject : ''),
            longText(reply.text)))))
        : null,
      timeline(quote.timeline)
    ]
  }
};

// ---- panels for what went wrong ----------------------------------------------------------------

function problemPanel(error, compact) {
  if (error.status === 403) {
    return el('div', {class: 'alert alert-warning crmflow-forbidden', 'data-state': 'forbidden'},
      'You are not allowed to see this record.',
      compact ? '' : ' Your groups may work on this task, but not read its ' + ((error.ref && error.ref.type) || 'record')
        + '. Ask a supervisor if you need it.');
  }
  if (error.status === 401) {
    return el('div', {class: 'alert alert-warning crmflow-signed-out', 'data-state': 'signed-out'},
      'Your session has ended: log in again to see the record.');
  }
  if (error.status === 404 && !error.ref) {
    return compact ? null : el('div', {class: 'alert alert-info', 'data-state': 'none'},
      'This task works on no crmflow record.');
  }
  return el('div', {class: 'alert alert-danger', 'data-state': 'error'},
    'The record could not be loaded (' + (error.status ? 'HTTP ' + error.status : 'no answer') + ').');
}

/** Replaces what a render left in node, unless node has moved on to another task meanwhile. */
function show(node, taskId, content) {
  if (node.getAttribute('data-task-id') !== taskId) {
    return;
  }
  node.replaceChildren(...[content].flat().filter(Boolean));
}

function openLink(ref) {
  return el('a', {class: 'crmflow-open', href: CONTEXT_ROOT + ref.href, target: '_blank', rel: 'noopener'},
    'Open in crmflow');
}

// ---- the plug-ins ------------------------------------------------------------------------------

function renderCard(node, {taskId}) {
  node.setAttribute('data-task-id', taskId);
  node.classList.add('crmflow-card');
  cachedRecord(taskId).then(({ref, record, related, toDo}) => {
    const type = TYPES[ref.type];
    if (!type) {
      return;
    }
    const parts = [toDo && toDo.title, ...type.card(record, ref, related)]
      .filter(part => part !== undefined && part !== null && part !== '');
    show(node, taskId, el('div', {class: 'crmflow-card-line', 'data-record-type': ref.type, 'data-record-id': ref.id},
      parts.map((part, index) => el('span', {class: 'crmflow-card-part'}, index ? ' · ' : '', part))));
  }).catch(error => show(node, taskId, problemPanel(error, true)));
}

function renderDetail(node, {taskId}) {
  node.setAttribute('data-task-id', taskId);
  node.classList.add('crmflow-record');
  show(node, taskId, el('p', {class: 'text-muted', 'data-state': 'loading'}, 'Loading the record…'));
  // live: the detail always reads the record afresh, never from the card cache
  loadRecord(taskId).then(({ref, record, related, toDo}) => {
    const type = TYPES[ref.type];
    if (!type) {
      show(node, taskId, problemPanel({status: 404}, false));
      return;
    }
    show(node, taskId, el('div', {'data-state': 'loaded', 'data-record-type': ref.type, 'data-record-id': ref.id},
      toDo ? toDoPanel(toDo) : null,
      el('div', {class: 'crmflow-record-header'}, el('h3', {}, type.title(record, related)), openLink(ref)),
      type.detail(record, related)));
  }).catch(error => show(node, taskId, problemPanel(error, false)));
}

function renderWorkspaceLink(node) {
  node.replaceChildren(el('a', {class: 'crmflow-workspace', href: CONTEXT_ROOT + '/app'}, 'Open crmflow workspace'));
}

const style = document.createElement('style');
style.textContent = `
  .crmflow-card-line { font-size: 12px; color: #555; margin-top: 2px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .crmflow-card .alert { padding: 2px 6px; margin: 2px 0 0; font-size: 12px; }
  .crmflow-record { padding: 10px 15px; }
  .crmflow-record-header { display: flex; align-items: baseline; justify-content: space-between; }
  .crmflow-record-header h3 { margin-top: 0; }
  .crmflow-fields dt { width: 140px; }
  .crmflow-fields dd { margin-left: 160px; }
  .crmflow-section h4 { margin-top: 18px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
  .crmflow-text { white-space: pre-wrap; }
  .crmflow-when { color: #777; font-size: 12px; }
  .crmflow-replies, .crmflow-timeline { padding-left: 18px; }
`;
document.head.appendChild(style);

export default [
  {
    id: 'crmflow.record.card',
    pluginPoint: 'tasklist.card',
    priority: 10,
    render: renderCard
  },
  {
    id: 'crmflow.record.detail',
    pluginPoint: 'tasklist.task.detail',
    // above Camunda's Form tab (1000): the record is what a person reads first
    priority: 2000,
    properties: {label: 'Record'},
    render: renderDetail
  },
  {
    id: 'crmflow.workspace.link',
    pluginPoint: 'tasklist.navbar.action',
    priority: 400,
    render: renderWorkspaceLink
  }
];
