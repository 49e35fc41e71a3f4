// crmflow workflow dashboard: fetches /api/metrics with the browser's credentials and draws SVG
// charts itself (no chart library, no CDN). Every chart marks its bars with class "bar" and the
// number of data points in data-points, which the browser test reads.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const processSelect = document.getElementById('process');
  const windowSelect = document.getElementById('window');
  const status = document.getElementById('status');
  const HOUR = 3600 * 1000;
  const WINDOWS = { PT24H: 24 * HOUR, P7D: 7 * 24 * HOUR, P31D: 31 * 24 * HOUR };
  const BUCKETS = { PT24H: 'PT1H', P7D: 'PT6H', P31D: 'P1D' };
  const BUCKET_MS = { PT1H: HOUR, PT6H: 6 * HOUR, P1D: 24 * HOUR };

  async function get(path) {
    // absolute, from the origin: the page may have been opened as http://user:password@host/…, and
    // fetch refuses URLs that carry credentials; the browser sends its cached Basic credentials itself
    const response = await fetch(window.location.origin + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(path + ': HTTP ' + response.status);
    }
    return response.json();
  }

  function el(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function clear(svg) {
    while (svg.firstChild) {
      svg.removeChild(svg.firstChild);
    }
  }

  function size(svg) {
    const box = svg.viewBox.baseVal;
    return { width: box.width, height: box.height };
  }

  function empty(svg, message) {
    const { width, height } = size(svg);
    svg.appendChild(el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' },
      message || 'no data in this window'));
    svg.setAttribute('data-points', '0');
  }

  function millis(value) {
    if (value === null || value === undefined) return '–';
    if (value < 1000) return Math.round(value) + ' ms';
    if (value < 60000) return (value / 1000).toFixed(1) + ' s';
    if (value < 3600000) return (value / 60000).toFixed(1) + ' min';
    return (value / 3600000).toFixed(1) + ' h';
  }

  /** Vertical grouped bars: categories along x, one bar per series in each. */
  function columns(svg, categories, series, format, legend) {
    clear(svg);
    const values = categories.flatMap(c => series.map(s => s.value(c) || 0));
    if (!categories.length || values.every(v => v === 0)) {
      empty(svg);
      return;
    }
    const { width, height } = size(svg);
    const left = 48, bottom = 36, top = legend ? 22 : 8;
    const plotWidth = width - left - 8, plotHeight = height - bottom - top;
    const max = Math.max(...values);
    svg.appendChild(el('line', { x1: left, y1: top + plotHeight, x2: width - 8, y2: top + plotHeight, class: 'axis' }));
    svg.appendChild(el('text', { x: left - 4, y: top + 8, 'text-anchor': 'end' }, format(max)));
    svg.appendChild(el('text', { x: left - 4, y: top + plotHeight, 'text-anchor': 'end' }, format(0)));
    const slot = plotWidth / categories.length;
    const barWidth = Math.max(1, (slot * 0.8) / series.length);
    const labelEvery = Math.ceil(categories.length / 12);
    categories.forEach((category, i) => {
      series.forEach((s, j) => {
        const value = s.value(category) || 0;
        const barHeight = max === 0 ? 0 : (value / max) * plotHeight;
        const rect = el('rect', {
          x: left + i * slot + slot * 0.1 + j * barWidth, y: top + plotHeight - barHeight,
          width: barWidth, height: barHeight, class: 'bar s' + j, 'data-value': value
        });
        rect.appendChild(el('title', {}, s.label + ' · ' + category.label + ': ' + format(value)));
        svg.appendChild(rect);
      });
      if (i % labelEvery === 0) {
        const room = Math.max(3, Math.floor((slot * labelEvery) / 6.5)); // characters that fit under the bars
        const label = category.label.length > room ? category.label.slice(0, room - 1) + '…' : category.label;
        const text = el('text', { x: left + i * slot + slot / 2, y: height - bottom + 14, 'text-anchor': 'middle' },
          label);
        text.appendChild(el('title', {}, category.label));
        svg.appendChild(text);
      }
    });
    if (legend) {
      series.forEach((s, j) => {
        svg.appendChild(el('rect', { x: left + j * 110, y: 4, width: 10, height: 10, class: 's' + j }));
        svg.appendChild(el('text', { x: left + j * 110 + 14, y: 13 }, s.label));
      });
    }
    svg.setAttribute('data-points', String(categories.length));
  }

  /** Horizontal bars: one row per item, one bar per series. */
  function rows(svg, items, series, format) {
    clear(svg);
    if (!items.length) {
      empty(svg);
      return;
    }
    const { width } = size(svg);
    const labelWidth = 150, right = 70, rowHeight = Math.min(40, 250 / items.length);
    const max = Math.max(...items.flatMap(item => series.map(s => s.value(item) || 0)), 1e-9);
    const barHeight = (rowHeight * 0.75) / series.length;
    items.forEach((item, i) => {
      const y = 4 + i * rowHeight;
      svg.appendChild(el('text', { x: labelWidth - 6, y: y + rowHeight * 0.45, 'text-anchor': 'end' },
        item.label.length > 24 ? item.label.slice(0, 23) + '…' : item.label));
      series.forEach((s, j) => {
        const value = s.value(item) || 0;
        const barWidth = (value / max) * (width - labelWidth - right);
        const rect = el('rect', { x: labelWidth, y: y + j * barHeight, width: barWidth, height: barHeight - 1,
          class: 'bar s' + j, 'data-value': value });
        rect.appendChild(el('title', {}, s.label + ' · ' + item.label + ': ' + format(value)));
        svg.appendChild(rect);
        svg.appendChild(el('text', { x: labelWidth + barWidth + 4, y: y + j * barHeight + barHeight * 0.75 },
          format(value)));
      });
    });
    svg.setAttribute('data-points', String(items.length));
  }

  /**
   * Lines over categories for values from 0 to 1 (shares), one per series; a missing value (nothing to
   * divide) leaves a gap. Each point is a circle of class "point" carrying its value.
   */
  function lines(svg, categories, series) {
    clear(svg);
    if (!categories.length || categories.every(c => series.every(s => s.value(c) === null || s.value(c) === undefined))) {
      empty(svg);
      return;
    }
    const { width, height } = size(svg);
    const left = 48, bottom = 36, top = 22;
    const plotWidth = width - left - 8, plotHeight = height - bottom - top;
    const slot = plotWidth / categories.length;
    const y = value => top + plotHeight - value * plotHeight;
    svg.appendChild(el('line', { x1: left, y1: top + plotHeight, x2: width - 8, y2: top + plotHeight, class: 'axis' }));
    svg.appendChild(el('text', { x: left - 4, y: top + 8, 'text-anchor': 'end' }, '100 %'));
    svg.appendChild(el('text', { x: left - 4, y: top + plotHeight, 'text-anchor': 'end' }, '0 %'));
    series.forEach((s, j) => {
      let path = [];
      const flush = () => {
        if (path.length > 1) svg.appendChild(el('polyline', { points: path.join(' '), class: 'line s' + j }));
        path = [];
      };
      categories.forEach((category, i) => {
        const value = s.value(category);
        if (value === null || value === undefined) {
          flush();
          return;
        }
        const x = left + i * slot + slot / 2;
        path.push(x + ',' + y(value));
        const point = el('circle', { cx: x, cy: y(value), r: 2.5, class: 'point s' + j, 'data-value': value });
        point.appendChild(el('title', {}, s.label + ' · ' + category.label + ': ' + percent(value)));
        svg.appendChild(point);
      });
      flush();
      svg.appendChild(el('rect', { x: left + j * 150, y: 4, width: 10, height: 10, class: 's' + j }));
      svg.appendChild(el('text', { x: left + j * 150 + 14, y: 13 }, s.label));
    });
    const labelEvery = Math.ceil(categories.length / 12);
    categories.forEach((category, i) => {
      if (i % labelEvery === 0) {
        svg.appendChild(el('text', { x: left + i * slot + slot / 2, y: height - bottom + 14, 'text-anchor': 'middle' },
          category.label));
      }
    });
    svg.setAttribute('data-points', String(categories.length));
  }

  /** One tile per process: its throughput rate (with what it divides) and flow efficiency in the window. */
  function rateTiles(processes, selected) {
    const tiles = document.getElementById('rate-tiles');
    tiles.replaceChildren(...processes.map(p => {
      const div = document.createElement('div');
      div.className = 'tile' + (p.processKey === selected ? ' selected' : '');
      div.setAttribute('data-process', p.processKey);
      div.innerHTML = '<div class="name"></div><div class="figure rate"></div><div class="figure flow"></div>';
      div.querySelector('.name').textContent = p.name;
      div.querySelector('.rate').innerHTML = '<b></b> throughput rate <span></span>';
      div.querySelector('.rate b').textContent = percent(p.throughputRate);
      div.querySelector('.rate span').textContent = '(' + p.completedInWindow + ' of ' + p.totalInWindow + ')';
      div.querySelector('.flow').innerHTML = '<b></b> flow efficiency';
      div.querySelector('.flow b').textContent = percent(p.flowEfficiency);
      return div;
    }));
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '–' : Math.round(rate * 100) + ' %';
  }

  /**
   * A funnel: one bar per step, centred and as wide as its count, with the rate from each step to the next
   * between them. The picture's accessible name says the same in words.
   */
  function funnel(svg, steps, rates) {
    clear(svg);
    if (steps.every(step => !step.value)) {
      svg.setAttribute('aria-label', 'Contact lifecycle funnel: no contacts in this window');
      empty(svg, 'no contacts in this window');
      return;
    }
    const { width } = size(svg);
    const max = Math.max(...steps.map(step => step.value));
    const stepHeight = 84, barHeight = 30, room = width - 40;
    steps.forEach((step, i) => {
      const top = 6 + i * stepHeight;
      svg.appendChild(el('text', { x: width / 2, y: top + 12, 'text-anchor': 'middle' }, step.value + ' ' + step.label));
      const barWidth = Math.max(2, (step.value / max) * room);
      const rect = el('rect', { x: (width - barWidth) / 2, y: top + 18, width: barWidth, height: barHeight,
        class: 'bar s' + i, 'data-value': step.value });
      rect.appendChild(el('title', {}, step.label + ': ' + step.value));
      svg.appendChild(rect);
      if (i < rates.length) {
        svg.appendChild(el('text', { x: width / 2, y: top + 18 + barHeight + 20, 'text-anchor': 'middle', class: 'rate' },
          '↓ ' + percent(rates[i].value) + ' ' + rates[i].label));
      }
    });
    svg.setAttribute('aria-label', 'Contact lifecycle funnel: ' + steps.map((step, i) => step.value + ' ' + step.label
      + (i > 0 ? ' (' + percent(rates[i - 1].value) + ')' : '')).join(', '));
    svg.setAttribute('data-points', String(steps.length));
  }

  /** The contact lifecycle: the window's funnel, the stages reached per bucket, the contacts per stage now. */
  function lifecycle(answer, bucket) {
    funnel(document.getElementById('chart-lifecycle-funnel'),
      [{ label: 'new contacts', value: answer.newContacts },
        { label: 'became opportunity', value: answer.becameOpportunity },
        { label: 'became customer', value: answer.becameCustomer }],
      [{ label: 'of new contacts', value: answer.opportunityRate },
        { label: 'of new opportunities', value: answer.customerRate }]);
    columns(document.getElementById('chart-lifecycle'),
      answer.buckets.map(b => ({ label: hourLabel(b.start, bucket), b: b })),
      [{ label: 'new contacts', value: c => c.b.newContacts },
        { label: 'opportunities', value: c => c.b.becameOpportunity },
        { label: 'customers', value: c => c.b.becameCustomer }], String, true);
    const now = answer.contactsByStage;
    document.getElementById('lifecycle-stages').textContent = ' · contacts now: leads ' + now.lead
      + ', opportunities ' + now.opportunity + ', customers ' + now.customer;
  }

  function card(label, value) {
    const div = document.createElement('div');
    div.className = 'card';
    div.innerHTML = '<div class="value"></div><div class="label"></div>';
    div.querySelector('.value').textContent = value;
    div.querySelector('.label').textContent = label;
    return div;
  }

  /** Says when the answer's percentiles come from duration histograms (large windows) rather than exact. */
  function precision(id, percentiles) {
    document.getElementById(id).textContent = percentiles && percentiles.exact === false
      ? ' · percentiles from duration histograms, within ' + Math.round(percentiles.maxRelativeError * 1000) / 10 + ' %'
      : '';
  }

  /** The window ending now; with a bucket, ending at the end of the current bucket, so buckets are whole. */
  function windowQuery(bucket) {
    const now = Date.now();
    const to = new Date(bucket ? (Math.floor(now / BUCKET_MS[bucket]) + 1) * BUCKET_MS[bucket] : now);
    const from = new Date(to.getTime() - WINDOWS[windowSelect.value]);
    return 'from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
  }

  function hourLabel(iso, bucket) {
    const date = new Date(iso);
    const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return bucket === 'PT1H' ? time : date.toLocaleDateString([], { month: 'short', day: 'numeric' })
      + (bucket === 'P1D' ? '' : ' ' + time);
  }

  async function refresh() {
    status.textContent = 'loading…';
    try {
      const bucket = BUCKETS[windowSelect.value];
      const [overview, contacts] = await Promise.all([
        get('/api/metrics/workflows?' + windowQuery()),
        get('/api/metrics/lifecycle?bucket=' + bucket + '&' + windowQuery(bucket))
      ]);
      lifecycle(contacts, bucket);
      const processes = overview.processes;
      if (!processSelect.options.length) {
        processes.forEach(p => processSelect.appendChild(new Option(p.name + ' (' + p.processKey + ')', p.processKey)));
        // /dashboard/?process=lead-intake opens with that process selected
        const wanted = new URLSearchParams(window.location.search).get('process');
        if (wanted && processes.some(p => p.processKey === wanted)) processSelect.value = wanted;
      }
      const selected = processSelect.value;
      const key = selected || (processes.find(p => p.completed > 0) || processes[0] || {}).processKey;
      if (key) processSelect.value = key;

      columns(document.getElementById('chart-latency'),
        processes.filter(p => p.completed > 0).map(p => ({ label: p.name, p: p })),
        [{ label: 'p50', value: c => c.p.latency.p50 }, { label: 'p95', value: c => c.p.latency.p95 },
          { label: 'p99', value: c => c.p.latency.p99 }], millis, true);
      precision('latency-precision', overview.percentiles);
      rateTiles(processes, key);
      columns(document.getElementById('chart-incidents'),
        processes.map(p => ({ label: p.name, p: p })),
        [{ label: 'open incidents', value: c => c.p.openIncidents }], String, false);
      const incidentSvg = document.getElementById('chart-incidents');
      if (incidentSvg.getAttribute('data-points') === '0') {
        clear(incidentSvg);
        empty(incidentSvg, 'no open incidents');
        incidentSvg.setAttribute('data-points', String(processes.length));
      }

      if (!key) {
        status.textContent = 'no processes deployed';
        return;
      }
      const [detail, throughput] = await Promise.all([
        get('/api/metrics/workflows/' + encodeURIComponent(key) + '?' + windowQuery()),
        get('/api/metrics/workflows/' + encodeURIComponent(key) + '/throughput?bucket=' + bucket + '&' + windowQuery(bucket))
      ]);
      const p = detail.process;
      const cards = document.getElementById('cards');
      cards.replaceChildren(card('started', p.started), card('completed', p.completed),
        card('throughput per hour', p.throughputPerHour.toFixed(1)), card('p95 end to end', millis(p.latency.p95)),
        card('in flight now', p.inFlight), card('open incidents', p.openIncidents));

      columns(document.getElementById('chart-throughput'),
        throughput.buckets.map(b => ({ label: hourLabel(b.start, bucket), b: b })),
        [{ label: 'started', value: c => c.b.started }, { label: 'completed', value: c => c.b.completed }],
        String, true);
      lines(document.getElementById('chart-rates'),
        throughput.buckets.map(b => ({ label: hourLabel(b.start, bucket), b: b })),
        [{ label: 'throughput rate', value: c => c.b.throughputRate },
          { label: 'flow efficiency', value: c => c.b.flowEfficiency }]);
      rows(document.getElementById('chart-conversion'),
        detail.conversion.map(c => ({ label: c.name, c: c })),
        [{ label: 'share', value: item => item.c.share }], v => Math.round(v * 100) + ' %');
      rows(document.getElementById('chart-steps'),
        detail.activities.filter(a => a.type.indexOf('Gateway') < 0 && a.type.indexOf('EndEvent') < 0
          && a.type.indexOf('startEvent') < 0).slice(0, 8).map(a => ({ label: a.name || a.activityId, a: a })),
        [{ label: 'avg', value: item => item.a.avgMillis }, { label: 'p95', value: item => item.a.p95Millis }],
        millis);
      precision('steps-precision', detail.percentiles);
      status.textContent = 'updated ' + new Date().toLocaleTimeString();
      document.body.setAttribute('data-loaded', 'true');
    } catch (error) {
      status.textContent = 'failed: ' + error.message;
      document.body.setAttribute('data-error', error.message);
    }
  }

  processSelect.addEventListener('change', refresh);
  windowSelect.addEventListener('change', refresh);
  refresh();
  setInterval(refresh, 60000);
})();
