'use strict';
// Flowlens web UI: one page per hash (#search?ip=...), everything from /api/, every text through textContent.
(function () {
  const main = document.getElementById('main');
  const charts = [];
  let info = null;

  // ---------- state in the URL ----------
  function parseHash() {
    const h = location.hash.replace(/^#/, '');
    const i = h.indexOf('?');
    const page = (i < 0 ? h : h.substring(0, i)) || 'overview';
    const params = new URLSearchParams(i < 0 ? '' : h.substring(i + 1));
    return { page, params };
  }
  function href(page, params) {
    const p = new URLSearchParams();
    const cur = parseHash().params;
    for (const k of ['from', 'to']) { if (cur.get(k) && !(params && k in params)) p.set(k, cur.get(k)); }
    for (const [k, v] of Object.entries(params || {})) { if (v !== null && v !== undefined && v !== '') p.set(k, v); }
    const s = p.toString();
    return '#' + page + (s ? '?' + s : '');
  }
  function go(page, params) { location.hash = href(page, params); }

  // ---------- DOM helpers ----------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function card(title, ...children) { return el('div', { class: 'card' }, title ? el('h3', {}, title) : null, ...children); }
  function showError(where, err) { where.append(el('div', { class: 'error', 'data-error': '1' }, String(err.message || err))); }
  // numbers that are identifiers or times, not quantities: shown without thousands separators
  const PLAIN = /(^|[-_])(start|end|t|port|srcport|dstport|version|line|protocol|id|first|last|count)$/;
  function fmt(v, column) {
    if (typeof v === 'number') return Number.isInteger(v) && !(column && PLAIN.test(column)) ? v.toLocaleString('en-US') : String(v);
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) { if (v !== null && v !== undefined && v !== '') q.set(k, v); }
    const s = q.toString();
    const r = await fetch('api/' + path + (s ? '?' + s : ''), { headers: { Accept: 'application/json' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error + (body.parameter ? ' [' + body.parameter + ']' : ''));
    return body;
  }
  function range() {
    const p = parseHash().params;
    return { from: p.get('from') || '', to: p.get('to') || '' };
  }
  function toEpoch(iso) { return Math.floor(Date.parse(iso) / 1000); }
  function iso(epoch) { return new Date(epoch * 1000).toISOString().replace('.000Z', 'Z'); }
  function span() {
    const r = range();
    const from = r.from ? toEpoch(r.from) : (info && info.first ? toEpoch(info.first) : 0);
    const to = r.to ? toEpoch(r.to) : (info && info.last ? toEpoch(info.last) : from + 3600);
    return { from, to };
  }
  function binFor() {
    const s = span();
    const want = Math.max(1, (s.to - s.from) / 120);
    for (const b of [60, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]) { if (b >= want) return b; }
    return 86400 * Math.ceil(want / 86400);
  }

  // ---------- tables ----------
  function download(name, type, text) {
    const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(a); a.click(); a.remove();
  }
  function csvCell(v) {
    const s = fmt(v).replace(/,/g, '');
    const raw = v === null || v === undefined ? '' : (typeof v === 'object' ? JSON.stringify(v) : String(v));
    return /[",\n\r]/.test(raw) ? '"' + raw.replace(/"/g, '""') + '"' : (typeof v === 'number' ? String(v) : raw || s);
  }
  // columns: names; rows: arrays; onRow(row) makes rows links
  function table(name, columns, rows, onRow) {
    const exports = el('span', { class: 'exports' },
      el('button', { type: 'button', onclick: () => download(name + '.csv', 'text/csv',
        [columns.join(',')].concat(rows.map(r => r.map(csvCell).join(','))).join('\n') + '\n') }, 'CSV'),
      el('button', { type: 'button', onclick: () => download(name + '.json', 'application/json',
        JSON.stringify(rows.map(r => Object.fromEntries(columns.map((c, i) => [c, r[i]]))), null, 2)) }, 'JSON'));
    const t = el('table', { 'data-table': name },
      el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c)))),
      el('tbody', {}, rows.map(r => el('tr', onRow ? { class: 'link', onclick: () => onRow(r) } : {},
        r.map((v, i) => el('td', typeof v === 'number' ? { class: 'num' } : {}, fmt(v, columns[i])))))));
    return el('div', {}, exports, el('div', { class: 'muted' }, rows.length + ' rows'), t);
  }
  function objectsTable(name, objects, onRow, columns) {
    const cols = columns || (objects.length ? Object.keys(objects[0]) : []);
    return table(name, cols, objects.map(o => cols.map(c => o[c])), onRow ? r => onRow(Object.fromEntries(cols.map((c, i) => [c, r[i]]))) : null);
  }

  // ---------- charts ----------
  function chart(div, option, onClick) {
    const c = echarts.init(div, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option);
    if (onClick) c.on('click', onClick);
    if (option.xAxis && option.xAxis.type === 'time') {
      // a range dragged with the zoom tool becomes the page's time range
      c.on('datazoom', () => {
        const z = (c.getOption().dataZoom || []).filter(x => x.startValue !== undefined && x.endValue !== undefined);
        if (!z.length) return;
        const { page, params } = parseHash();
        const p = Object.fromEntries(params.entries());
        delete p.offset;
        const last = z[z.length - 1];
        p.from = iso(Math.floor(last.startValue / 1000)); p.to = iso(Math.ceil(last.endValue / 1000));
        location.hash = '#' + page + '?' + new URLSearchParams(p).toString();
      });
    }
    charts.push(c);
    div.setAttribute('data-chart', 'ready');
    return c;
  }
  function chartDiv(name, tall) { return el('div', { class: 'chart' + (tall ? ' tall' : ''), 'data-chart-name': name }); }
  function seriesByAction(rows, value) {
    // rows: [t, action, ...]; returns series per action over [iso time, value]
    const by = {};
    for (const r of rows) { (by[r[1]] = by[r[1]] || []).push([r[0] * 1000, r[value]]); }
    return Object.keys(by).sort().map(a => ({ name: a, type: 'bar', stack: 'all', data: by[a], color: a === 'REJECT' ? '#d9534f' : '#4aa3ff' }));
  }
  function timeOption(title, series, bin) {
    const s = span();
    return {
      title: { text: title, textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, legend: { right: 70 },
      dataZoom: [{ type: 'inside', filterMode: 'none', zoomOnMouseWheel: false, moveOnMouseMove: false, moveOnMouseWheel: false }],
      toolbox: { right: 0, feature: { dataZoom: { yAxisIndex: 'none', title: { zoom: 'drag a time range', back: 'back' } } } },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'time', min: s.from * 1000, max: s.to * 1000 }, yAxis: { type: 'value' },
      series: series.map(x => Object.assign(x, { barMaxWidth: 20, barMinWidth: 2 })),
      bin
    };
  }
  function onTimeClick(bin, extra) {
    return p => {
      const t = Math.floor(p.value[0] / 1000);
      go('search', Object.assign({ from: iso(t), to: iso(t + bin - 1), action: p.seriesName }, extra || {}));
    };
  }

  // ---------- pages ----------
  const pages = {};

  pages.overview = async function (root) {
    const r = range();
    const bin = binFor();
    root.append(el('h2', {}, 'Overview'));
    const grid = el('div', { class: 'grid' });
    root.append(grid);
    const tops = [
      ['talkers', 'Top talkers (bytes)', row => ({ src: row.srcaddr })],
      ['ports', 'Top destination ports', row => ({ dstport: row.dstport })],
      ['pairs', 'Top pairs', row => ({ src: row.srcaddr, dst: row.dstaddr })],
      ['rejected-sources', 'Top rejected sources', row => ({ src: row.srcaddr, action: 'reject' })],
      ['rejected-destinations', 'Top rejected destinations', row => ({ dst: row.dstaddr, action: 'reject' })],
      ['directions', 'Traffic by direction and path', row => ({})],
      ['coverage', 'Capture coverage per ENI', row => ({ eni: row.eni })]
    ];
    // every request at once: the server answers them on one opening of the workspace; the four address lists in
    // one request, which reads the records once for all of them
    const combined = api('overview/tops', { from: r.from, to: r.to, limit: 10 });
    const pending = Promise.all(tops.map(t => ['talkers', 'pairs', 'rejected-sources', 'rejected-destinations'].includes(t[0])
      ? combined.then(all => all[t[0]]) : api('overview/' + t[0], { from: r.from, to: r.to, limit: 10 })));
    pending.catch(() => {}); // awaited below; marked handled so a failure is shown once, on the page
    const series = await api('overview/series', { from: r.from, to: r.to, bin });
    for (const [title, idx] of [['Bytes', 2], ['Packets', 3], ['Records', 4]]) {
      const d = chartDiv('series-' + title.toLowerCase());
      grid.append(card(null, d));
      chart(d, timeOption(title + ' by action (' + bin + ' s buckets)', seriesByAction(series.rows, idx), bin), onTimeClick(bin));
    }
    const results = await pending;
    tops.forEach((t, i) => {
      const res = results[i];
      const objs = res.rows.map(row => Object.fromEntries(res.columns.map((c, j) => [c, row[j]])));
      const c = card(t[1]);
      if (t[0] === 'talkers' || t[0] === 'rejected-sources') {
        const d = chartDiv('bar-' + t[0]);
        c.append(d);
        const key = res.columns[0];
        const val = t[0] === 'talkers' ? 'bytes' : 'records';
        const items = objs.slice().reverse();
        setTimeout(() => chart(d, {
          grid: { left: 110, right: 20, top: 10, bottom: 20 }, tooltip: {},
          xAxis: { type: 'value' }, yAxis: { type: 'category', data: items.map(o => String(o[key])) },
          series: [{ type: 'bar', data: items.map(o => o[val]), color: t[0] === 'talkers' ? '#4aa3ff' : '#d9534f' }]
        }, p => go('search', t[2](items[p.dataIndex]))), 0);
      }
      if (t[0] === 'coverage') {
        for (const o of objs) { o.first = o.first === null ? null : iso(o.first); o.last = o.last === null ? null : iso(o.last); }
      }
      c.append(objectsTable('overview-' + t[0], objs, t[0] === 'directions' ? null : o => go(t[0] === 'coverage' ? 'streams' : 'search', t[2](o))));
      grid.append(c);
    });
  };

  pages.streams = async function (root, params) {
    const eni = params.get('eni');
    root.append(el('h2', {}, eni ? 'Log stream ' + eni : 'Log streams'));
    if (!eni) {
      const streams = await api('streams', {});
      root.append(card(null, objectsTable('streams', streams, o => go('streams', { eni: o.stream }))));
      return;
    }
    const r = range();
    const bin = binFor();
    const hist = await api('search/histogram', { eni, from: r.from, to: r.to, bin });
    const d = chartDiv('stream-histogram');
    root.append(card(null, d));
    chart(d, timeOption('Records of ' + eni + ' by action', seriesByAction(hist.rows, 2), bin), onTimeClick(bin, { eni }));
    const found = await api('search', { eni, from: r.from, to: r.to, limit: 100 });
    root.append(card('Records', el('div', {}, el('a', { href: href('search', { eni }) }, 'Open in Search')), objectsTable('stream-records', found.rows)));
  };

  const FILTERS = ['q', 'ip', 'src', 'dst', 'port', 'dstport', 'protocol', 'action', 'eni', 'status'];
  function filterForm(params, names, onSubmit, extra) {
    const inputs = {};
    const f = el('form', { id: 'filter-form', onsubmit: e => { e.preventDefault(); onSubmit(Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim()]))); } });
    for (const n of names) {
      const input = el('input', { name: n, id: 'f-' + n, value: params.get(n) || '', size: n === 'q' ? 50 : 14 });
      inputs[n] = input;
      f.append(el('label', {}, n === 'q' ? 'filter pattern' : n, input));
    }
    if (extra) f.append(extra);
    f.append(el('button', { type: 'submit', id: 'filter-submit' }, 'Run'));
    return f;
  }

  pages.search = async function (root, params) {
    root.append(el('h2', {}, 'Search'));
    root.append(filterForm(params, FILTERS, v => go('search', v)));
    const r = range();
    const filters = { from: r.from, to: r.to };
    for (const n of FILTERS) { if (params.get(n)) filters[n] = params.get(n); }
    const bin = binFor();
    const offset = parseInt(params.get('offset') || '0', 10);
    const [hist, found] = await Promise.all([api('search/histogram', Object.assign({ bin }, filters)),
      api('search', Object.assign({ limit: 100, offset }, filters))]);
    const d = chartDiv('search-histogram');
    const total = hist.rows.reduce((a, x) => a + x[2], 0);
    root.append(card(null, el('div', { class: 'muted', id: 'match-count' }, total.toLocaleString('en-US') + ' records matched'), d));
    const keep = Object.assign({}, filters); delete keep.from; delete keep.to;
    chart(d, timeOption('Matches over time', seriesByAction(hist.rows, 2), bin), onTimeClick(bin, keep));
    const pager = el('div', {},
      offset > 0 ? el('a', { href: href('search', Object.assign({}, keep, { offset: Math.max(0, offset - 100) })), id: 'prev-page' }, '← previous 100') : null, ' ',
      found.more ? el('a', { href: href('search', Object.assign({}, keep, { offset: offset + 100 })), id: 'next-page' }, 'next 100 →') : null);
    root.append(card('Records ' + (offset + 1) + '–' + (offset + found.rows.length), pager, objectsTable('search-results', found.rows)));
  };

  pages.query = async function (root, params) {
    const mode = params.get('mode') === 'sql' ? 'sql' : 'insights';
    root.append(el('h2', {}, 'Query'));
    root.append(el('div', { class: 'tabs' },
      el('button', { type: 'button', id: 'tab-insights', class: mode === 'insights' ? 'active' : '', onclick: () => go('query', { mode: 'insights' }) }, 'Logs Insights'),
      el('button', { type: 'button', id: 'tab-sql', class: mode === 'sql' ? 'active' : '', onclick: () => go('query', { mode: 'sql' }) }, 'SQL')));
    const text = el('textarea', { id: 'query-text' });
    text.value = params.get('q') || (mode === 'sql' ? "SELECT action, count(*) AS records FROM flows GROUP BY 1 ORDER BY 2 DESC"
      : 'stats sum(bytes) as bytes by bin(5m)');
    root.append(el('form', { id: 'query-form', onsubmit: e => { e.preventDefault(); go('query', { mode, q: text.value }); } },
      text, el('button', { type: 'submit', id: 'query-run' }, 'Run')));
    if (!params.get('q')) return;
    const r = range();
    const res = mode === 'sql' ? await api('sql', { q: params.get('q') }) : await api('query', { q: params.get('q'), from: r.from, to: r.to });
    const isTime = res.rows.length > 0 && typeof res.rows[0][0] === 'string' && /^\d{4}-\d\d-\d\dT/.test(res.rows[0][0]);
    if (isTime) {
      const numeric = res.columns.map((c, i) => i).filter(i => i > 0 && typeof res.rows[0][i] === 'number');
      const d = chartDiv('query-chart');
      root.append(card(null, d));
      const times = [...new Set(res.rows.map(row => toEpoch(row[0])))].sort((a, b) => a - b);
      let bin = 300;
      for (let i = 1; i < times.length; i++) { if (i === 1 || times[i] - times[i - 1] < bin) bin = times[i] - times[i - 1]; }
      chart(d, {
        tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'time' }, yAxis: { type: 'value' },
        series: numeric.map(i => ({ name: res.columns[i], type: 'line', showSymbol: true,
          data: res.rows.map(row => [Date.parse(row[0]), row[i]]).sort((a, b) => a[0] - b[0]) }))
      }, p => { const t = Math.floor(p.value[0] / 1000); go('search', { from: iso(t), to: iso(t + Math.max(bin, 1) - 1) }); });
    }
    root.append(card('Results', table('query-results', res.columns, res.rows)));
  };

  pages.conversations = async function (root, params) {
    root.append(el('h2', {}, 'Conversations'));
    const names = ['ip', 'port', 'protocol', 'action'];
    root.append(filterForm(params, names, v => go('conversations', v)));
    const r = range();
    const q = { from: r.from, to: r.to, limit: 200 };
    for (const n of names) { if (params.get(n)) q[n] = params.get(n); }
    const rows = await api('conversations', q);
    const cols = ['verdict', 'proto', 'client', 'server', 'enis', 'first', 'last', 'req_packets', 'req_bytes', 'reply_packets', 'reply_bytes', 'req_flags', 'reply_flags'];
    root.append(card(null, objectsTable('conversations', rows, o => {
      const full = rows.find(x => x.client === o.client && x.server === o.server && x.proto === o.proto);
      go('diagnose', { src: full.client_address, dst: full.server_address, port: full.server_port, protocol: full.protocol });
    }, cols)));
  };

  pages.diagnose = async function (root, params) {
    root.append(el('h2', {}, 'Diagnose: is it the network?'));
    root.append(filterForm(params, ['src', 'dst', 'port', 'protocol', 'config'], v => go('diagnose', v)));
    if (!params.get('dst')) { root.append(el('p', { class: 'muted' }, 'Give at least the destination (dst).')); return; }
    const r = range();
    const q = { from: r.from, to: r.to };
    for (const n of ['src', 'dst', 'port', 'protocol', 'config']) { if (params.get(n)) q[n] = params.get(n); }
    const d = await api('diagnose', q);
    const good = d.verdict === 'ESTABLISHED';
    root.append(card(null, el('div', { class: 'verdict ' + (good ? 'good' : 'bad'), id: 'verdict' }, d.verdict), el('p', { id: 'summary' }, d.summary),
      el('h3', {}, 'Likely causes'), el('ol', {}, d.causes.map(c => el('li', {}, c))),
      d.rules ? el('div', {}, el('h3', {}, 'Rules (configuration)'), el('ul', {}, d.rules.findings.map(f => el('li', {}, (f.allowed ? 'allow ' : 'DENY ') + f.rule)),
        d.rules.notes.map(n => el('li', {}, 'note: ' + n)))) : null,
      el('h3', {}, 'Coverage'), el('ul', {}, d.coverage.notes.map(n => el('li', {}, n)))));
    root.append(card('Attempts', objectsTable('attempts', d.attempts.map(a => Object.assign({}, a, { clients: a.clients.join(' '), enis: a.enis.join(' ') })))));
    if (d.evidence.length) {
      const div = chartDiv('evidence-timeline');
      root.append(card('Evidence: request and reply on a timeline', div));
      const lanes = [...new Set(d.evidence.map(e => e.srcaddr + ' → ' + e.dstaddr))];
      chart(div, {
        tooltip: { formatter: p => echarts.format.encodeHTML(p.data.label) }, grid: { left: 200, right: 20, top: 20, bottom: 30 },
        xAxis: { type: 'time' }, yAxis: { type: 'category', data: lanes },
        series: ['ACCEPT', 'REJECT'].map(a => ({ name: a, type: 'scatter', symbolSize: 10, color: a === 'REJECT' ? '#d9534f' : '#4aa3ff',
          data: d.evidence.filter(e => e.action === a).map(e => ({ value: [Date.parse(e.start), e.srcaddr + ' → ' + e.dstaddr],
            label: e.file + ':' + e.line + ' ' + e.action, ev: e })) }))
      }, p => go('search', { src: p.data.ev.srcaddr, dst: p.data.ev.dstaddr, from: iso(toEpoch(p.data.ev.start)), to: iso(toEpoch(p.data.ev.end)) }));
      root.append(card('Evidence records', objectsTable('evidence', d.evidence)));
    }
  };

  pages.graph = async function (root, params) {
    root.append(el('h2', {}, 'Who talks to whom'));
    const r = range();
    const [sankey, graph] = await Promise.all([api('sankey', { from: r.from, to: r.to, limit: 40 }),
      api('graph', { from: r.from, to: r.to, level: params.get('level') || 'auto', max_nodes: 150, limit: 500 })]);
    const sd = chartDiv('sankey', true);
    root.append(card('Client → service port → server (bytes)', sd));
    const nodes = new Set();
    const links = [];
    for (const [src, port, dst, bytes] of sankey.rows) {
      const a = 'client ' + src, b = 'port ' + port, c = 'server ' + dst;
      nodes.add(a); nodes.add(b); nodes.add(c);
      links.push({ source: a, target: b, value: Math.max(bytes || 0, 1) }, { source: b, target: c, value: Math.max(bytes || 0, 1) });
    }
    chart(sd, { tooltip: {}, series: [{ type: 'sankey', data: [...nodes].map(n => ({ name: n })), links, emphasis: { focus: 'adjacency' }, label: { fontSize: 11 } }] },
      p => {
        if (p.dataType !== 'node') return;
        const [kind, v] = p.name.split(' ');
        go('search', kind === 'port' ? { port: v } : { ip: v });
      });
    const gd = chartDiv('graph', true);
    const levels = { address: 'addresses', subnet: 'subnets', eni: 'interfaces (ENIs)' };
    const own = graph.eni_addresses || {};
    const addressOf = n => own[n] || n;
    root.append(card('Graph (' + levels[graph.level] + '; red edges have rejected records; ' + graph.nodes.length + ' nodes)',
      el('div', { id: 'graph-levels' }, el('a', { href: href('graph', { level: 'address' }) }, 'addresses'), ' · ',
        el('a', { href: href('graph', { level: 'subnet' }) }, 'subnets'), ' · ', el('a', { href: href('graph', { level: 'eni' }) }, 'ENIs')), gd));
    const maxBytes = Math.max(1, ...graph.edges.map(e => e.bytes));
    const weight = {};
    for (const e of graph.edges) { weight[e.source] = (weight[e.source] || 0) + e.bytes; weight[e.target] = (weight[e.target] || 0) + e.bytes; }
    const maxWeight = Math.max(1, ...Object.values(weight));
    const isPrivate = n => /^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.|f[cd])/.test(n);
    chart(gd, {
      tooltip: {}, legend: { data: ['private', 'public'] },
      series: [{ type: 'graph', layout: 'force', roam: true, draggable: true, layoutAnimation: false,
        force: { repulsion: 90, gravity: 0.15, edgeLength: [20, 90] },
        categories: [{ name: 'private', itemStyle: { color: '#2f7ed8' } }, { name: 'public', itemStyle: { color: '#f0a030' } }],
        label: { show: graph.nodes.length <= 40, fontSize: 10 },
        data: graph.nodes.map(n => ({ name: n, category: isPrivate(addressOf(n)) ? 0 : 1, symbolSize: 6 + 24 * Math.sqrt((weight[n] || 0) / maxWeight),
          label: { show: (weight[n] || 0) > maxWeight / 20 || graph.nodes.length <= 40 } })),
        edges: graph.edges.map(e => ({ source: e.source, target: e.target, value: e.bytes,
          lineStyle: { width: 0.5 + 5 * Math.log(1 + e.bytes) / Math.log(1 + maxBytes), opacity: 0.6, color: e.rejected > 0 ? '#d9534f' : '#8aa4c0' }, edge: e })),
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 5 }]
    }, p => {
      if (p.dataType === 'node') go('search', { ip: addressOf(p.name) });
      else if (p.dataType === 'edge') go('search', { src: addressOf(p.data.source), dst: addressOf(p.data.target) });
    });
  };

  pages.ingest = async function (root) {
    root.append(el('h2', {}, 'Load flow logs'));
    const files = el('input', { type: 'file', multiple: 'multiple', id: 'ingest-files' });
    const path = el('input', { id: 'ingest-path', size: 50, placeholder: '/path/to/flowlogs/ (on the server) or s3://bucket/prefix/' });
    const out = el('div', { id: 'ingest-result' });
    const bar = el('progress', { id: 'ingest-bar', max: 1, value: 0, hidden: 'hidden' });
    const status = el('div', { id: 'ingest-progress' });
    // what GET api/ingest/progress says, as text (never as HTML)
    const showProgress = p => {
      if (p.files > 0) { bar.max = p.files; bar.value = p.files_done; bar.hidden = false; }
      status.textContent = (p.running ? 'Loading ' : 'Loaded ') + (p.source || '') + ': ' +
        (p.files < 0 ? 'listing…' : p.files_done + ' of ' + p.files + ' files') + ', ' +
        p.records.toLocaleString('en-US') + ' records, ' + p.bad_lines.toLocaleString('en-US') + ' bad lines' +
        (p.files_skipped ? ', ' + p.files_skipped + ' skipped' : '') + (p.files_failed ? ', ' + p.files_failed + ' failed' : '') +
        ' (' + p.seconds.toFixed(1) + ' s)';
    };
    root.append(el('form', { id: 'ingest-form', onsubmit: async e => {
      e.preventDefault();
      out.textContent = 'Loading…';
      const body = new FormData();
      for (const f of files.files) body.append('files', f);
      if (path.value.trim()) body.append('path', path.value.trim());
      let polling = true;
      const poll = async () => {
        while (polling) {
          try { const p = await api('ingest/progress', {}); if (polling) showProgress(p); } catch (err) { /* the next poll tells */ }
          await new Promise(done => setTimeout(done, 300));
        }
      };
      const polled = poll();
      try {
        const r = await fetch('api/ingest', { method: 'POST', body });
        const j = await r.json();
        polling = false;
        await polled;
        out.textContent = '';
        if (!r.ok) throw new Error(j.error);
        showProgress(await api('ingest/progress', {}));
        out.append(objectsTable('ingest', [{ files_loaded: j.files_loaded, files_skipped: j.files_skipped, files_failed: j.files_failed,
          records: j.records, bad_lines: j.bad_lines, seconds: j.seconds }]));
        await loadInfo();
      } catch (err) { polling = false; out.textContent = ''; showError(out, err); }
    } }, el('label', {}, 'files', files), el('label', {}, 'or a local path or s3:// URL', path), el('button', { type: 'submit' }, 'Load')), bar, status, out);
  };

  // ---------- frame ----------
  async function loadInfo() {
    info = await api('info', {});
    document.getElementById('workspace-info').textContent = info.records.toLocaleString('en-US') + ' records, ' + (info.first || '-') + ' – ' + (info.last || '-');
  }
  function setupRange() {
    document.querySelectorAll('#range button[data-preset]').forEach(b => b.addEventListener('click', () => {
      const { page, params } = parseHash();
      const p = Object.fromEntries(params.entries());
      delete p.offset;
      if (b.dataset.preset === 'all' || !info || !info.last) { delete p.from; delete p.to; }
      else {
        const last = toEpoch(info.last);
        p.from = iso(last - (b.dataset.preset === '1h' ? 3600 : 86400)); p.to = iso(last);
      }
      location.hash = '#' + page + '?' + new URLSearchParams(p).toString();
    }));
    document.getElementById('range-apply').addEventListener('click', () => {
      const { page, params } = parseHash();
      const p = Object.fromEntries(params.entries());
      p.from = document.getElementById('range-from').value.trim(); p.to = document.getElementById('range-to').value.trim();
      if (!p.from) delete p.from;
      if (!p.to) delete p.to;
      location.hash = '#' + page + '?' + new URLSearchParams(p).toString();
    });
  }
  async function render() {
    while (charts.length) charts.pop().dispose();
    const { page, params } = parseHash();
    document.querySelectorAll('#nav a').forEach(a => {
      a.classList.toggle('active', a.dataset.page === page);
      a.setAttribute('href', href(a.dataset.page, {}));
    });
    document.getElementById('range-from').value = params.get('from') || '';
    document.getElementById('range-to').value = params.get('to') || '';
    main.textContent = '';
    main.removeAttribute('data-ready');
    main.removeAttribute('data-ready-ms');
    const root = el('div', { 'data-page': page });
    main.append(root);
    try {
      if (!info) await loadInfo();
      await (pages[page] || pages.overview)(root, params);
    } catch (err) {
      showError(root, err);
    }
    await new Promise(res => setTimeout(res, 0));
    main.setAttribute('data-ready-ms', String(Math.round(performance.now())));
    main.setAttribute('data-ready', page);
  }
  window.addEventListener('hashchange', render);
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
  setupRange();
  render();
})();
